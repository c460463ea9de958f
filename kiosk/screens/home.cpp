// Home: the six services, 找工作人员帮忙 and 退出.
#include <imgui.h>

#include <algorithm>

#include "kiosk/screens/screen.h"

namespace jiuzhu::kiosk {

void draw_home(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "home.title");
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  float w = 1080 - 2 * t.margin;
  ImGui::Dummy(ImVec2(w, 0));
  std::string who = c.s.user && !c.s.user->name.empty() ? c.s.user->name : "";
  ui.text(who.empty() ? ui.s("home.hello_anon") : ui.f("home.hello", {who}), FontSize::large);
  float extra = 0;
  if (t.elderly) {
    // 长辈模式: the text size is adjustable here, where every service starts.
    float hb = (w - t.gap) / 2;
    if (ui.button("bar.bigger", ui.s("bar.bigger"), ButtonKind::secondary, hb, 110)) c.cmd(CommandKind::text_bigger);
    ImGui::SameLine(0, t.gap);
    if (ui.button("bar.smaller", ui.s("bar.smaller"), ButtonKind::secondary, hb, 110)) c.cmd(CommandKind::text_smaller);
    extra = 110 + t.gap;
  }
  ui.spacing(t.gap);
  struct Item { const char* name; const char* key; const char* sub; EventKind ev; };
  const Item items[] = {
      {"home.policy", "home.policy", "home.policy_sub", EventKind::go_policy},
      {"home.check", "home.check", "home.check_sub", EventKind::go_check},
      {"home.apply", "home.apply", "home.apply_sub", EventKind::go_apply_self},
      {"home.proxy", "home.proxy", "home.proxy_sub", EventKind::go_apply_proxy},
      {"home.progress", "home.progress", "home.progress_sub", EventKind::go_progress},
      {"home.lead", "home.lead", "home.lead_sub", EventKind::go_lead},
  };
  // Two columns of three: every service visible at once, no scrolling on the main menu. The
  // tiles are as tall in both themes: 长辈模式's taller bars and its 字大些/字小些 row leave
  // room for kHomeTileH, and the normal theme does not make them taller than that, so that
  // 长辈模式 never shows a smaller tile (deploy/measure-screenshots checks it). A tile holds
  // the service's pictogram above its name.
  constexpr float kHomeTileH = 320;
  float bh = std::min(kHomeTileH, (content_height(ui) - 150 - extra - 2 * t.gap) / 3);
  float bw = (w - t.gap) / 2;
  for (size_t i = 0; i < 6; ++i) {
    if (i % 2) ImGui::SameLine(0, t.gap);
    else if (i) ui.spacing(t.gap / 2);
    std::string label = ui.s(items[i].key) + "\n" + ui.s(items[i].sub);
    if (ui.button(items[i].name, label, ButtonKind::primary, bw, bh, true, items[i].name)) c.go(items[i].ev);
  }
  ImGui::EndGroup();
  NavSpec nav;
  nav.back = false;
  nav.home = false;
  nav.next = true;
  nav.next_key = "home.exit";
  std::vector<Event> before = c.events;
  bottom_bar(c, nav);
  for (auto& e : c.events)
    if (e.kind == EventKind::next) e.kind = EventKind::finish;
}

void draw_help(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "help.title", false);
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(1080 - 2 * t.margin, 0));
  // The call is in the outbox the moment this screen opens; the words follow what the kiosk
  // knows: delivered to the hall's console, or still on its way (offline, or a backend that
  // does not take help calls yet).
  const char* status = c.view.help_call == Async::failed ? "help.body"
                       : c.view.help_delivered          ? "help.coming"
                                                        : "help.queued";
  ui.text(ui.s(status), FontSize::large);
  ui.spacing(t.gap);
  if (c.view.help_call != Async::failed) ui.text(ui.s("help.body_also"), FontSize::body);
  ui.spacing(t.gap);
  if (!c.view.hall_phone.empty()) ui.field(ui.s("help.phone"), c.view.hall_phone);
  ui.text(ui.s("help.keep"), FontSize::body, true);
  ImGui::EndGroup();
  NavSpec nav;
  nav.home = c.s.user.has_value();
  bottom_bar(c, nav);
}

void draw_countdown(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  ImGui::SetCursorPos(ImVec2(t.margin, 300));
  ImGui::BeginGroup();
  float w = 1080 - 2 * t.margin;
  ImGui::Dummy(ImVec2(w, 0));
  ui.text_centered(ui.s("countdown.question"), FontSize::huge);
  ui.spacing(t.gap * 2);
  int left = static_cast<int>(c.view.countdown_left + 0.999);
  ui.text_centered(std::to_string(left), FontSize::huge);
  ui.text_centered(ui.s("countdown.explain"), FontSize::large);
  ui.spacing(t.gap * 3);
  if (ui.button("countdown.more", ui.s("countdown.more"), ButtonKind::primary, w, t.button_h * 1.4f))
    c.go(EventKind::more_time);
  ui.spacing(t.gap);
  if (ui.button("countdown.quit", ui.s("countdown.quit"), ButtonKind::secondary, w)) c.go(EventKind::finish);
  ImGui::EndGroup();
}

}  // namespace jiuzhu::kiosk
