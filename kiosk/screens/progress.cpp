// 进度查询: the receipt's QR code to the camera, or the application number on the keypad;
// the check is the last 4 characters of the resident's ID number (from their card).
#include <imgui.h>

#include "kiosk/screens/screen.h"
#include "kiosk/ui/fast_fill.h"
#include "kiosk/ui/keypad.h"

namespace jiuzhu::kiosk {

void draw_progress(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "progress.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("progress.scroll", h);
  float w = ImGui::GetContentRegionAvail().x;
  ui.text(ui.s("progress.qr_prompt"), FontSize::large);
  if (!c.view.camera.running) {
    if (ui.button("progress.qr", ui.s("progress.use_qr"), ButtonKind::primary)) c.cmd(CommandKind::camera_start, "qr");
  } else {
    // A small preview so that the resident sees the receipt in view.
    const CameraView& cam = c.view.camera;
    float ph = w * 0.5f;
    ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    fill_rect(dl, o, ImVec2(o.x + w, o.y + ph), rgba(Rgb{0x20, 0x20, 0x20}));
    if (cam.preview && cam.preview_w > 0) {
      float k = std::min(w / static_cast<float>(cam.preview_w), ph / static_cast<float>(cam.preview_h));
      float iw = static_cast<float>(cam.preview_w) * k, ih = static_cast<float>(cam.preview_h) * k;
      ImVec2 io(o.x + (w - iw) / 2, o.y + (ph - ih) / 2);
      dl->AddImage(reinterpret_cast<ImTextureID>(cam.preview), io, ImVec2(io.x + iw, io.y + ih));
    }
    ImGui::Dummy(ImVec2(w, ph));
    ui.text(cam.error.empty() ? ui.s("progress.qr_looking") : ui.s("camera." + cam.error), FontSize::body);
  }
  ui.spacing(t.gap);
  ui.text(ui.s("progress.number_prompt"), FontSize::large);
  draw_keypad(ui, c.s.progress_no, KeyMode::digits, 24, "progress");
  if (!c.view.progress_error_key.empty()) ui.text_colored(ui.s(c.view.progress_error_key), FontSize::large, t.danger);
  if (ui.button("progress.query", ui.s("progress.query"), ButtonKind::primary, 0, 0,
                !c.s.progress_no.empty() && c.view.progress != Async::running))
    c.cmd(CommandKind::query_progress);
  ui.end_scroll();
  bottom_bar(c, NavSpec{});
}

void draw_progress_result(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "progress.result_title");
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(1080 - 2 * t.margin, 0));
  const auto& r = c.view.progress_result;
  ui.field(ui.s("receipt.application_no"), r.value("application_no", ""));
  ui.field(ui.s("progress.status"), r.value("status_text", r.value("status", "")));
  ui.field(ui.s("progress.updated"), r.value("updated_at", ""));
  ui.field(ui.s("progress.next_step"), r.value("next_step", ""));
  if (ui.button("progress.read_aloud", ui.s("policy.read_aloud"), ButtonKind::secondary))
    c.cmd(CommandKind::speak, r.value("status_text", "") + "。" + r.value("next_step", ""));
  ImGui::EndGroup();
  bottom_bar(c, NavSpec{});
}

}  // namespace jiuzhu::kiosk
