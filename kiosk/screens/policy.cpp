// 政策查询: the catalog in plain words (assets/policies/*.json), one program per detail page,
// with a 读给我听 button.
#include <imgui.h>

#include "kiosk/screens/screen.h"

namespace jiuzhu::kiosk {
namespace {

const nlohmann::json* find_program(const AppView& v, const std::string& id) {
  if (!v.programs) return nullptr;
  for (const auto& p : *v.programs)
    if (p.value("id", "") == id) return &p;
  return nullptr;
}

std::string str(const nlohmann::json& j, const char* k) {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void draw_policy_list(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "policy.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("policy.scroll", h);
  ui.text(ui.s("policy.intro"), FontSize::body);
  ui.spacing(t.gap / 2);
  if (!c.view.programs || c.view.programs->empty()) ui.text(ui.s("policy.unavailable"), FontSize::large);
  if (c.view.programs) {
    for (const auto& p : *c.view.programs) {
      std::string id = str(p, "id");
      std::string label = str(p, "name");
      std::string expl = str(p, "explanation");
      // First sentence as the button's explanation.
      auto end = expl.find("。");
      if (end != std::string::npos) expl.resize(end + 3);
      if (ui.button(("policy." + id).c_str(), label + "\n" + expl, ButtonKind::secondary, 0, t.button_h * 1.5f)) {
        c.s.selected_policy = id;
        c.go(EventKind::open_detail);
      }
      ui.spacing(t.gap / 2);
    }
  }
  ui.end_scroll();
  bottom_bar(c, NavSpec{});
}

void draw_policy_detail(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "policy.detail_title");
  const nlohmann::json* p = find_program(c.view, c.s.selected_policy);
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("policy.detail.scroll", h);
  if (!p) {
    ui.text(ui.s("policy.unavailable"), FontSize::large);
  } else {
    ui.text(str(*p, "name"), FontSize::title);
    ui.spacing(t.gap / 2);
    std::string spoken = str(*p, "name") + "。" + str(*p, "explanation");
    if (ui.button("policy.read_aloud", ui.s("policy.read_aloud"), ButtonKind::secondary, 420))
      c.cmd(CommandKind::speak, spoken);
    ui.spacing(t.gap / 2);
    ui.text(str(*p, "explanation"), FontSize::body);
    ui.spacing(t.gap);
    if (p->contains("who_qualifies")) {
      ui.text(ui.s("policy.who"), FontSize::large);
      for (const auto& w : (*p)["who_qualifies"])
        if (w.is_string()) ui.text("· " + w.get<std::string>(), FontSize::body);
      ui.spacing(t.gap);
    }
    if (p->contains("materials")) {
      ui.text(ui.s("policy.materials"), FontSize::large);
      for (const auto& m : (*p)["materials"]) {
        std::string line = "· " + str(m, "name");
        if (m.value("office_fetches", false)) line += ui.s("policy.office_fetches");
        ui.text(line, FontSize::body);
        std::string note = str(m, "note");
        if (!note.empty()) ui.text("  " + note, FontSize::small, true);
      }
      ui.spacing(t.gap);
    }
    std::string where = str(*p, "where_to_apply");
    if (!where.empty()) {
      ui.text(ui.s("policy.where"), FontSize::large);
      ui.text(where, FontSize::body);
      ui.spacing(t.gap);
    }
    std::string tl = str(*p, "time_limit_note");
    if (!tl.empty()) {
      ui.text(ui.s("policy.time_limit"), FontSize::large);
      ui.text(tl, FontSize::body);
    }
    if (p->contains("steps")) {
      ui.spacing(t.gap);
      ui.text(ui.s("policy.steps"), FontSize::large);
      int i = 1;
      for (const auto& st : (*p)["steps"]) ui.text(std::to_string(i++) + ". " + str(st, "step"), FontSize::body);
    }
  }
  ui.end_scroll();
  bottom_bar(c, NavSpec{});
}

}  // namespace jiuzhu::kiosk
