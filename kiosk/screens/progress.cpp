// 进度查询: the receipt's QR code to the camera, or the application number on the keypad;
// the check is the last 4 characters of the resident's ID number (from their card).
#include <imgui.h>

#include "kiosk/screens/layout.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/keypad.h"

namespace jiuzhu::kiosk {

void draw_progress(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "progress.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("progress.scroll", h);
  float w = ImGui::GetContentRegionAvail().x;
  // The sentence printed on the receipt, word for word (core/intake).
  ui.text(intake::kProgressLookup, FontSize::body, true);
  ui.text(ui.s("progress.qr_prompt"), FontSize::large);
  if (!c.view.camera.running) {
    if (ui.button("progress.qr", ui.s("progress.use_qr"), ButtonKind::primary)) c.cmd(CommandKind::camera_start, "qr");
  } else {
    // A small preview so that the resident sees the receipt in view.
    const CameraView& cam = c.view.camera;
    draw_camera_preview(cam, w, w * 0.5f);
    ui.text(cam.error.empty() ? ui.s("progress.qr_looking") : ui.s("camera." + cam.error), FontSize::body);
  }
  ui.spacing(t.gap);
  ui.text(ui.s("progress.number_prompt"), FontSize::large);
  draw_keypad(ui, c.s.progress_no, KeyMode::digits, 24, "progress");
  if (!c.view.progress_error_key.empty()) ui.text_colored(ui.s(c.view.progress_error_key), FontSize::large, t.danger);
  ui.end_scroll();
  NavSpec nav;  // 查询 is the bar's main button
  nav.next = true;
  nav.next_key = "progress.query";
  nav.next_name = "progress.query";
  nav.next_enabled = !c.s.progress_no.empty() && c.view.progress != Async::running;
  bottom_bar(c, nav);
  if (take_next(c)) c.cmd(CommandKind::query_progress);
}

void draw_progress_result(ScreenCtx& c) {
  Ui& ui = c.ui;
  top_bar(c, "progress.result_title");
  begin_fixed_column(ui);
  const auto& r = c.view.progress_result;
  ui.field(ui.s("receipt.application_no"), r.value("application_no", ""));
  ui.field(ui.s("progress.status"), r.value("status_text", r.value("status", "")));
  ui.field(ui.s("progress.updated"), r.value("updated_at", ""));
  ui.field(ui.s("progress.next_step"), r.value("next_step", ""));
  if (ui.button("progress.read_aloud", ui.s("policy.read_aloud"), ButtonKind::secondary))
    c.cmd(CommandKind::speak, r.value("status_text", "") + "。" + r.value("next_step", ""));
  end_fixed_column();
  bottom_bar(c, NavSpec{});
}

}  // namespace jiuzhu::kiosk
