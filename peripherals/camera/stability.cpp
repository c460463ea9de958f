#include "peripherals/camera/stability.h"

#include <cmath>

namespace jiuzhu::camera {

const char* capture_state_name(CaptureState s) {
  switch (s) {
    case CaptureState::searching: return "searching";
    case CaptureState::steadying: return "steadying";
    case CaptureState::capture: return "capture";
    case CaptureState::captured: return "captured";
  }
  return "?";
}

StabilityTracker::StabilityTracker(cv::Size frame_size, StabilityOptions options)
    : opt_(options), diag_(std::hypot(frame_size.width, frame_size.height)) {}

void StabilityTracker::reset() {
  state_ = CaptureState::searching;
  anchor_.reset();
  captured_.reset();
  since_ = last_t_ = 0;
  absent_ = 0;
}

double StabilityTracker::steady_ms() const {
  return state_ == CaptureState::steadying && anchor_ ? last_t_ - since_ : 0.0;
}

CaptureState StabilityTracker::update(double t, const std::optional<Quad>& corners, bool good) {
  const bool went_back = t < last_t_;
  last_t_ = t;
  if (state_ == CaptureState::capture) state_ = CaptureState::captured;

  if (state_ == CaptureState::captured) {
    // Stay captured while the same page lies there; quality dips do not re-arm.
    if (!corners) {
      if (++absent_ < opt_.absent_frames) return state_;
    } else if (max_corner_distance(*corners, *captured_) <= opt_.rearm_motion * diag_) {
      absent_ = 0;
      return state_;
    }
    captured_.reset();
    anchor_.reset();
    absent_ = 0;
    state_ = CaptureState::searching;
  }

  if (!corners || !good) {
    anchor_.reset();
    state_ = CaptureState::searching;
    return state_;
  }
  if (went_back || !anchor_ || max_corner_distance(*corners, *anchor_) > opt_.max_motion * diag_) {
    anchor_ = corners;
    since_ = t;
  }
  if (t - since_ >= opt_.hold_ms) {
    state_ = CaptureState::capture;
    captured_ = corners;
    anchor_.reset();
  } else {
    state_ = CaptureState::steadying;
  }
  return state_;
}

}  // namespace jiuzhu::camera
