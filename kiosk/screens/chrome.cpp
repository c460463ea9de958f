// Top and bottom bars shared by every screen.
#include <imgui.h>

#include "kiosk/screens/screen.h"
#include "kiosk/ui/fast_fill.h"

namespace jiuzhu::kiosk {
namespace {
constexpr float kScreenH = 1920;

float bottom_h(const Ui& ui) { return ui.theme().button_h + 2 * ui.theme().margin; }
float top_h(const Ui& ui) { return ui.theme().elderly ? 300 : 250; }
}  // namespace

float content_height(const Ui& ui) {
  return kScreenH - top_h(ui) - bottom_h(ui) - 2 * ui.theme().gap;
}

std::string step_label(ScreenCtx& c) {
  if (c.flow.journey != Journey::apply_self && c.flow.journey != Journey::apply_proxy) return {};
  const auto seq = steps(c.flow);  // real steps: screens already answered are not counted
  for (size_t i = 0; i < seq.size(); ++i)
    if (seq[i] == c.flow.screen)
      return c.ui.f("nav.step", {std::to_string(i + 1), std::to_string(seq.size())});
  return {};
}

float top_bar(ScreenCtx& c, const std::string& title_key, bool help) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rect(dl, ImVec2(0, 0), ImVec2(1080, top_h(ui)), rgba(t.bar));
  dl->AddLine(ImVec2(0, top_h(ui)), ImVec2(1080, top_h(ui)), rgba(t.muted), 2);
  ImGui::SetCursorPos(ImVec2(t.margin, t.margin / 2));
  // Tool row: 长辈模式, 重听 (the screen's prompt again), help.
  float h = t.elderly ? 120 : 100;
  float w = 1080 - 2 * t.margin;
  ImGui::BeginGroup();
  std::string elder = t.elderly ? "✓ " + ui.s("bar.elderly") : ui.s("bar.elderly");
  if (ui.button("bar.elderly", elder, t.elderly ? ButtonKind::selected : ButtonKind::secondary, 300, h))
    c.cmd(CommandKind::toggle_elderly);
  ImGui::SameLine(0, t.gap);
  const float replay_w = t.elderly ? 280 : 240;  // 🔊 and 重听 side by side
  if (ui.button("bar.replay", ui.s("bar.replay"), ButtonKind::secondary, replay_w, h, true, "bar.replay"))
    c.cmd(CommandKind::replay_prompt);
  if (help) {
    float used = 300 + t.gap + replay_w + t.gap;
    ImGui::SameLine(0, t.gap);
    if (ui.button("bar.help", ui.s("bar.help"), ButtonKind::secondary, w - used, h))
      c.go(EventKind::go_help);
  }
  ImGui::EndGroup();
  ImGui::SetCursorPos(ImVec2(t.margin, t.margin / 2 + h + t.gap / 2));
  std::string title = ui.s(title_key);
  std::string step = step_label(c);
  ui.text(step.empty() ? title : title + "  " + step, FontSize::title);
  ImGui::SetCursorPos(ImVec2(t.margin, top_h(ui) + t.gap));
  ui.set_content_bottom(kScreenH - bottom_h(ui) - t.gap);
  return content_height(ui);
}

void bottom_bar(ScreenCtx& c, const NavSpec& nav) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float y = kScreenH - bottom_h(ui);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rect(dl, ImVec2(0, y), ImVec2(1080, kScreenH), rgba(t.bar));
  dl->AddLine(ImVec2(0, y), ImVec2(1080, y), rgba(t.muted), 2);
  ImGui::SetCursorPos(ImVec2(t.margin, y + t.margin));
  float w = 1080 - 2 * t.margin;
  int n = (nav.back ? 1 : 0) + (nav.home ? 1 : 0);
  float small_w = nav.next ? 230 : (w - t.gap * static_cast<float>(n - 1)) / static_cast<float>(std::max(1, n));
  bool first = true;
  auto sep = [&] {
    if (!first) ImGui::SameLine(0, t.gap);
    first = false;
  };
  if (nav.back) {
    sep();
    if (ui.button("nav.back", ui.s("nav.back"), ButtonKind::secondary, small_w)) c.go(EventKind::back);
  }
  if (nav.home) {
    sep();
    if (ui.button("nav.home", ui.s("nav.home"), ButtonKind::secondary, small_w)) c.go(EventKind::home);
  }
  if (nav.next) {
    sep();
    float used = static_cast<float>(n) * (small_w + t.gap);
    if (ui.button(nav.next_name.c_str(), ui.s(nav.next_key), ButtonKind::primary, w - used, 0, nav.next_enabled))
      c.go(EventKind::next);
  }
}

bool take_next(ScreenCtx& c) {
  for (size_t i = 0; i < c.events.size(); ++i)
    if (c.events[i].kind == EventKind::next) {
      c.events.erase(c.events.begin() + static_cast<long>(i));
      return true;
    }
  return false;
}

}  // namespace jiuzhu::kiosk
