// 请放身份证: the screen between residents. Also the typed-number fallback (id_entry).
#include <imgui.h>

#include "core/id_number.h"
#include "kiosk/screens/layout.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/fast_fill.h"
#include "kiosk/ui/keypad.h"

namespace jiuzhu::kiosk {

void draw_attract(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  // Hidden staff gesture: a long press (3 s) on the top-left corner. Residents do not find it
  // by accident; staff learn it. The control is registered for --script as "staff.corner".
  ImGui::SetCursorPos(ImVec2(0, 0));
  ImGui::InvisibleButton("staff.corner", ImVec2(140, 140));
  ui.register_control("staff.corner", ImVec2(0, 0), ImVec2(140, 140));
  if (ImGui::IsItemActive() && ImGui::GetIO().MouseDownDuration[0] > 3.0f) c.go(EventKind::staff_gesture);

  ImGui::SetCursorPos(ImVec2(t.margin, 160));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(1080 - t.margin);
  ui.text_centered(ui.s("attract.title"), FontSize::huge);
  ui.spacing(t.gap);
  ui.text_centered(ui.s("attract.subtitle"), FontSize::large);
  ui.spacing(t.gap * 3);
  // The card slot drawing: where to put the card, with an arrow down to the reader.
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = 1080 - 2 * t.margin;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float cw = 520, ch = 330;
  ImVec2 a(p.x + (w - cw) / 2, p.y), b(a.x + cw, a.y + ch);
  fill_rect(dl, a, b, rgba(Rgb{0xE3, 0xEB, 0xF5}), 24);
  dl->AddRect(a, b, rgba(t.primary), 24, 0, 6);
  if (ImFont* f = ui.font(FontSize::large)) {
    const std::string& card = ui.s("attract.card");
    ui.fonts().need(card, FontSize::large);
    float tw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, card.c_str()).x;
    dl->AddText(f, f->FontSize, ImVec2(a.x + (cw - tw) / 2, a.y + ch / 2 - f->FontSize / 2), rgba(t.text), card.c_str());
  }
  ImGui::Dummy(ImVec2(w, ch + t.gap));
  ui.text_centered(ui.s("attract.place_card"), FontSize::title);
  ui.text_centered("↓ ↓ ↓", FontSize::huge);
  if (!c.view.card_message_key.empty()) {
    ui.spacing(t.gap);
    ui.text_colored(ui.s(c.view.card_message_key), FontSize::large, t.danger);
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();

  ImGui::SetCursorPos(ImVec2(t.margin, 1920 - 2 * t.button_h - 2 * t.gap - t.margin));
  ImGui::BeginGroup();
  if (ui.button("attract.type_number", ui.s("attract.no_card"), ButtonKind::secondary, w)) c.go(EventKind::type_number);
  ui.spacing(t.gap / 2);
  float third = (w - 2 * t.gap) / 3;
  std::string elder = t.elderly ? "✓ " + ui.s("bar.elderly") : ui.s("bar.elderly");
  if (ui.button("bar.elderly", elder, t.elderly ? ButtonKind::selected : ButtonKind::secondary, third))
    c.cmd(CommandKind::toggle_elderly);
  ImGui::SameLine(0, t.gap);
  if (ui.button("bar.replay", ui.s("bar.replay"), ButtonKind::secondary, third, 0, true, "bar.replay"))
    c.cmd(CommandKind::replay_prompt);
  ImGui::SameLine(0, t.gap);
  if (ui.button("bar.help", ui.s("bar.help"), ButtonKind::secondary, third)) c.go(EventKind::go_help);
  ImGui::EndGroup();
}

void draw_id_entry(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "id_entry.title");
  // Phase 1: the number; phase 2 (the number is valid): the name, by handwriting or pinyin.
  bool number_done = c.s.user && !c.s.user->id_number.empty();
  if (!number_done) {
    begin_fixed_column(ui);
    ui.text(ui.s("id_entry.prompt"), FontSize::large);
    draw_keypad(ui, c.s.input, KeyMode::id_number, 18, "id", false, 70);
    if (!c.view.typed_error_key.empty()) ui.text_colored(ui.s(c.view.typed_error_key), FontSize::large, t.danger);
    end_fixed_column();
  } else {
    // The name board (taller with pinyin, and in 长辈模式) scrolls rather than run under the
    // bottom bar.
    ImGui::SetCursorPosX(t.margin);
    ui.begin_scroll("id_entry.scroll", h);
    ui.text(ui.s("id_entry.name_prompt"), FontSize::large);
    ui.text(c.s.user->name.empty() ? ui.s("id_entry.name_empty") : c.s.user->name, FontSize::huge);
    c.hw.draw(ui, c.s.user->name, 10, "name");
    ui.end_scroll();
  }
  NavSpec nav;
  nav.home = false;
  nav.next = true;
  nav.next_key = "nav.confirm";
  nav.next_enabled = number_done ? !c.s.user->name.empty() : c.s.input.size() == 18;
  // The bottom bar's main button means "this number" or "this name" here, not a flow step.
  std::vector<Event> before = c.events;
  bottom_bar(c, nav);
  for (size_t i = before.size(); i < c.events.size(); ++i) {
    if (c.events[i].kind != EventKind::next) continue;
    c.events.erase(c.events.begin() + static_cast<long>(i));
    if (!number_done) c.cmd(CommandKind::identify_typed, "user");
    else c.go(EventKind::card_identified);
    break;
  }
  // 返回 on the keypad leaves for the attract screen (nothing kept).
  for (auto& e : c.events)
    if (e.kind == EventKind::back) e.kind = EventKind::home;
}

void draw_out_of_service(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  ImGui::SetCursorPos(ImVec2(0, 0));
  ImGui::InvisibleButton("staff.corner", ImVec2(140, 140));
  ui.register_control("staff.corner", ImVec2(0, 0), ImVec2(140, 140));
  if (ImGui::IsItemActive() && ImGui::GetIO().MouseDownDuration[0] > 3.0f) c.go(EventKind::staff_gesture);
  ImGui::SetCursorPos(ImVec2(t.margin, 600));
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(1080 - 2 * t.margin, 0));
  ui.text_centered(ui.s("oos.title"), FontSize::huge);
  ui.spacing(t.gap * 2);
  ui.text_centered(ui.s("oos.body"), FontSize::large);
  ImGui::EndGroup();
}

}  // namespace jiuzhu::kiosk
