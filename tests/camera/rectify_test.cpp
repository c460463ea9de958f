// Rectification restores the page's real proportions; enhancement makes paper white and
// keeps the ink.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "peripherals/camera/rectify.h"
#include "tests/camera/synth_scene.h"

namespace jiuzhu::camera {
namespace {

TEST(Rectify, OutputHasTheFormatsAspect) {
  for (PageKind kind : {PageKind::a4, PageKind::booklet, PageKind::id_card}) {
    synth::SceneOptions opt;
    opt.size = {960, 540};
    opt.kind = kind;
    opt.max_tilt_deg = 3;
    synth::Scene s = synth::make_scene(11 + static_cast<int>(kind), opt);
    cv::Mat page = rectify_page(s.image, s.corners, kind);
    ASSERT_FALSE(page.empty());
    double aspect = double(std::max(page.cols, page.rows)) / std::min(page.cols, page.rows);
    EXPECT_NEAR(aspect, page_aspect(kind), 0.01 * page_aspect(kind)) << page_kind_name(kind);
    // Cards lie landscape, forms and booklet pages portrait, as in the photo.
    EXPECT_EQ(page.cols > page.rows, kind == PageKind::id_card) << page_kind_name(kind);
  }
}

TEST(Rectify, UnknownKindSnapsToANearbyFormatOrKeepsTheMeasuredShape) {
  Quad a4_like{cv::Point2f(100, 100), cv::Point2f(310, 100), cv::Point2f(310, 397), cv::Point2f(100, 397)};
  cv::Size s = rectified_size(a4_like, PageKind::unknown, 4000);
  EXPECT_NEAR(double(s.height) / s.width, page_aspect(PageKind::a4), 0.01);
  Quad square{cv::Point2f(0, 0), cv::Point2f(200, 0), cv::Point2f(200, 200), cv::Point2f(0, 200)};
  s = rectified_size(square, PageKind::unknown, 4000);
  EXPECT_EQ(s.width, s.height);
  s = rectified_size(a4_like, PageKind::a4, 150);  // capped
  EXPECT_EQ(s.height, 150);
  EXPECT_TRUE(rectify_page(cv::Mat(), a4_like).empty());
}

TEST(Enhance, PaperBecomesWhiteAndInkStaysDark) {
  synth::SceneOptions opt;
  opt.size = {1280, 720};
  opt.kind = PageKind::a4;
  opt.background = synth::Background::dark_desk;
  opt.glare = false;
  opt.blur_sigma = 0;
  synth::Scene s = synth::make_scene(5, opt);
  cv::Mat page = rectify_page(s.image, s.corners, PageKind::a4);
  cv::Mat out = enhance_page(page);
  ASSERT_EQ(out.size(), page.size());
  ASSERT_EQ(out.type(), page.type());
  cv::Mat g_in, g_out;
  cv::cvtColor(page, g_in, cv::COLOR_BGR2GRAY);
  cv::cvtColor(out, g_out, cv::COLOR_BGR2GRAY);
  // Paper: the median. Ink: the darkest 1 %.
  auto pct = [](const cv::Mat& g, double p) {
    std::vector<uchar> v(g.begin<uchar>(), g.end<uchar>());
    std::nth_element(v.begin(), v.begin() + static_cast<long>(p * v.size()), v.end());
    return static_cast<int>(v[static_cast<size_t>(p * v.size())]);
  };
  EXPECT_GE(pct(g_out, 0.5), 245);
  EXPECT_GT(pct(g_out, 0.5), pct(g_in, 0.5));
  EXPECT_LE(pct(g_out, 0.01), 90);
  // Uneven light is gone: the paper level (the strip's median) is the same at both ends of
  // the page, and on each side.
  const int h = g_out.rows / 10, w = g_out.cols / 10;
  int top = pct(g_out(cv::Rect(0, 0, g_out.cols, h)).clone(), 0.5);
  int bottom = pct(g_out(cv::Rect(0, g_out.rows - h, g_out.cols, h)).clone(), 0.5);
  int left = pct(g_out(cv::Rect(0, 0, w, g_out.rows)).clone(), 0.5);
  int right = pct(g_out(cv::Rect(g_out.cols - w, 0, w, g_out.rows)).clone(), 0.5);
  EXPECT_NEAR(top, bottom, 8);
  EXPECT_NEAR(left, right, 8);
}

}  // namespace
}  // namespace jiuzhu::camera
