#include <gtest/gtest.h>

#include <algorithm>

#include "kiosk/flow/flow.h"

using namespace jiuzhu::kiosk;

namespace {

FlowState run(FlowState s, std::initializer_list<EventKind> evs, std::vector<Effect>* effects = nullptr) {
  for (auto k : evs) {
    auto t = step(s, {k});
    s = t.state;
    if (effects) effects->insert(effects->end(), t.effects.begin(), t.effects.end());
  }
  return s;
}

bool has(const std::vector<Effect>& v, EffectKind k) {
  return std::any_of(v.begin(), v.end(), [k](const Effect& e) { return e.kind == k; });
}

}  // namespace

TEST(Flow, CardLeadsHomeAndSelfApplicationWalksItsSequence) {
  FlowState s = run({}, {EventKind::card_identified});
  EXPECT_EQ(s.screen, Screen::home);
  s = run(s, {EventKind::go_apply_self});
  EXPECT_EQ(s.screen, Screen::apply_program);
  const auto& seq = sequence(Journey::apply_self);
  for (size_t i = 1; i < seq.size(); ++i) {
    s = run(s, {EventKind::next});
    EXPECT_EQ(s.screen, seq[i]);
  }
  std::vector<Effect> fx;
  s = run(s, {EventKind::next}, &fx);
  EXPECT_EQ(s.screen, Screen::submitting);
  EXPECT_TRUE(has(fx, EffectKind::submit));
  // Nothing but the outbox's answer leaves the submitting screen: no back, no home.
  EXPECT_EQ(run(s, {EventKind::back, EventKind::home}).screen, Screen::submitting);
  s = run(s, {EventKind::submitted});
  EXPECT_EQ(s.screen, Screen::receipt);
  fx.clear();
  s = run(s, {EventKind::finish}, &fx);
  EXPECT_EQ(s.screen, Screen::attract);
  EXPECT_TRUE(has(fx, EffectKind::wipe_session));
}

TEST(Flow, ProxyJourneyStartsWithTheApplicant) {
  FlowState s = run({}, {EventKind::card_identified, EventKind::go_apply_proxy});
  EXPECT_EQ(s.screen, Screen::proxy_applicant);
  s = run(s, {EventKind::next, EventKind::next});
  EXPECT_EQ(s.screen, Screen::apply_program);
  s = run(s, {EventKind::back});
  EXPECT_EQ(s.screen, Screen::proxy_relation);
}

TEST(Flow, StrayEventsDoNothing) {
  FlowState s;  // attract
  for (auto k : {EventKind::next, EventKind::back, EventKind::go_apply_self, EventKind::submitted,
                 EventKind::staff_login_ok, EventKind::more_time, EventKind::member_done}) {
    auto t = step(s, {k});
    EXPECT_EQ(t.state.screen, Screen::attract);
    EXPECT_TRUE(t.effects.empty());
  }
  // A journey cannot start from inside another one.
  FlowState p = run({}, {EventKind::card_identified, EventKind::go_policy});
  EXPECT_EQ(run(p, {EventKind::go_apply_self}).screen, Screen::policy_list);
}

TEST(Flow, CountdownKeepsTheScreenAndExpiryWipes) {
  FlowState s = run({}, {EventKind::card_identified, EventKind::go_apply_self, EventKind::next});
  ASSERT_EQ(s.screen, Screen::members);
  s = run(s, {EventKind::idle_warning});
  EXPECT_TRUE(s.countdown);
  // While counting down, the screen cannot change under the resident.
  EXPECT_EQ(run(s, {EventKind::next, EventKind::go_help}).screen, Screen::members);
  FlowState more = run(s, {EventKind::more_time});
  EXPECT_FALSE(more.countdown);
  EXPECT_EQ(more.screen, Screen::members);
  std::vector<Effect> fx;
  FlowState gone = run(s, {EventKind::idle_expired}, &fx);
  EXPECT_EQ(gone.screen, Screen::attract);
  EXPECT_FALSE(gone.countdown);
  EXPECT_TRUE(has(fx, EffectKind::wipe_session));
  // No countdown on the attract screen.
  EXPECT_FALSE(run({}, {EventKind::idle_warning}).countdown);
}

TEST(Flow, HelpIsReachableEverywhereAndBackReturns) {
  FlowState s = run({}, {EventKind::card_identified, EventKind::go_check});
  s = run(s, {EventKind::go_help});
  EXPECT_EQ(s.screen, Screen::help);
  s = run(s, {EventKind::back});
  EXPECT_EQ(s.screen, Screen::check_question);
  FlowState a = run({}, {EventKind::go_help});
  EXPECT_EQ(a.screen, Screen::help);
  EXPECT_EQ(run(a, {EventKind::back}).screen, Screen::attract);
}

TEST(Flow, StaffModeAndOutOfService) {
  FlowState s = run({}, {EventKind::staff_gesture});
  EXPECT_EQ(s.screen, Screen::staff_pin);
  // The gesture is only honoured where no resident is being served.
  FlowState home = run({}, {EventKind::card_identified, EventKind::staff_gesture});
  EXPECT_EQ(home.screen, Screen::home);
  s = run(s, {EventKind::staff_login_ok});
  EXPECT_EQ(s.screen, Screen::staff_menu);
  s = run(s, {EventKind::staff_set_out_of_service});
  EXPECT_EQ(s.screen, Screen::out_of_service);
  EXPECT_TRUE(s.out_of_service);
  // Cards and timeouts do not leave the notice.
  EXPECT_EQ(run(s, {EventKind::card_identified, EventKind::idle_expired}).screen, Screen::out_of_service);
  s = run(s, {EventKind::staff_gesture, EventKind::staff_login_ok, EventKind::staff_clear_out_of_service,
              EventKind::finish});
  EXPECT_EQ(s.screen, Screen::attract);
  EXPECT_FALSE(s.out_of_service);
}

TEST(Flow, ScreenNamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Screen::out_of_service); ++i) {
    Screen s = static_cast<Screen>(i), back;
    ASSERT_TRUE(screen_from_name(screen_name(s), back)) << i;
    EXPECT_EQ(back, s);
  }
  Screen x;
  EXPECT_FALSE(screen_from_name("nope", x));
}

TEST(Flow, AnsweredScreensArePassedOverAndNotCountedAsSteps) {
  FlowState s = run({}, {EventKind::card_identified, EventKind::go_apply_self});
  s.answered = {Screen::income};  // the self-check gave the household's income
  s = run(s, {EventKind::next});
  EXPECT_EQ(s.screen, Screen::members);
  auto real = steps(s);
  EXPECT_EQ(real.size(), sequence(Journey::apply_self).size() - 1);
  EXPECT_EQ(std::find(real.begin(), real.end(), Screen::income), real.end());
  s = run(s, {EventKind::next});
  EXPECT_EQ(s.screen, Screen::assets);
  // Back returns to where the resident was, not to the skipped screen.
  EXPECT_EQ(run(s, {EventKind::back}).screen, Screen::members);
  // A new journey starts with nothing answered.
  EXPECT_TRUE(run(s, {EventKind::home, EventKind::go_apply_self}).answered.empty());
}
