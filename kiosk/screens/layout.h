// Layout blocks several screens share (kept here so that they stay the same everywhere): a
// fixed, non-scrolling content column under the top bar; the bottom bar of a journey's last
// screen, whose main button ends the session; and the camera preview letterboxed on a dark
// panel.
//
// Thread-safety: UI thread only (ImGui).
#pragma once

#include <imgui.h>

#include "kiosk/screens/screen.h"

namespace jiuzhu::kiosk {

// A column the full width between the margins, for screens short enough not to scroll.
// Pair with end_fixed_column().
void begin_fixed_column(const Ui& ui);
void end_fixed_column();

// The last screen of a journey: the main button (`finish_key`, e.g. "receipt.finish") wipes the
// session (its "next" becomes "finish"); no 返回, and 首页 only when `home`.
void finish_bar(ScreenCtx& c, const char* finish_key, bool home);

// Where the preview image landed (for overlays in preview pixels × scale + origin).
struct PreviewPlacement {
  ImVec2 origin{0, 0};
  float scale = 0;  // 0: no image yet
};

// Draws the live preview fitted into a w×h dark panel at the cursor and advances the cursor
// past the panel.
PreviewPlacement draw_camera_preview(const CameraView& cam, float w, float h);

}  // namespace jiuzhu::kiosk
