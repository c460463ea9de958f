// The flow's decisions that the app only carries out: what a card read or a QR code means on
// each screen, what entering each screen sets up, and what the countdown and the backend's
// answers lead to. Pure: no SDL, no devices.
#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/flow/flow.h"

using namespace jiuzhu::kiosk;

namespace {

FlowState walk(FlowState s, std::initializer_list<EventKind> evs, const Facts& facts = {}) {
  for (auto k : evs) s = step(s, {k}, facts).state;
  return s;
}

std::vector<EffectKind> kinds(const std::vector<Effect>& fx) {
  std::vector<EffectKind> out;
  for (const auto& e : fx) out.push_back(e.kind);
  return out;
}

bool has(const std::vector<Effect>& v, EffectKind k) {
  return std::any_of(v.begin(), v.end(), [k](const Effect& e) { return e.kind == k; });
}

// A state on `screen` reached the way a resident reaches it.
FlowState at(Screen screen) {
  switch (screen) {
    case Screen::attract: return {};
    case Screen::id_entry: return walk({}, {EventKind::type_number});
    case Screen::home: return walk({}, {EventKind::card_identified});
    case Screen::proxy_applicant: return walk({}, {EventKind::card_identified, EventKind::go_apply_proxy});
    case Screen::members:
      return walk({}, {EventKind::card_identified, EventKind::go_apply_self, EventKind::next});
    case Screen::member_add:
      return walk({}, {EventKind::card_identified, EventKind::go_apply_self, EventKind::next, EventKind::add_member});
    case Screen::progress: return walk({}, {EventKind::card_identified, EventKind::go_progress});
    case Screen::lead: return walk({}, {EventKind::card_identified, EventKind::go_lead});
    case Screen::check_question: return walk({}, {EventKind::card_identified, EventKind::go_check});
    case Screen::out_of_service:
      return walk({}, {EventKind::staff_gesture, EventKind::staff_login_ok, EventKind::staff_set_out_of_service});
    default: ADD_FAILURE() << "no path to " << screen_name(screen); return {};
  }
}

}  // namespace

TEST(FlowCardRead, OnTheAttractAndKeypadScreensTheCardIsTheResidentAndOpensTheMenu) {
  for (Screen where : {Screen::attract, Screen::id_entry}) {
    FlowState s = at(where);
    ASSERT_EQ(s.screen, where);
    Transition t = step(s, {EventKind::card_read});
    EXPECT_EQ(t.state.screen, Screen::home) << screen_name(where);
    EXPECT_EQ(t.state.journey, Journey::none);
    EXPECT_TRUE(t.state.history.empty());
    // Kept first, so that the menu's entry and prompt see the resident.
    ASSERT_FALSE(t.effects.empty());
    EXPECT_EQ(t.effects.front(), (Effect{EffectKind::store_card, CardSlot::user}));
    EXPECT_TRUE(has(t.effects, EffectKind::speak_prompt));
    EXPECT_TRUE(has(t.effects, EffectKind::clear_entry));
  }
}

TEST(FlowCardRead, ForAProxyOrAMemberTheCardFillsThatSlotAndStaysOnTheScreen) {
  Transition a = step(at(Screen::proxy_applicant), {EventKind::card_read});
  EXPECT_EQ(a.state.screen, Screen::proxy_applicant);
  EXPECT_EQ(a.effects, (std::vector<Effect>{{EffectKind::store_card, CardSlot::applicant}}));
  Transition m = step(at(Screen::member_add), {EventKind::card_read});
  EXPECT_EQ(m.state.screen, Screen::member_add);
  EXPECT_EQ(m.effects, (std::vector<Effect>{{EffectKind::store_card, CardSlot::member}}));
}

TEST(FlowCardRead, ElsewhereACardLeftOnTheReaderMeansNothing) {
  for (Screen where : {Screen::home, Screen::members, Screen::progress, Screen::lead, Screen::check_question,
                       Screen::out_of_service}) {
    FlowState s = at(where);
    Transition t = step(s, {EventKind::card_read});
    EXPECT_EQ(t.state.screen, where) << screen_name(where);
    EXPECT_TRUE(t.effects.empty()) << screen_name(where);
  }
}

