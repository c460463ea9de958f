// When to take the picture: a small state machine the kiosk feeds once per preview frame.
//
// Auto-capture fires once the page has been found, passed the quality gate and stayed put
// (every corner within `max_motion` × the frame diagonal of where it was when the steady
// period began) for `hold_ms`. It fires once per placement: after a capture the tracker waits
// until the page is taken away or moved well clear before it can fire again, so a resident
// who leaves the page on the tray does not get ten copies.
//
// Time comes from the caller (a monotonic clock in milliseconds), so the tracker is a pure
// function of its inputs and tests drive it with made-up timestamps.
//
// Thread-safety: not thread-safe; one instance per camera, fed from the camera's thread.
#pragma once

#include <optional>

#include <opencv2/core.hpp>

#include "peripherals/camera/geometry.h"

namespace jiuzhu::camera {

struct StabilityOptions {
  double hold_ms = 500;        // how long the page must be steady and good
  double max_motion = 0.01;    // allowed corner drift during that time, × frame diagonal
  double rearm_motion = 0.05;  // a captured page must move this far (or leave) to re-arm
  int absent_frames = 3;       // frames without a page before a captured page counts as gone
};

enum class CaptureState {
  searching,  // no good page in view
  steadying,  // good page in view, waiting for it to be still long enough
  capture,    // take the picture now (reported for exactly one frame)
  captured,   // picture taken; waiting for the page to go away or move
};

const char* capture_state_name(CaptureState s);

class StabilityTracker {
 public:
  explicit StabilityTracker(cv::Size frame_size, StabilityOptions options = {});

  // One preview frame: `corners` when a page was found, `good` when it passed the quality
  // gate. Timestamps must not go backwards; if they do, the steady period restarts.
  CaptureState update(double timestamp_ms, const std::optional<Quad>& corners, bool good);

  CaptureState state() const { return state_; }
  // How long the current steady period has lasted (0 when not steadying).
  double steady_ms() const;
  // Forget everything (e.g. when the kiosk moves to the next document).
  void reset();

 private:
  StabilityOptions opt_;
  double diag_;
  CaptureState state_ = CaptureState::searching;
  std::optional<Quad> anchor_;    // corners when the steady period began
  std::optional<Quad> captured_;  // corners of the last capture
  double since_ = 0, last_t_ = 0;
  int absent_ = 0;
};

}  // namespace jiuzhu::camera
