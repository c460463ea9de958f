// 看看我能申请什么: one question per screen, big answers, 不知道 always allowed; then the
// programs with reasons from the eligibility engine (core/policy, evaluated by the app).
#include <imgui.h>

#include "kiosk/screens/screen.h"
#include "kiosk/text/wording.h"
#include "kiosk/ui/keypad.h"

namespace jiuzhu::kiosk {
namespace {

// The catalog's short name (低保) for a program, else its full name.
std::string short_program_name(ScreenCtx& c, const std::string& id) {
  if (c.view.programs)
    for (const auto& p : *c.view.programs)
      if (p.value("id", "") == id) return p.value("short_name", p.value("name", id));
  return c.ui.s("program." + id);
}

constexpr int kQuestions = 9;

// Yes/no/不知道 as three big buttons stacked (stacked, not side by side: easier to hit).
// The pictograms are ✅ / ❌ / ❓, or the question's own (🌾 农村 / 🏙 城镇).
void yes_no(ScreenCtx& c, const char* name, std::optional<bool>& answer, const char* yes_key,
            const char* no_key, bool& answered, const char* yes_icon = "answer.yes",
            const char* no_icon = "answer.no") {
  Ui& ui = c.ui;
  float h = ui.theme().button_h * 1.2f;
  auto kind = [&](bool sel) { return sel ? ButtonKind::selected : ButtonKind::secondary; };
  std::string n = name;
  bool y = answer && *answer, no = answer && !*answer;
  if (ui.button((n + ".yes").c_str(), (y ? "✓ " : "") + ui.s(yes_key), kind(y), 0, h, true, yes_icon)) {
    answer = true;
    answered = true;
  }
  ui.spacing(ui.theme().gap);
  if (ui.button((n + ".no").c_str(), (no ? "✓ " : "") + ui.s(no_key), kind(no), 0, h, true, no_icon)) {
    answer = false;
    answered = true;
  }
  ui.spacing(ui.theme().gap);
  if (ui.button((n + ".unknown").c_str(), ui.s("answer.unknown"), ButtonKind::secondary, 0, h, true, "answer.unknown")) {
    answer.reset();
    answered = true;
  }
}

// A number question on the keypad, with 不知道 under it; its 确定 is the bottom bar's main
// button (confirm_number, after the bar is drawn).
void number(ScreenCtx& c, const char* name, std::optional<double>& answer, KeyMode mode, bool& answered) {
  Ui& ui = c.ui;
  draw_keypad(ui, c.s.input, mode, 9, name, false, ui.theme().button_h + ui.theme().gap);
  ui.spacing(ui.theme().gap / 2);
  std::string n = name;
  if (ui.button((n + ".unknown").c_str(), ui.s("answer.unknown"), ButtonKind::secondary, 0, 0, true, "answer.unknown")) {
    answer.reset();
    answered = true;
  }
}

void confirm_number(ScreenCtx& c, std::optional<double>& answer, bool& answered) {
  try {
    answer = std::stod(c.s.input);
  } catch (...) {
    answer.reset();
  }
  answered = true;
}

}  // namespace

void draw_check_question(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  top_bar(c, "check.title");
  CheckAnswers& a = c.s.check;
  int q = c.s.check_index;
  ImGui::SetCursorPosX(t.margin);
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(1080 - 2 * t.margin, 0));
  ui.text(ui.f("check.progress", {std::to_string(q + 1), std::to_string(kQuestions)}), FontSize::body, true);
  std::string qkey = "check.q" + std::to_string(q + 1);
  ui.set_prompt(ui.s(qkey));  // spoken when the question appears, and on 重听
  ui.text(ui.s(qkey), FontSize::title);
  ui.text(ui.s(qkey + "_hint"), FontSize::body, true);
  ui.spacing(t.gap);
  bool answered = false;
  std::optional<double> num;
  if (q == 1 && a.household_size) num = *a.household_size;
  // The number questions' answer (q2 household size, q3 income, q4 deposits).
  std::optional<double>* number_answer = q == 1 ? &num : q == 2 ? &a.household_income : q == 3 ? &a.deposits : nullptr;
  switch (q) {
    case 0: yes_no(c, "check.q1", a.rural, "check.rural", "check.urban", answered, "answer.rural", "answer.urban"); break;
    case 1: number(c, "check.q2", num, KeyMode::digits, answered); break;
    case 2: number(c, "check.q3", a.household_income, KeyMode::money, answered); break;
    case 3: number(c, "check.q4", a.deposits, KeyMode::money, answered); break;
    case 4: yes_no(c, "check.q5", a.has_vehicle, "answer.yes_have", "answer.no_have", answered); break;
    case 5: yes_no(c, "check.q6", a.disability_severe, "answer.yes_have", "answer.no_have", answered); break;
    case 6: yes_no(c, "check.q7", a.emergency, "answer.yes_have", "answer.no_have", answered); break;
    case 7: yes_no(c, "check.q8", a.has_supporter, "answer.yes_have", "answer.no_have", answered); break;
    default: yes_no(c, "check.q9", a.extra_housing, "answer.yes_have", "answer.no_have", answered); break;
  }
  ImGui::EndGroup();
  NavSpec nav;
  if (number_answer) {
    nav.next = true;
    nav.next_key = "nav.confirm";
    nav.next_name = "check.q" + std::to_string(q + 1) + ".ok";
    nav.next_enabled = !c.s.input.empty();
  }
  bottom_bar(c, nav);
  if (number_answer && take_next(c)) confirm_number(c, *number_answer, answered);
  if (q == 1 && answered) {
    if (num && *num >= 1 && *num <= 20) a.household_size = static_cast<int>(*num);
    else a.household_size.reset();
  }
  if (answered) {
    c.s.input.clear();
    if (q + 1 < kQuestions) {
      c.s.check_index = q + 1;
    } else {
      c.cmd(CommandKind::run_eligibility);
      c.go(EventKind::next);
    }
  }
  // 返回 inside the questionnaire goes to the previous question.
  for (size_t i = 0; i < c.events.size(); ++i)
    if (c.events[i].kind == EventKind::back && q > 0) {
      c.events.erase(c.events.begin() + static_cast<long>(i));
      c.s.check_index = q - 1;
      c.s.input.clear();
      break;
    }
}

