// 我要申请 / 代人申请: programs, (proxy: applicant and relation), household members, income,
// assets and phone. Documents, review and receipt are in apply_finish.cpp.
#include <imgui.h>

#include "core/id_number.h"
#include "kiosk/screens/layout.h"
#include "kiosk/screens/screen.h"
#include "kiosk/ui/keypad.h"

namespace jiuzhu::kiosk {
namespace {

std::string person_line(Ui& ui, const Person& p) {
  std::string who = p.name.empty() ? ui.s("person.no_name") : p.name;
  return who + "  " + mask_id_number(p.id_number);
}

const std::pair<const char*, model::Relation> kRelations[] = {
    {"spouse", model::Relation::spouse},       {"child", model::Relation::child},
    {"parent", model::Relation::parent},       {"grandparent", model::Relation::grandparent},
    {"grandchild", model::Relation::grandchild}, {"sibling", model::Relation::sibling},
    {"other", model::Relation::other},
};

}  // namespace

void draw_apply_program(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "apply.program_title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("apply.program.scroll", h);
  ui.text(ui.s("apply.program_prompt"), FontSize::large);
  ui.spacing(t.gap / 2);
  if (c.view.programs) {
    for (const auto& p : *c.view.programs) {
      std::string id = p.value("id", "");
      auto it = std::find(c.s.programs.begin(), c.s.programs.end(), id);
      bool sel = it != c.s.programs.end();
      std::string label = (sel ? "✓ " : "") + p.value("name", id);
      if (ui.button(("apply.program." + id).c_str(), label, sel ? ButtonKind::selected : ButtonKind::secondary, 0, 0,
                    true, ("program." + id).c_str())) {
        if (sel) c.s.programs.erase(it);
        else c.s.programs.push_back(id);
      }
      ui.spacing(t.gap / 2);
    }
  }
  ui.text(ui.s("apply.program_unsure"), FontSize::body, true);
  ui.end_scroll();
  NavSpec nav;
  nav.next = true;
  nav.next_enabled = !c.s.programs.empty();
  bottom_bar(c, nav);
}

void draw_proxy_applicant(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "proxy.applicant_title");
  if (c.s.applicant) {
    // The name board (taller with pinyin, and in 长辈模式) scrolls rather than run under the
    // bottom bar.
    ImGui::SetCursorPosX(t.margin);
    ui.begin_scroll("proxy.scroll", h);
    ui.text(ui.s("proxy.applicant_is"), FontSize::large);
    ui.text(person_line(ui, *c.s.applicant), FontSize::title);
    if (!c.s.applicant->card_read) {
      ui.text(ui.s("id_entry.name_prompt"), FontSize::body);
      c.hw.draw(ui, c.s.applicant->name, 10, "proxy.name");
    }
    if (ui.button("proxy.change", ui.s("proxy.change"), ButtonKind::secondary)) {
      wipe_person(*c.s.applicant);
      c.s.applicant.reset();
      c.s.input.clear();
    }
    ui.end_scroll();
  } else {
    begin_fixed_column(ui);
    ui.text(ui.s("proxy.applicant_prompt"), FontSize::large);
    draw_keypad(ui, c.s.input, KeyMode::id_number, 18, "proxy", false, 70);
    if (!c.view.typed_error_key.empty()) ui.text_colored(ui.s(c.view.typed_error_key), FontSize::large, t.danger);
    end_fixed_column();
  }
  NavSpec nav;
  nav.next = true;
  nav.next_enabled = c.s.applicant.has_value() && !c.s.applicant->name.empty();
  const bool typing = !c.s.applicant;
  if (typing) {  // the bar's main button is 确定 for the typed number
    nav.next_key = "nav.confirm";
    nav.next_name = "proxy.use_number";
    nav.next_enabled = c.s.input.size() == 18;
  }
  bottom_bar(c, nav);
  if (typing && take_next(c)) c.cmd(CommandKind::identify_typed, "applicant");
}

void draw_proxy_relation(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "proxy.relation_title");
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  float w = 1080 - 2 * t.margin;
  ImGui::Dummy(ImVec2(w, 0));
  ui.text(ui.s("proxy.relation_prompt"), FontSize::large);
  ui.spacing(t.gap);
  // The contract's proxy relation words.
  const char* rel[] = {"spouse", "child", "parent", "sibling", "grandchild", "other_relative", "village_cadre", "other"};
  float bw = (w - t.gap) / 2;
  for (int i = 0; i < 8; ++i) {
    if (i % 2) ImGui::SameLine(0, t.gap);
    else if (i) ui.spacing(t.gap / 2);
    bool sel = c.s.proxy_relation == rel[i];
    std::string label = (sel ? "✓ " : "") + ui.s(std::string("proxy.rel.") + rel[i]);
    if (ui.button((std::string("proxy.rel.") + rel[i]).c_str(), label, sel ? ButtonKind::selected : ButtonKind::secondary, bw))
      c.s.proxy_relation = rel[i];
  }
  ui.spacing(t.gap);
  ui.text(ui.s("proxy.authorization_note"), FontSize::body, true);
  ImGui::EndGroup();
  NavSpec nav;
  nav.next = true;
  nav.next_enabled = !c.s.proxy_relation.empty();
  bottom_bar(c, nav);
}

