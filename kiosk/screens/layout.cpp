#include "kiosk/screens/layout.h"

#include <algorithm>

#include "kiosk/ui/fast_fill.h"

namespace jiuzhu::kiosk {

void begin_fixed_column(const Ui& ui) {
  const Theme& t = ui.theme();
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(1080 - 2 * t.margin, 0));
}

void end_fixed_column() { ImGui::EndGroup(); }

void finish_bar(ScreenCtx& c, const char* finish_key, bool home) {
  NavSpec nav;
  nav.back = false;
  nav.home = home;
  nav.next = true;
  nav.next_key = finish_key;
  bottom_bar(c, nav);
  for (auto& e : c.events)
    if (e.kind == EventKind::next) e.kind = EventKind::finish;
}

PreviewPlacement draw_camera_preview(const CameraView& cam, float w, float h) {
  PreviewPlacement out;
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rect(dl, o, ImVec2(o.x + w, o.y + h), rgba(Rgb{0x20, 0x20, 0x20}));
  if (cam.preview && cam.preview_w > 0 && cam.preview_h > 0) {
    float k = std::min(w / static_cast<float>(cam.preview_w), h / static_cast<float>(cam.preview_h));
    float iw = static_cast<float>(cam.preview_w) * k, ih = static_cast<float>(cam.preview_h) * k;
    out.origin = ImVec2(o.x + (w - iw) / 2, o.y + (h - ih) / 2);
    out.scale = k;
    dl->AddImage(reinterpret_cast<ImTextureID>(cam.preview), out.origin, ImVec2(out.origin.x + iw, out.origin.y + ih));
  }
  ImGui::Dummy(ImVec2(w, h));
  return out;
}

}  // namespace jiuzhu::kiosk
