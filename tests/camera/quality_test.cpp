// The quality gate flags blur and glare on the synthetic set, and framing and flatness
// problems on constructed detections.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "peripherals/camera/quality.h"
#include "tests/camera/synth_scene.h"

namespace jiuzhu::camera {
namespace {

bool has(const Quality& q, const std::string& code) {
  return std::any_of(q.problems.begin(), q.problems.end(), [&](const Problem& p) { return p.code == code; });
}

// The gate is judged on the true page outline, so that a detector miss (the detector test's
// business) cannot hide or fake a quality verdict.
PageDetection truth(const synth::Scene& s) {
  PageDetection d;
  d.found = true;
  d.corners = s.corners;
  return d;
}

synth::Scene scene(std::uint64_t seed, double blur, bool glare) {
  synth::SceneOptions opt;
  opt.size = {960, 540};
  opt.blur_sigma = blur;
  opt.glare = glare;
  return synth::make_scene(seed, opt);
}

TEST(Quality, SharpPagesPassAndBlurredPagesAreFlagged) {
  int sharp_ok = 0, blur_flagged = 0, n = 0;
  for (std::uint64_t seed = 300; seed < 310; ++seed) {
    synth::Scene sharp = scene(seed, 0.0, false);
    synth::Scene blurred = scene(seed, 6.0, false);
    PageDetection ds = truth(sharp), db = truth(blurred);
    ++n;
    Quality qs = assess_quality(sharp.image, ds), qb = assess_quality(blurred.image, db);
    std::cout << "seed " << seed << " sharpness " << qs.sharpness << " vs blurred " << qb.sharpness << "\n";
    sharp_ok += !has(qs, "blurry");
    blur_flagged += has(qb, "blurry");
    EXPECT_GT(qs.sharpness, qb.sharpness);
  }
  EXPECT_EQ(sharp_ok, n);
  EXPECT_EQ(blur_flagged, n);
}

TEST(Quality, GlareOnThePageIsFlagged) {
  int clean_ok = 0, glare_flagged = 0, n = 0;
  for (std::uint64_t seed = 400; seed < 410; ++seed) {
    synth::Scene clean = scene(seed, 0.0, false);
    synth::Scene shiny = scene(seed, 0.0, true);
    PageDetection dc = truth(clean), dg = truth(shiny);
    ++n;
    Quality qc = assess_quality(clean.image, dc), qg = assess_quality(shiny.image, dg);
    std::cout << "seed " << seed << " glare " << qc.glare << " vs " << qg.glare << "\n";
    clean_ok += !has(qc, "glare");
    glare_flagged += has(qg, "glare");
  }
  EXPECT_EQ(clean_ok, n);
  EXPECT_EQ(glare_flagged, n);
}

TEST(Quality, NoPageMeansOneProblem) {
  cv::Mat frame(540, 960, CV_8UC3, cv::Scalar(90, 90, 90));
  Quality q = assess_quality(frame, PageDetection{});
  EXPECT_FALSE(q.ok);
  ASSERT_EQ(q.problems.size(), 1u);
  EXPECT_EQ(q.problems[0].code, "no_page");
  EXPECT_EQ(q.problems[0].message, "请把材料放在框内");
}

TEST(Quality, FramingAndFlatnessFromTheCorners) {
  cv::Mat frame(540, 960, CV_8UC3, cv::Scalar(60, 60, 60));
  PageDetection d;
  d.found = true;
  // Touching the left edge of the frame.
  d.corners = {cv::Point2f(0, 50), cv::Point2f(400, 50), cv::Point2f(400, 500), cv::Point2f(0, 500)};
  Quality q = assess_quality(frame, d);
  EXPECT_TRUE(has(q, "out_of_frame"));
  // Tiny in the middle.
  d.corners = {cv::Point2f(450, 250), cv::Point2f(520, 250), cv::Point2f(520, 300), cv::Point2f(450, 300)};
  q = assess_quality(frame, d);
  EXPECT_TRUE(has(q, "too_small"));
  EXPECT_FALSE(has(q, "out_of_frame"));
  // A strong trapezoid: the page is lifted or the camera looks from the side.
  d.corners = {cv::Point2f(300, 60), cv::Point2f(660, 60), cv::Point2f(900, 500), cv::Point2f(60, 500)};
  q = assess_quality(frame, d);
  EXPECT_TRUE(has(q, "not_flat"));
  EXPECT_EQ(make_problem("not_flat").message, "请把材料放平");
  EXPECT_EQ(make_problem("glare").message, "有反光");
  EXPECT_EQ(make_problem("blurry").message, "画面模糊，请拿稳");
}

}  // namespace
}  // namespace jiuzhu::camera
