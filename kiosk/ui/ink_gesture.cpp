#include "kiosk/ui/ink_gesture.h"

#include <algorithm>
#include <cmath>

namespace jiuzhu::kiosk {

InkDecision classify_press(const std::vector<PressSample>& samples, float side, bool released) {
  if (samples.empty()) return InkDecision::undecided;
  const PressSample& first = samples.front();
  float travel = 0;
  for (size_t i = 0; i < samples.size(); ++i) {
    const PressSample& s = samples[i];
    if (s.fingers >= 2) return InkDecision::scroll;
    const double dt = s.t_ms - first.t_ms;
    const float dx = std::fabs(s.x - first.x), dy = std::fabs(s.y - first.y);
    if (i > 0) travel += std::hypot(s.x - samples[i - 1].x, s.y - samples[i - 1].y);
    // Each sample is judged as the press stood then, so that the answer does not change
    // when later samples arrive (sticky).
    if (dt <= kDecideMs) {
      const bool flick = dy >= kFlickPx && dy >= 2 * dx && dy >= kFlickPxPerMs * static_cast<float>(std::max(dt, 1.0));
      const bool left_board = s.y < -kLeavePx || s.y > side + kLeavePx;
      if (flick || left_board) return InkDecision::scroll;
    }
    if (dt >= kDecideMs || travel >= kFlickPx) return InkDecision::ink;
  }
  return released ? InkDecision::ink : InkDecision::undecided;
}

}  // namespace jiuzhu::kiosk
