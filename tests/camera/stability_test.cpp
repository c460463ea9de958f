// The auto-capture state machine, driven with made-up timestamps at 30 frames a second.
#include <gtest/gtest.h>

#include "peripherals/camera/stability.h"

namespace jiuzhu::camera {
namespace {

const cv::Size kFrame(1920, 1080);

Quad page(float dx = 0) {
  return {cv::Point2f(400 + dx, 200), cv::Point2f(1200 + dx, 200), cv::Point2f(1200 + dx, 1000),
          cv::Point2f(400 + dx, 1000)};
}

TEST(Stability, CapturesOnceAfterHalfASecondOfStillness) {
  StabilityTracker t(kFrame);
  int captures = 0;
  double first = -1;
  for (int i = 0; i < 60; ++i) {
    double ts = i * 33.3;
    CaptureState s = t.update(ts, page(i % 2 ? 1.5f : 0.f), true);  // detector jitter
    if (s == CaptureState::capture) {
      ++captures;
      if (first < 0) first = ts;
    }
  }
  EXPECT_EQ(captures, 1);
  EXPECT_GE(first, 500);
  EXPECT_LT(first, 540);
  EXPECT_EQ(t.state(), CaptureState::captured);
}

TEST(Stability, MovementOrBadQualityRestartsTheWait) {
  StabilityTracker t(kFrame);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(t.update(i * 33.3, page(i * 30.f), true), CaptureState::steadying);
  EXPECT_LT(t.steady_ms(), 40);
  double ts = 400;
  for (int i = 0; i < 10; ++i, ts += 33.3) t.update(ts, page(300), true);
  EXPECT_EQ(t.update(ts, page(300), false), CaptureState::searching);  // glare appeared
  ts += 33.3;
  EXPECT_EQ(t.update(ts, page(300), true), CaptureState::steadying);
  EXPECT_EQ(t.update(ts + 499, page(300), true), CaptureState::steadying);
  EXPECT_EQ(t.update(ts + 501, page(300), true), CaptureState::capture);
}

TEST(Stability, ReArmsWhenThePageLeavesOrMoves) {
  StabilityTracker t(kFrame);
  double ts = 0;
  auto run = [&](const std::optional<Quad>& q, int frames) {
    CaptureState s = t.state();
    for (int i = 0; i < frames; ++i, ts += 33.3) s = t.update(ts, q, true);
    return s;
  };
  EXPECT_EQ(run(page(), 20), CaptureState::captured);
  EXPECT_EQ(run(page(), 50), CaptureState::captured);  // left on the tray: no second copy
  EXPECT_EQ(run(std::nullopt, 1), CaptureState::captured);  // one missed frame is not leaving
  EXPECT_EQ(run(std::nullopt, 5), CaptureState::searching);
  EXPECT_EQ(run(page(), 20), CaptureState::captured);  // next page placed: captured again
  EXPECT_EQ(run(page(200), 1), CaptureState::steadying);  // moved well clear
  t.reset();
  EXPECT_EQ(t.state(), CaptureState::searching);
}

TEST(Stability, TimeGoingBackwardsRestartsTheWait) {
  StabilityTracker t(kFrame);
  t.update(10000, page(), true);
  t.update(10400, page(), true);
  EXPECT_EQ(t.update(100, page(), true), CaptureState::steadying);
  EXPECT_EQ(t.update(400, page(), true), CaptureState::steadying);
  EXPECT_EQ(t.update(600, page(), true), CaptureState::capture);
  EXPECT_STREQ(capture_state_name(CaptureState::capture), "capture");
}

}  // namespace
}  // namespace jiuzhu::camera
