// Hall staff mode: login (staff number + PIN, checked by the backend), then device status,
// reprint, self-test, out of service.
#include <imgui.h>

#include <cstdlib>

#include "kiosk/screens/screen.h"
#include "kiosk/ui/keypad.h"

namespace jiuzhu::kiosk {

void draw_staff_pin(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "staff.title", false);
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(1080 - 2 * t.margin, 0));
  // Two fields on one keypad: the staff number first, then the PIN (masked).
  bool login_done = !c.s.progress_check.empty();
  if (!login_done) {
    ui.text(ui.s("staff.login_prompt"), FontSize::large);
    draw_keypad(ui, c.s.progress_no, KeyMode::digits, 12, "staff.login", false, 70);
  } else {
    ui.text(ui.s("staff.pin_prompt"), FontSize::large);
    draw_keypad(ui, c.s.input, KeyMode::digits, 12, "staff.pin", true, 70);
  }
  if (!c.view.staff_error_key.empty()) ui.text_colored(ui.s(c.view.staff_error_key), FontSize::large, t.danger);
  ImGui::EndGroup();
  NavSpec nav;  // 确定 is the bar's main button
  nav.home = false;
  nav.next = true;
  nav.next_key = "nav.confirm";
  nav.next_name = login_done ? "staff.pin_ok" : "staff.login_ok";
  nav.next_enabled = login_done ? !c.s.input.empty() && c.view.staff_login != Async::running : !c.s.progress_no.empty();
  bottom_bar(c, nav);
  if (take_next(c)) {
    if (login_done) c.cmd(CommandKind::staff_login, c.s.progress_check);
    else c.s.progress_check = c.s.progress_no;
  }
}

void draw_staff_menu(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "staff.menu_title", false);
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("staff.scroll", h);
  float w = ImGui::GetContentRegionAvail().x;
  ui.text(ui.s("staff.devices"), FontSize::large);
  for (const auto& [label, state] : c.view.device_lines) ui.text(label + "：" + state, FontSize::body);
  ui.text(ui.s("staff.network") + "：" + (c.view.online ? ui.s("staff.online") : ui.s("staff.offline_state")), FontSize::body);
  if (c.view.clock_off_seconds != 0)  // ops: the clock re-check (outbox/heartbeat.h)
    ui.text_colored(ui.f("staff.clock_off", {std::to_string((std::abs(c.view.clock_off_seconds) + 59) / 60)}), FontSize::body, t.danger);
  ui.text(ui.f("staff.outbox", {std::to_string(c.view.outbox_pending), std::to_string(c.view.outbox_quarantined),
                                std::to_string(c.view.outbox_rejected)}),
          FontSize::body);
  ui.spacing(t.gap);
  float half = (w - t.gap) / 2;
  if (ui.button("staff.reprint", ui.s("staff.reprint"), ButtonKind::secondary, half)) c.cmd(CommandKind::staff_reprint);
  ImGui::SameLine(0, t.gap);
  if (ui.button("staff.selftest", ui.s("staff.selftest"), ButtonKind::secondary, half)) c.cmd(CommandKind::staff_selftest);
  ui.spacing(t.gap / 2);
  if (ui.button("staff.retry", ui.s("staff.retry"), ButtonKind::secondary, half)) c.cmd(CommandKind::staff_retry_sync);
  ImGui::SameLine(0, t.gap);
  if (c.flow.out_of_service) {
    if (ui.button("staff.resume", ui.s("staff.resume"), ButtonKind::primary, half))
      c.go(EventKind::staff_clear_out_of_service);
  } else if (ui.button("staff.oos", ui.s("staff.oos"), ButtonKind::danger, half)) {
    c.go(EventKind::staff_set_out_of_service);
  }
  ui.spacing(t.gap / 2);
  // Quiet mode: no spoken prompts while staff work at the kiosk; 重听 still speaks.
  std::string quiet = c.view.quiet ? "✓ " + ui.s("staff.quiet") : ui.s("staff.quiet");
  if (ui.button("staff.quiet", quiet, c.view.quiet ? ButtonKind::selected : ButtonKind::secondary, w))
    c.cmd(CommandKind::staff_quiet);
  if (!c.view.selftest_report.empty()) {
    ui.spacing(t.gap);
    ui.text(c.view.selftest_report, FontSize::body);
  }
  ui.end_scroll();
  NavSpec nav;
  nav.home = false;
  nav.next = true;
  nav.next_key = "staff.exit";
  bottom_bar(c, nav);
  for (auto& e : c.events)
    if (e.kind == EventKind::next || e.kind == EventKind::back) e.kind = EventKind::finish;
}

}  // namespace jiuzhu::kiosk