TEST(FlowCardRead, UnderTheCountdownNobodyLogsInButAnApplicantsCardIsKept) {
  FlowState keypad = at(Screen::id_entry);
  keypad.countdown = true;
  Transition t = step(keypad, {EventKind::card_read});
  EXPECT_EQ(t.state.screen, Screen::id_entry);
  EXPECT_TRUE(t.effects.empty());
  FlowState proxy = walk(at(Screen::proxy_applicant), {EventKind::idle_warning});
  ASSERT_TRUE(proxy.countdown);
  Transition p = step(proxy, {EventKind::card_read});
  EXPECT_TRUE(p.state.countdown);
  EXPECT_EQ(p.effects, (std::vector<Effect>{{EffectKind::store_card, CardSlot::applicant}}));
}

TEST(FlowEntry, EveryNewScreenClearsTheEntryAndOnlyTheScanningScreensKeepTheCamera) {
  for (int i = 0; i <= static_cast<int>(Screen::out_of_service); ++i) {
    FlowState to;
    to.screen = static_cast<Screen>(i);
    auto fx = entry_effects(Screen::home, to);
    ASSERT_FALSE(fx.empty());
    EXPECT_EQ(fx.front().kind, EffectKind::clear_entry);
    const bool scanning = to.screen == Screen::documents || to.screen == Screen::progress;
    EXPECT_EQ(has(fx, EffectKind::stop_camera), !scanning) << screen_name(to.screen);
  }
}

TEST(FlowEntry, EachScreenSetsUpWhatItNeeds) {
  const std::pair<Screen, EffectKind> cases[] = {
      {Screen::check_question, EffectKind::begin_check}, {Screen::apply_program, EffectKind::carry_check_answers},
      {Screen::members, EffectKind::add_applicant_member}, {Screen::income, EffectKind::begin_income},
      {Screen::assets, EffectKind::carry_assets},          {Screen::progress, EffectKind::begin_progress},
      {Screen::staff_pin, EffectKind::begin_staff_login}, {Screen::staff_menu, EffectKind::refresh_status},
      {Screen::receipt, EffectKind::print_receipt},        {Screen::help, EffectKind::call_help},
  };
  for (auto [screen, effect] : cases) {
    FlowState to;
    to.screen = screen;
    EXPECT_TRUE(has(entry_effects(Screen::home, to), effect)) << screen_name(screen);
  }
  FlowState home;
  home.screen = Screen::home;
  EXPECT_EQ(kinds(entry_effects(Screen::attract, home)),
            (std::vector<EffectKind>{EffectKind::clear_entry, EffectKind::stop_camera}));
}

TEST(FlowEntry, TheReceiptPrintsOnceTheOutboxHoldsTheApplication) {
  FlowState s = walk({}, {EventKind::card_identified, EventKind::go_apply_self});
  while (s.screen != Screen::review) s = walk(s, {EventKind::next});
  Transition sub = step(s, {EventKind::next});
  EXPECT_EQ(sub.state.screen, Screen::submitting);
  EXPECT_EQ(sub.effects.front().kind, EffectKind::submit);
  EXPECT_FALSE(has(sub.effects, EffectKind::print_receipt));
  Transition rec = step(sub.state, {EventKind::submitted});
  EXPECT_EQ(rec.state.screen, Screen::receipt);
  EXPECT_TRUE(has(rec.effects, EffectKind::print_receipt));
  // 完成: the wipe comes before the attract screen's entry.
  Transition done = step(rec.state, {EventKind::finish});
  EXPECT_EQ(kinds(done.effects), (std::vector<EffectKind>{EffectKind::wipe_session, EffectKind::speak_prompt,
                                                          EffectKind::clear_entry, EffectKind::stop_camera}));
}

TEST(FlowEntry, HelpCallsStaffWithTheScreenTheResidentAskedFrom) {
  FlowState s = at(Screen::members);
  Transition t = step(s, {EventKind::go_help});
  EXPECT_EQ(t.state.screen, Screen::help);
  auto it = std::find_if(t.effects.begin(), t.effects.end(), [](const Effect& e) { return e.kind == EffectKind::call_help; });
  ASSERT_NE(it, t.effects.end());
  EXPECT_EQ(it->from, Screen::members);
  // Back from help is a new entry of the screen, with no second call.
  Transition back = step(t.state, {EventKind::back});
  EXPECT_EQ(back.state.screen, Screen::members);
  EXPECT_FALSE(has(back.effects, EffectKind::call_help));
  EXPECT_TRUE(has(back.effects, EffectKind::add_applicant_member));
}

