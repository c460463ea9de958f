#include "kiosk/flow/flow.h"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

#include "core/model/role.h"

namespace jiuzhu::kiosk {
namespace {

constexpr std::array<std::pair<Screen, const char*>, 28> kNames{{
    {Screen::attract, "attract"},         {Screen::id_entry, "id_entry"},
    {Screen::home, "home"},               {Screen::policy_list, "policy_list"},
    {Screen::policy_detail, "policy_detail"}, {Screen::check_question, "check_question"},
    {Screen::check_result, "check_result"}, {Screen::apply_program, "apply_program"},
    {Screen::proxy_applicant, "proxy_applicant"}, {Screen::proxy_relation, "proxy_relation"},
    {Screen::members, "members"},         {Screen::member_add, "member_add"},
    {Screen::income, "income"},           {Screen::assets, "assets"},
    {Screen::situation, "situation"},     {Screen::consent, "consent"},
    {Screen::documents, "documents"},     {Screen::review, "review"},
    {Screen::submitting, "submitting"},   {Screen::receipt, "receipt"},
    {Screen::progress, "progress"},       {Screen::progress_result, "progress_result"},
    {Screen::lead, "lead"},               {Screen::lead_done, "lead_done"},
    {Screen::help, "help"},               {Screen::staff_pin, "staff_pin"},
    {Screen::staff_menu, "staff_menu"},   {Screen::out_of_service, "out_of_service"},
}};

const std::vector<Screen> kNone{};
const std::vector<Screen> kSelf{Screen::apply_program, Screen::members, Screen::income,
                                Screen::assets, Screen::situation, Screen::consent,
                                Screen::documents, Screen::review};
const std::vector<Screen> kProxy{Screen::proxy_applicant, Screen::proxy_relation,
                                 Screen::apply_program, Screen::members, Screen::income,
                                 Screen::assets, Screen::situation, Screen::consent,
                                 Screen::documents, Screen::review};
const std::vector<Screen> kCheck{Screen::check_question, Screen::check_result};
const std::vector<Screen> kProgress{Screen::progress, Screen::progress_result};
const std::vector<Screen> kLead{Screen::lead, Screen::lead_done};

Effect fx(EffectKind k) { return Effect{k}; }

Transition to(FlowState s, Screen next, bool remember = true) {
  if (remember && s.screen != next) s.history.push_back(s.screen);
  s.screen = next;
  s.countdown = false;
  return {std::move(s), {fx(EffectKind::speak_prompt)}};
}

Transition reset(const FlowState& s) {  // a new FlowState: nothing answered
  FlowState n;
  n.out_of_service = s.out_of_service;
  n.screen = s.out_of_service ? Screen::out_of_service : Screen::attract;
  return {n, {fx(EffectKind::wipe_session), fx(EffectKind::speak_prompt)}};
}

// A card on the reader: the resident on the attract and keypad screens (then the menu), the
// applicant on 代人申请, the member being added on 添加家人; anywhere else a card left on the
// reader means nothing. The countdown does not stop the applicant's or a member's card from
// being kept (the resident is plainly there), but nobody logs in under it.
Transition card_read(const FlowState& s) {
  switch (s.screen) {
    case Screen::attract:
    case Screen::id_entry: {
      if (s.countdown) return {s, {}};
      FlowState n = s;
      n.history.clear();
      n.journey = Journey::none;
      Transition t = to(n, Screen::home, false);
      t.effects.insert(t.effects.begin(), Effect{EffectKind::store_card, CardSlot::user});
      return t;
    }
    case Screen::proxy_applicant: return {s, {Effect{EffectKind::store_card, CardSlot::applicant}}};
    case Screen::member_add: return {s, {Effect{EffectKind::store_card, CardSlot::member}}};
    default: return {s, {}};
  }
}

Transition decide(const FlowState& s, const Event& e);

Transition start(FlowState s, Journey j, Screen first) {
  s.journey = j;
  s.answered.clear();
  s.history.clear();
  s.history.push_back(Screen::home);
  return to(std::move(s), first, false);
}

bool is_menu_reachable(Screen s) {
  // Screens from which the home menu's journeys may start.
  return s == Screen::home;
}

}  // namespace

const char* screen_name(Screen s) {
  for (auto& [sc, n] : kNames)
    if (sc == s) return n;
  return "?";
}

bool screen_from_name(const std::string& name, Screen& out) {
  for (auto& [sc, n] : kNames)
    if (name == n) {
      out = sc;
      return true;
    }
  return false;
}

const std::vector<Screen>& sequence(Journey j) {
  switch (j) {
    case Journey::apply_self: return kSelf;
    case Journey::apply_proxy: return kProxy;
    case Journey::check: return kCheck;
    case Journey::progress: return kProgress;
    case Journey::lead: return kLead;
    default: return kNone;
  }
}

std::vector<Screen> steps(const FlowState& s) {
  std::vector<Screen> out;
  for (Screen sc : sequence(s.journey))
    if (sc == s.screen || std::find(s.answered.begin(), s.answered.end(), sc) == s.answered.end()) out.push_back(sc);
  return out;
}

std::vector<Effect> entry_effects(Screen from, const FlowState& to) {
  std::vector<Effect> out{fx(EffectKind::clear_entry)};
  if (to.screen != Screen::documents && to.screen != Screen::progress) out.push_back(fx(EffectKind::stop_camera));
  switch (to.screen) {
    case Screen::check_question: out.push_back(fx(EffectKind::begin_check)); break;
    case Screen::apply_program: out.push_back(fx(EffectKind::carry_check_answers)); break;
    case Screen::members: out.push_back(fx(EffectKind::add_applicant_member)); break;
    case Screen::income: out.push_back(fx(EffectKind::begin_income)); break;
    case Screen::assets: out.push_back(fx(EffectKind::carry_assets)); break;
    case Screen::progress: out.push_back(fx(EffectKind::begin_progress)); break;
    case Screen::staff_pin: out.push_back(fx(EffectKind::begin_staff_login)); break;
    case Screen::staff_menu: out.push_back(fx(EffectKind::refresh_status)); break;
    case Screen::receipt: out.push_back(fx(EffectKind::print_receipt)); break;
    case Screen::help: out.push_back(Effect{EffectKind::call_help, CardSlot::user, from}); break;
    default: break;
  }
  return out;
}

Transition step(const FlowState& s, const Event& e, const Facts& facts) {
  Transition t = decide(s, e);
  if (t.state.screen != s.screen) {
    // One questionnaire: the self-check's answers carry into the application, and the screens
    // they answer completely are passed over (Next skips them, the step counter leaves them out).
    if (t.state.screen == Screen::apply_program) {
      t.state.answered.clear();
      if (facts.check_income_answered) t.state.answered.push_back(Screen::income);
    }
    auto entry = entry_effects(s.screen, t.state);
    t.effects.insert(t.effects.end(), entry.begin(), entry.end());
  }
  return t;
}

namespace {

Transition decide(const FlowState& s, const Event& e) {
  const Transition same{s, {}};
  // A card read keeps its meaning under the countdown (card_read).
  if (e.kind == EventKind::card_read) return card_read(s);
  // The countdown swallows everything but its own answers: the screen must not change
  // under a resident who is deciding.
  if (s.countdown) {
    if (e.kind == EventKind::more_time) {
      FlowState n = s;
      n.countdown = false;
      return {n, {fx(EffectKind::restart_idle_timer)}};
    }
    if (e.kind == EventKind::idle_expired || e.kind == EventKind::finish) return reset(s);
    return same;
  }

  switch (e.kind) {
    case EventKind::idle_warning:
      // Nothing to protect on the attract or out-of-service screens.
      if (s.screen == Screen::attract || s.screen == Screen::out_of_service) return same;
      {
        FlowState n = s;
        n.countdown = true;
        // The prompt is due again once the countdown is dismissed.
        return {n, {fx(EffectKind::speak_prompt), fx(EffectKind::start_countdown)}};
      }
    case EventKind::idle_expired:
    case EventKind::finish:
      if (s.screen == Screen::attract) return same;
      return reset(s);
    case EventKind::more_time:
      return same;
    case EventKind::card_read:
      return card_read(s);
    case EventKind::qr_read:
      // Only the progress screen scans a QR code; a late read elsewhere is dropped.
      return s.screen == Screen::progress ? Transition{s, {fx(EffectKind::query_progress)}} : same;
    case EventKind::progress_found:
      return s.screen == Screen::progress ? to(s, Screen::progress_result) : same;
    case EventKind::lead_saved:
      return s.screen == Screen::lead ? to(s, Screen::lead_done) : same;
    case EventKind::card_identified:
      if (s.screen == Screen::attract || s.screen == Screen::id_entry) {
        FlowState n = s;
        n.history.clear();
        n.journey = Journey::none;
        return to(n, Screen::home, false);
      }
      return same;
    case EventKind::type_number:
      if (s.screen == Screen::attract) return to(s, Screen::id_entry);
      return same;
    case EventKind::go_help:
      if (s.screen == Screen::help || s.screen == Screen::out_of_service ||
          s.screen == Screen::staff_pin || s.screen == Screen::staff_menu)
        return same;
      return to(s, Screen::help);
    case EventKind::go_policy:
      return is_menu_reachable(s.screen) ? start(s, Journey::policy, Screen::policy_list) : same;
    case EventKind::go_check:
      return is_menu_reachable(s.screen) ? start(s, Journey::check, Screen::check_question) : same;
    case EventKind::go_apply_self:
      // From the check result too: "apply for these" continues with the same answers.
      if (is_menu_reachable(s.screen) || s.screen == Screen::check_result)
        return start(s, Journey::apply_self, Screen::apply_program);
      return same;
    case EventKind::go_apply_proxy:
      return is_menu_reachable(s.screen) ? start(s, Journey::apply_proxy, Screen::proxy_applicant)
                                         : same;
    case EventKind::go_progress:
      return is_menu_reachable(s.screen) ? start(s, Journey::progress, Screen::progress) : same;
    case EventKind::go_lead:
      return is_menu_reachable(s.screen) ? start(s, Journey::lead, Screen::lead) : same;
    case EventKind::open_detail:
      return s.screen == Screen::policy_list ? to(s, Screen::policy_detail) : same;
    case EventKind::add_member:
      return s.screen == Screen::members ? to(s, Screen::member_add) : same;
    case EventKind::member_done:
      if (s.screen != Screen::member_add) return same;
      {
        FlowState n = s;
        if (!n.history.empty()) n.history.pop_back();
        return to(n, Screen::members, false);
      }
    case EventKind::next: {
      const auto& seq = sequence(s.journey);
      auto it = std::find(seq.begin(), seq.end(), s.screen);
      if (it == seq.end()) return same;
      if (s.screen == Screen::review) {
        FlowState n = s;
        n.screen = Screen::submitting;
        return {n, {fx(EffectKind::submit)}};
      }
      for (auto next = it + 1; next != seq.end(); ++next)
        if (std::find(s.answered.begin(), s.answered.end(), *next) == s.answered.end()) return to(s, *next);
      return same;
    }
    case EventKind::submitted:
      return s.screen == Screen::submitting ? to(s, Screen::receipt, false) : same;
    case EventKind::back: {
      if (s.screen == Screen::submitting || s.screen == Screen::receipt ||
          s.screen == Screen::attract || s.screen == Screen::out_of_service)
        return same;
      if (s.screen == Screen::staff_pin || s.screen == Screen::staff_menu) return reset(s);
      FlowState n = s;
      if (n.history.empty()) return same;
      Screen prev = n.history.back();
      n.history.pop_back();
      if (prev == Screen::home) n.journey = Journey::none;
      return to(n, prev, false);
    }
    case EventKind::home:
      if (s.screen == Screen::attract || s.screen == Screen::id_entry) {
        FlowState n;
        n.out_of_service = s.out_of_service;
        return {n, {fx(EffectKind::wipe_session)}};
      }
      if (s.screen == Screen::submitting || s.screen == Screen::staff_pin ||
          s.screen == Screen::staff_menu || s.screen == Screen::out_of_service)
        return same;
      {
        FlowState n = s;
        n.history.clear();
        n.journey = Journey::none;
        return to(n, Screen::home, false);
      }
    case EventKind::staff_gesture:
      if (s.screen == Screen::attract || s.screen == Screen::out_of_service) {
        FlowState n = s;
        n.journey = Journey::staff;
        return to(n, Screen::staff_pin);
      }
      return same;
    case EventKind::staff_login_ok:
      return s.screen == Screen::staff_pin ? to(s, Screen::staff_menu, false) : same;
    case EventKind::staff_set_out_of_service:
      if (s.screen != Screen::staff_menu) return same;
      {
        FlowState n;
        n.out_of_service = true;
        n.screen = Screen::out_of_service;
        return {n, {fx(EffectKind::wipe_session)}};
      }
    case EventKind::staff_clear_out_of_service:
      if (s.screen != Screen::staff_menu) return same;
      {
        FlowState n = s;
        n.out_of_service = false;
        return {n, {}};
      }
  }
  return same;
}

}  // namespace
StaffLogin staff_login_outcome(int http_status, const std::string& role) {
  if (http_status < 0) return StaffLogin::offline;
  if (http_status == 429) return StaffLogin::throttled;
  const std::optional<model::Role> r = model::parse_staff_role(role);
  if (http_status == 200 &&
      (r == model::Role::hall_staff || r == model::Role::caseworker || r == model::Role::county_admin)) {
    return StaffLogin::ok;
  }
  return StaffLogin::bad_pin;
}

const char* staff_login_error_key(StaffLogin outcome) {
  switch (outcome) {
    case StaffLogin::ok: return "";
    case StaffLogin::bad_pin: return "staff.bad_pin";
    case StaffLogin::throttled: return "staff.throttled";
    case StaffLogin::offline: return "staff.offline";
  }
  return "staff.bad_pin";
}

}  // namespace jiuzhu::kiosk