void draw_check_result(ScreenCtx& c) {
  Ui& ui = c.ui;
  const Theme& t = ui.theme();
  float h = top_bar(c, "check.result_title");
  ImGui::SetCursorPosX(t.margin);
  ui.begin_scroll("check.result.scroll", h);
  if (c.view.eligibility == Async::running || c.view.eligibility == Async::idle) {
    ui.text(ui.s("check.computing"), FontSize::large);
  } else if (c.view.eligibility == Async::failed) {
    ui.text_colored(ui.s("check.failed"), FontSize::large, t.danger);
  } else {
    const auto& r = c.view.eligibility_result;
    const ResultSummary sum = summarise_result(r);
    // The verdict first, in one sentence the resident can act on; then the main reason in
    // words; the rules, numbers and formulas only behind 为什么.
    std::string spoken;
    for (const auto& item : sum.items) {
      const std::string name = short_program_name(c, item.program);
      const std::string headline = ui.f(item.likely ? "check.headline.likely" : "check.headline.review", {name});
      ui.text_colored(headline, FontSize::title, item.likely ? t.ok : t.text);
      ui.text(item.likely ? ui.s("check.reason.likely") : item.main_reason, FontSize::large);
      spoken += headline + "。";
      const std::string why_name = "check.why." + item.program;
      const bool open = c.s.why_open == item.program;
      if (ui.button(why_name.c_str(), open ? ui.s("check.why_hide") : ui.s("check.why"), ButtonKind::secondary,
                    ImGui::GetContentRegionAvail().x * 0.5f))
        c.s.why_open = open ? "" : item.program;
      if (open) {
        for (const auto& reason : item.reasons) ui.text("· " + reason, FontSize::body);
        if (!item.next_steps.empty()) ui.text(ui.s("check.next") + item.next_steps, FontSize::body, true);
      }
      ui.spacing(t.gap);
    }
    if (sum.items.empty()) {
      ui.text(ui.s("check.none"), FontSize::large);
      spoken = ui.s("check.none");
    }
    ui.set_prompt(spoken);
    ui.text(ui.s("check.disclaimer"), FontSize::body, true);
    ui.text(ui.s("check.ask_staff"), FontSize::body, true);
  }
  ui.end_scroll();
  // 我要申请 is the bar's main button: always in view, however long the results are.
  NavSpec nav;
  nav.next = true;
  nav.next_key = "check.apply";
  nav.next_enabled = c.view.eligibility == Async::done;
  bottom_bar(c, nav);
  for (auto& e : c.events)
    if (e.kind == EventKind::next) e.kind = EventKind::go_apply_self;
}

}  // namespace jiuzhu::kiosk
