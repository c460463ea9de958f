// Corner accuracy of the page detector on the project's synthetic set, plus the cases where
// there is nothing to find.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include <opencv2/imgproc.hpp>

#include "peripherals/camera/page_detector.h"
#include "tests/camera/synth_scene.h"

namespace jiuzhu::camera {
namespace {

// Error of a detection against the truth, trying every cyclic start so that a rotation of
// the labels (not a real error) is not counted twice; the pipeline's own order is checked
// separately.
double corner_error(const Quad& got, const Quad& truth) {
  double best = 1e18;
  for (int shift = 0; shift < 4; ++shift) {
    Quad r;
    for (int i = 0; i < 4; ++i) r[i] = got[(i + shift) % 4];
    best = std::min(best, max_corner_distance(r, truth));
  }
  return best;
}

TEST(PageDetector, FindsCornersWithinOnePercentOnSyntheticSet) {
  const cv::Size size(960, 540);
  const double tol = 0.01 * std::hypot(size.width, size.height);
  int good = 0, ordered = 0;
  const int n = 100;
  for (int i = 0; i < n; ++i) {
    synth::SceneOptions opt;
    opt.size = size;
    synth::Scene s = synth::make_scene(7000 + i, opt);
    PageDetection d = detect_page(s.image);
    double err = d.found ? corner_error(d.corners, s.corners) : 1e9;
    if (err <= tol) ++good;
    else std::cout << "miss seed " << 7000 + i << " (" << s.describe() << ") err=" << err << "\n";
    if (d.found && max_corner_distance(d.corners, s.corners) <= tol) ++ordered;
  }
  std::cout << "within 1% of diagonal: " << good << "/" << n << "\n";
  EXPECT_GE(good, 95);
  // Corners come back clockwise from top-left, as the truth is ordered.
  EXPECT_EQ(ordered, good);
}

TEST(PageDetector, NothingOnAnEmptyOrFlatImage) {
  EXPECT_FALSE(detect_page(cv::Mat()).found);
  cv::Mat flat(540, 960, CV_8UC3, cv::Scalar(120, 130, 140));
  EXPECT_FALSE(detect_page(flat).found);
  cv::Mat noise(540, 960, CV_8UC3);
  cv::RNG rng(3);
  rng.fill(noise, cv::RNG::UNIFORM, 0, 255);
  EXPECT_FALSE(detect_page(noise).found);
}

TEST(PageDetector, AcceptsGreyImages) {
  synth::SceneOptions opt;
  opt.size = {960, 540};
  opt.background = synth::Background::dark_desk;
  synth::Scene s = synth::make_scene(42, opt);
  cv::Mat grey;
  cv::cvtColor(s.image, grey, cv::COLOR_BGR2GRAY);
  PageDetection d = detect_page(grey);
  ASSERT_TRUE(d.found);
  EXPECT_LE(max_corner_distance(d.corners, s.corners), 0.01 * std::hypot(960, 540));
}

}  // namespace
}  // namespace jiuzhu::camera