TEST(FlowEntry, TheSelfChecksIncomeAnswerPassesOverTheIncomeScreen) {
  Facts answered;
  answered.check_income_answered = true;
  FlowState s = walk({}, {EventKind::card_identified, EventKind::go_apply_self}, answered);
  EXPECT_EQ(s.answered, std::vector<Screen>{Screen::income});
  EXPECT_EQ(walk(s, {EventKind::next, EventKind::next}, answered).screen, Screen::assets);
  // From the check result too (我要申请 continues with the same answers).
  FlowState check = walk(at(Screen::check_question), {EventKind::next}, answered);
  ASSERT_EQ(check.screen, Screen::check_result);
  EXPECT_EQ(walk(check, {EventKind::go_apply_self}, answered).answered, std::vector<Screen>{Screen::income});
  // Not answered: the income screen is asked.
  FlowState fresh = walk({}, {EventKind::card_identified, EventKind::go_apply_self});
  EXPECT_TRUE(fresh.answered.empty());
  EXPECT_EQ(walk(fresh, {EventKind::next, EventKind::next}).screen, Screen::income);
}

TEST(FlowEntry, DismissingTheCountdownIsNotEnteringTheScreen) {
  FlowState s = at(Screen::members);
  Transition warn = step(s, {EventKind::idle_warning});
  EXPECT_TRUE(warn.state.countdown);
  EXPECT_TRUE(has(warn.effects, EffectKind::start_countdown));
  EXPECT_FALSE(has(warn.effects, EffectKind::clear_entry));
  Transition more = step(warn.state, {EventKind::more_time});
  EXPECT_FALSE(more.state.countdown);
  EXPECT_EQ(kinds(more.effects), std::vector<EffectKind>{EffectKind::restart_idle_timer});
}

TEST(FlowAnswers, AQrCodeIsQueriedOnlyOnTheProgressScreen) {
  EXPECT_EQ(kinds(step(at(Screen::progress), {EventKind::qr_read}).effects),
            std::vector<EffectKind>{EffectKind::query_progress});
  EXPECT_TRUE(step(at(Screen::home), {EventKind::qr_read}).effects.empty());
  EXPECT_TRUE(step(at(Screen::lead), {EventKind::qr_read}).effects.empty());
}

TEST(FlowAnswers, TheBackendsAnswersMoveOnOnlyFromTheScreenThatAsked) {
  EXPECT_EQ(walk(at(Screen::progress), {EventKind::progress_found}).screen, Screen::progress_result);
  EXPECT_EQ(walk(at(Screen::lead), {EventKind::lead_saved}).screen, Screen::lead_done);
  // The resident left (Back, Home) before the answer came: it moves nothing.
  EXPECT_EQ(walk(at(Screen::home), {EventKind::progress_found, EventKind::lead_saved}).screen, Screen::home);
  EXPECT_EQ(walk(at(Screen::progress), {EventKind::lead_saved}).screen, Screen::progress);
}

// The staff menu is for the roles that work at a hall; any other account's PIN is refused as a
// wrong one, and no answer or throttling says so.
TEST(FlowStaffLogin, OnlyHallRolesOpenTheStaffMenu) {
  for (const char* role : {"hall_staff", "caseworker", "county_admin"}) {
    EXPECT_EQ(staff_login_outcome(200, role), StaffLogin::ok) << role;
  }
  for (const char* role : {"department", "province_admin", "kiosk", ""}) {
    EXPECT_EQ(staff_login_outcome(200, role), StaffLogin::bad_pin) << role;
  }
  EXPECT_EQ(staff_login_outcome(401, "caseworker"), StaffLogin::bad_pin);
  EXPECT_EQ(staff_login_outcome(429, ""), StaffLogin::throttled);
  EXPECT_EQ(staff_login_outcome(-1, ""), StaffLogin::offline);
  EXPECT_STREQ(staff_login_error_key(StaffLogin::ok), "");
  EXPECT_STREQ(staff_login_error_key(StaffLogin::bad_pin), "staff.bad_pin");
  EXPECT_STREQ(staff_login_error_key(StaffLogin::throttled), "staff.throttled");
  EXPECT_STREQ(staff_login_error_key(StaffLogin::offline), "staff.offline");
}
