// 困难求助/反映情况: report one's own or someone else's hardship as a lead.
#include <imgui.h>

#include "kiosk/screens/layout.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/keypad.h"

namespace jiuzhu::kiosk {

void draw_lead(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "lead.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("lead.scroll", h);
  float w = ImGui::GetContentRegionAvail().x;
  ui.text(ui.s("lead.who"), FontSize::large);
  int sel = c.s.lead_relation == "self" ? 0 : c.s.lead_relation.empty() ? -1 : 1;
  int hit = ui.button_row({{"lead.self", ui.s("lead.self")}, {"lead.other", ui.s("lead.other")}}, sel);
  if (hit == 0) c.s.lead_relation = "self";
  if (hit == 1 && c.s.lead_relation == "self") c.s.lead_relation.clear();
  if (hit == 1 && c.s.lead_relation.empty()) c.s.lead_relation = "neighbour";
  ui.spacing(t.gap);
  if (!c.s.lead_relation.empty() && c.s.lead_relation != "self") {
    ui.text(ui.s("lead.relation"), FontSize::large);
    const char* rels[] = {"family", "neighbour", "village_cadre", "other"};
    int rsel = -1;
    std::vector<std::pair<std::string, std::string>> row;
    for (int i = 0; i < 4; ++i) {
      row.emplace_back(std::string("lead.rel.") + rels[i], ui.s(std::string("lead.rel.") + rels[i]));
      if (c.s.lead_relation == rels[i]) rsel = i;
    }
    int r = ui.button_row(row, rsel);
    if (r >= 0) c.s.lead_relation = rels[r];
    ui.spacing(t.gap);
    ui.text(ui.s("lead.subject"), FontSize::large);
    ui.text(c.s.lead_name.empty() ? ui.s("situation.empty") : c.s.lead_name, FontSize::large);
    c.hw.draw(ui, c.s.lead_name, 60, "lead.name");
    ui.spacing(t.gap);
  }
  ui.text(ui.s("lead.situation"), FontSize::large);
  float bw = (w - t.gap) / 2;
  for (int i = 1; i <= 6; ++i) {
    if (i % 2 == 0) ImGui::SameLine(0, t.gap);
    else if (i > 1) ui.spacing(t.gap / 2);
    std::string phrase = ui.s("lead.phrase" + std::to_string(i));
    bool used = c.s.lead_situation.find(phrase) != std::string::npos;
    if (ui.button(("lead.phrase" + std::to_string(i)).c_str(), (used ? "✓ " : "") + phrase,
                  used ? ButtonKind::selected : ButtonKind::secondary, bw, t.button_h * 0.9f) && !used) {
      if (!c.s.lead_situation.empty()) c.s.lead_situation += "，";
      c.s.lead_situation += phrase;
    }
  }
  ui.text(c.s.lead_situation.empty() ? ui.s("situation.empty") : c.s.lead_situation, FontSize::large);
  ui.spacing(t.gap);
  ui.text(ui.s("lead.urgent"), FontSize::large);
  int usel = !c.s.lead_urgent ? -1 : *c.s.lead_urgent ? 0 : 1;
  int u = ui.button_row({{"lead.urgent.yes", ui.s("lead.urgent_yes")}, {"lead.urgent.no", ui.s("lead.urgent_no")}}, usel);
  if (u >= 0) c.s.lead_urgent = u == 0;
  ui.spacing(t.gap);
  bool ready = !c.s.lead_relation.empty() && !c.s.lead_situation.empty() && c.s.lead_urgent.has_value() &&
               (c.s.lead_relation == "self" || !c.s.lead_name.empty());
  if (c.view.lead == Async::failed) ui.text_colored(ui.s("submit.failed"), FontSize::large, t.danger);
  ui.end_scroll();
  NavSpec nav;  // 提交 is the bar's main button
  nav.next = true;
  nav.next_key = "lead.submit";
  nav.next_name = "lead.submit";
  nav.next_enabled = ready && c.view.lead != Async::running;
  bottom_bar(c, nav);
  if (take_next(c)) c.cmd(CommandKind::submit_lead);
}

void draw_lead_done(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "lead.done_title");
  begin_fixed_column(ui);
  ui.text_colored(ui.s("lead.thanks"), FontSize::title, t.ok);
  ui.text(c.s.lead_urgent == true ? ui.s("lead.urgent_promise") : ui.s("lead.promise"), FontSize::large);
  end_fixed_column();
  finish_bar(c, "receipt.finish", true);
}

}  // namespace jiuzhu::kiosk