void draw_members(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "members.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("members.scroll", h);
  ui.text(ui.s("members.prompt"), FontSize::large);
  ui.spacing(t.gap / 2);
  int remove = -1;
  float w = ImGui::GetContentRegionAvail().x;
  for (size_t i = 0; i < c.s.members.size(); ++i) {
    const auto& m = c.s.members[i];
    std::string rel = i == 0 ? ui.s("members.applicant") : model::label_zh(m.relation);
    ui.text(rel + "：" + person_line(ui, m.person), FontSize::large);
    if (i > 0 && ui.button(("members.remove." + std::to_string(i)).c_str(), ui.s("members.remove"),
                           ButtonKind::secondary, w * 0.4f, t.button_h * 0.8f))
      remove = static_cast<int>(i);
    ui.spacing(t.gap / 2);
  }
  if (remove > 0) {
    wipe_person(c.s.members[static_cast<size_t>(remove)].person);
    c.s.members.erase(c.s.members.begin() + remove);
  }
  ui.spacing(t.gap);
  if (ui.button("members.add", ui.s("members.add"), ButtonKind::secondary)) {
    c.s.pending_member.reset();
    c.s.pending_relation.reset();
    c.s.input.clear();
    c.go(EventKind::add_member);
  }
  ui.text(ui.s("members.hint"), FontSize::body, true);
  ui.end_scroll();
  NavSpec nav;
  nav.next = true;
  bottom_bar(c, nav);
}

void draw_member_add(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "member_add.title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("member_add.scroll", h);
  float w = ImGui::GetContentRegionAvail().x;
  if (!c.s.pending_member) {
    ui.text(ui.s("member_add.prompt"), FontSize::large);
    draw_keypad(ui, c.s.input, KeyMode::id_number, 18, "member", false, 70);
    if (!c.view.typed_error_key.empty()) ui.text_colored(ui.s(c.view.typed_error_key), FontSize::large, t.danger);
  } else {
    ui.text(person_line(ui, *c.s.pending_member), FontSize::title);
    if (!c.s.pending_member->card_read) {
      // A typed number carries no name: the member's name is written by hand (the paper
      // forms and the household record need it).
      ui.text(ui.s("id_entry.name_prompt"), FontSize::body);
      c.hw.draw(ui, c.s.pending_member->name, 10, "member.name");
    }
    ui.text(ui.s("member_add.relation"), FontSize::large);
    float bw = (w - t.gap) / 2;
    int i = 0;
    for (const auto& [word, rel] : kRelations) {
      if (i % 2) ImGui::SameLine(0, t.gap);
      else if (i) ui.spacing(t.gap / 2);
      ++i;
      bool sel = c.s.pending_relation == rel;
      std::string label = (sel ? "✓ " : "") + std::string(model::label_zh(rel));
      if (ui.button((std::string("member.rel.") + word).c_str(), label, sel ? ButtonKind::selected : ButtonKind::secondary, bw))
        c.s.pending_relation = rel;
    }
  }
  ui.end_scroll();
  NavSpec nav;
  nav.next = true;
  nav.next_key = "member_add.done";
  nav.next_enabled = c.s.pending_member.has_value() && c.s.pending_relation.has_value() &&
                     !c.s.pending_member->name.empty();
  const bool typing = !c.s.pending_member;
  if (typing) {  // the bar's main button is 确定 for the typed number
    nav.next_key = "nav.confirm";
    nav.next_name = "member.use_number";
    nav.next_enabled = c.s.input.size() == 18;
  }
  bottom_bar(c, nav);
  if (typing) {
    if (take_next(c)) c.cmd(CommandKind::identify_typed, "member");
  } else if (take_next(c)) {
    MemberEntry m;
    m.person = *c.s.pending_member;
    m.relation = *c.s.pending_relation;
    c.s.members.push_back(std::move(m));
    c.s.pending_member.reset();
    c.s.pending_relation.reset();
    c.go(EventKind::member_done);
  }
  for (auto& e : c.events)
    if (e.kind == EventKind::back) e.kind = EventKind::member_done;
}

void draw_income(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "income.title");
  auto idx = static_cast<size_t>(std::max(0, c.s.income_index));
  if (idx >= c.s.members.size()) idx = 0;
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  float w = 1080 - 2 * t.margin;
  ImGui::Dummy(ImVec2(w, 0));
  bool ok = !c.s.members.empty();
  if (ok) {
    const auto& m = c.s.members[idx];
    std::string who = idx == 0 ? ui.s("members.applicant") : model::label_zh(m.relation);
    ui.text(ui.f("income.prompt", {who + " " + (m.person.name.empty() ? mask_id_number(m.person.id_number) : m.person.name)}),
            FontSize::large);
    ui.text(ui.s("income.hint"), FontSize::body, true);
    draw_keypad(ui, c.s.input, KeyMode::money, 9, "income", false, t.button_h + t.gap);
    ui.spacing(t.gap / 2);
    if (ui.button("income.none", ui.s("income.none"), ButtonKind::secondary, 0, 0, true, "answer.no")) {
      c.s.input = "0";
    }
  }
  ImGui::EndGroup();
  NavSpec nav;
  nav.next = true;
  nav.next_enabled = !c.s.input.empty();
  bottom_bar(c, nav);
  if (!ok) return;
  // 下一步 stores this member's income and moves to the next member; after the last, the flow.
  bool next = false;
  for (auto& e : c.events)
    if (e.kind == EventKind::next) next = true;
  if (next) {
    try {
      c.s.members[idx].monthly_income = std::stod(c.s.input);
    } catch (...) {
    }
    c.s.input.clear();
    if (idx + 1 < c.s.members.size()) {
      take_next(c);
      c.s.income_index = static_cast<int>(idx + 1);
    } else {
      c.s.income_index = 0;
    }
  }
  for (size_t i = 0; i < c.events.size(); ++i)
    if (c.events[i].kind == EventKind::back && idx > 0) {
      c.events.erase(c.events.begin() + static_cast<long>(i));
      c.s.income_index = static_cast<int>(idx - 1);
      c.s.input.clear();
      break;
    }
}

void draw_assets(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "assets.title");
  int q = c.s.assets_index;
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  float w = 1080 - 2 * t.margin;
  ImGui::Dummy(ImVec2(w, 0));
  std::string qk = "assets.q" + std::to_string(q + 1);
  ui.text(ui.s(qk), FontSize::title);
  ui.text(ui.s(qk + "_hint"), FontSize::body, true);
  ui.spacing(t.gap);
  bool answered = false;
  NavSpec nav;
  float bh = t.button_h * 1.2f;
  auto choice = [&](const char* name, const std::string& label, bool sel, const char* pictogram) {
    bool hit = ui.button(name, (sel ? "✓ " : "") + label, sel ? ButtonKind::selected : ButtonKind::secondary, 0, bh,
                         true, pictogram);
    ui.spacing(t.gap);
    return hit;
  };
  switch (q) {
    case 0:
      if (choice("assets.rural", ui.s("check.rural"), c.s.rural == true, "answer.rural")) c.s.rural = true, answered = true;
      if (choice("assets.urban", ui.s("check.urban"), c.s.rural == false, "answer.urban")) c.s.rural = false, answered = true;
      break;
    case 1:
      draw_keypad(ui, c.s.input, KeyMode::money, 10, "assets.deposits", false, 0);
      nav.next = true;  // 确定: the bar's main button
      nav.next_key = "nav.confirm";
      nav.next_name = "assets.deposits.ok";
      nav.next_enabled = !c.s.input.empty();
      break;
    case 2:
      if (choice("assets.vehicle.no", ui.s("answer.no_have"), c.s.vehicles == 0, "answer.no")) c.s.vehicles = 0, answered = true;
      if (choice("assets.vehicle.yes", ui.s("answer.yes_have"), c.s.vehicles && *c.s.vehicles > 0, "answer.yes"))
        c.s.vehicles = 1, answered = true;
      break;
    case 3:
      if (choice("assets.house.no", ui.s("answer.no_have"), c.s.extra_housing == false, "answer.no"))
        c.s.extra_housing = false, answered = true;
      if (choice("assets.house.yes", ui.s("answer.yes_have"), c.s.extra_housing == true, "answer.yes"))
        c.s.extra_housing = true, answered = true;
      break;
    default:
      draw_keypad(ui, c.s.input, KeyMode::digits, 11, "assets.phone", false, t.button_h + t.gap);
      nav.next = true;  // 确定: the bar's main button
      nav.next_key = "nav.confirm";
      nav.next_name = "assets.phone.ok";
      nav.next_enabled = c.s.input.size() == 11;
      ui.spacing(t.gap / 2);
      if (ui.button("assets.phone.none", ui.s("assets.no_phone"), ButtonKind::secondary, 0, 0, true, "answer.no")) {
        c.s.phone.clear();
        answered = true;
      }
      break;
  }
  ImGui::EndGroup();
  bottom_bar(c, nav);
  if (nav.next && take_next(c)) {
    if (q == 1) {
      try {
        c.s.deposits = std::stod(c.s.input);
      } catch (...) {
      }
    } else {
      c.s.phone = c.s.input;
    }
    answered = true;
  }
  if (answered) {
    c.s.input.clear();
    // The next question still open: what the self-check answered is not asked again.
    const bool known[4] = {c.s.rural.has_value(), c.s.deposits.has_value(), c.s.vehicles.has_value(),
                           c.s.extra_housing.has_value()};
    int next = q + 1;
    while (next < 4 && known[next] && c.s.check_answered_assets) ++next;
    if (q < 4) c.s.assets_index = next;
    else {
      c.s.assets_index = 0;
      c.go(EventKind::next);
    }
  }
  for (size_t i = 0; i < c.events.size(); ++i)
    if (c.events[i].kind == EventKind::back && q > 0) {
      c.events.erase(c.events.begin() + static_cast<long>(i));
      c.s.assets_index = q - 1;
      c.s.input.clear();
      break;
    }
}

}  // namespace jiuzhu::kiosk
