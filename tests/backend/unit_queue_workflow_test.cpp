// The discovery queue item's state machine and the key-household visit cadence (backend/queue/).
#include <gtest/gtest.h>

#include <set>

#include "backend/discovery/roster.h"
#include "backend/discovery/rules.h"
#include "backend/queue/cadence.h"
#include "backend/queue/workflow.h"

using namespace jiuzhu;
using namespace jiuzhu::backend::queue;

namespace {

constexpr ItemState kAll[] = {ItemState::lead,     ItemState::visited,  ItemState::applied,
                              ItemState::not_eligible, ItemState::declined, ItemState::followed_up};

TEST(QueueWorkflow, TransitionTable) {
  const std::set<std::pair<ItemState, ItemState>> legal = {
      {ItemState::lead, ItemState::visited},         {ItemState::visited, ItemState::applied},
      {ItemState::visited, ItemState::not_eligible}, {ItemState::visited, ItemState::declined},
      {ItemState::applied, ItemState::followed_up},  {ItemState::not_eligible, ItemState::followed_up},
      {ItemState::declined, ItemState::followed_up},
  };
  for (auto from : kAll) {
    for (auto to : kAll) {
      SCOPED_TRACE(std::string(to_string(from)) + " → " + to_string(to));
      auto st = check_transition(from, to, "写明的理由");
      EXPECT_EQ(st.ok(), legal.count({from, to}) == 1);
      if (!st.ok()) {
        EXPECT_EQ(st.error().code, "illegal_transition");
      }
    }
    size_t n = 0;
    for (auto to : kAll) n += legal.count({from, to});
    EXPECT_EQ(allowed_transitions(from).size(), n);
  }
}

TEST(QueueWorkflow, NotEligibleAndDeclinedNeedAWrittenReason) {
  for (auto to : {ItemState::not_eligible, ItemState::declined}) {
    for (const char* blank : {"", "   ", "\n\t"}) {
      auto st = check_transition(ItemState::visited, to, blank);
      ASSERT_FALSE(st.ok());
      EXPECT_EQ(st.error().code, "reason_required");
      EXPECT_EQ(st.error().field, "reason");
    }
    EXPECT_TRUE(check_transition(ItemState::visited, to, "户主表示暂不申请").ok());
  }
  EXPECT_TRUE(check_transition(ItemState::visited, ItemState::applied, "").ok());
  // An illegal move is reported as such even without a reason.
  EXPECT_EQ(check_transition(ItemState::lead, ItemState::declined, "").error().code, "illegal_transition");
}

TEST(QueueWorkflow, NamesRoundTripAndUnknownOnesAreErrors) {
  for (auto s : kAll) EXPECT_EQ(*parse_item_state(to_string(s)), s);
  EXPECT_EQ(parse_item_state("closed").error().code, "unknown_state");
  EXPECT_EQ(parse_item_state("").error().code, "unknown_state");
  EXPECT_TRUE(is_final(ItemState::followed_up));
  EXPECT_FALSE(is_final(ItemState::declined));
}

TEST(QueueWorkflow, StatusIsClosedExactlyForAFinalState) {
  for (auto s : kAll) EXPECT_EQ(status_of(s), is_final(s) ? ItemStatus::closed : ItemStatus::open) << to_string(s);
  for (auto st : {ItemStatus::open, ItemStatus::closed}) EXPECT_EQ(*parse_item_status(to_string(st)), st);
  EXPECT_EQ(std::string(to_string(ItemStatus::closed)), "closed");
  EXPECT_EQ(parse_item_status("lead").error().code, "unknown_status");
  EXPECT_EQ(parse_item_status("").error().code, "unknown_status");
}

// The queue JSON's and the API's names for a run's change (feeds.md): "new", not the enum's name.
TEST(QueueWorkflow, ChangeKindsRoundTripUnderTheirContractNames) {
  for (auto c : {ChangeKind::fresh, ChangeKind::changed, ChangeKind::unchanged, ChangeKind::resolved}) {
    EXPECT_EQ(*parse_change_kind(to_string(c)), c);
  }
  EXPECT_EQ(std::string(to_string(ChangeKind::fresh)), "new");
  EXPECT_EQ(parse_change_kind("fresh").error().code, "bad_parameter");
  EXPECT_EQ(parse_change_kind("").error().code, "bad_parameter");
}

TEST(QueueWorkflow, DeclinedStopsPushingUnlessTheCadenceKeepsVisiting) {
  EXPECT_EQ(after_visit(ItemState::lead), ItemState::visited);
  EXPECT_EQ(after_visit(ItemState::declined), ItemState::declined);
  EXPECT_FALSE(schedules_visits(ItemState::declined, false));
  EXPECT_TRUE(schedules_visits(ItemState::declined, true));
  EXPECT_FALSE(schedules_visits(ItemState::followed_up, false));
  EXPECT_TRUE(schedules_visits(ItemState::followed_up, true));
  EXPECT_TRUE(schedules_visits(ItemState::visited, false));
  EXPECT_TRUE(schedules_visits(ItemState::not_eligible, false));
}

std::set<std::string> rule_ids() {
  auto rules = discovery::load_rules(discovery::default_rules_path(), Date(2026, 11, 24));
  EXPECT_TRUE(rules.ok());
  std::set<std::string> out;
  for (const auto& r : rules->rules) out.insert(r.id);
  return out;
}

std::set<std::string> group_ids() {
  std::set<std::string> out;
  for (const auto& g : discovery::roster_groups()) out.insert(g.id);
  return out;
}

TEST(QueueCadence, TheShippedFileNamesRealRulesAndGroups) {
  auto c = load_cadence(default_cadence_path(), rule_ids(), group_ids());
  ASSERT_TRUE(c.ok()) << c.error().code << " " << c.error().field << " " << c.error().message;
  EXPECT_NE(c->source.find("永民发〔2022〕3号"), std::string::npos);
  EXPECT_NE(c->source.find("周或月探访"), std::string::npos);
  // The notice's key households: unstable lifted-out-of-poverty, edge, rigid expenses, income collapse.
  const auto* lifted = classify(*c, {}, {"unstable_lifted"});
  ASSERT_NE(lifted, nullptr);
  EXPECT_EQ(lifted->id, "unstable_lifted");
  ASSERT_NE(classify(*c, {}, {"edge"}), nullptr);
  ASSERT_NE(classify(*c, {"medical_burden"}, {}), nullptr);
  ASSERT_NE(classify(*c, {"unemployed_with_dependents"}, {}), nullptr);
  EXPECT_EQ(classify(*c, {"dropout"}, {"public_rental"}), nullptr);
  // Weekly categories come first, so a household with both kinds is visited weekly.
  const auto* both = classify(*c, {"disaster", "relapse_risk"}, {"edge"});
  ASSERT_NE(both, nullptr);
  EXPECT_EQ(both->cadence, Cadence::weekly);
}

TEST(QueueCadence, BadDocumentsAreErrors) {
  using nlohmann::json;
  const json good = {{"source", "永民发〔2022〕3号"},
                     {"categories", json::array({{{"id", "a"}, {"cadence", "weekly"}, {"flags", {"disaster"}}}})}};
  EXPECT_TRUE(parse_cadence(good, rule_ids(), group_ids()).ok());
  json bad = good;
  bad["categories"][0]["cadence"] = "daily";
  EXPECT_EQ(parse_cadence(bad).error().field, "categories[0].cadence");
  bad = good;
  bad["categories"][0]["flags"] = {"disastr"};
  EXPECT_EQ(parse_cadence(bad, rule_ids(), group_ids()).error().code, "unknown_flag");
  bad = good;
  bad["categories"][0]["roster_groups"] = {"nobody"};
  EXPECT_EQ(parse_cadence(bad, rule_ids(), group_ids()).error().code, "unknown_roster_group");
  bad = good;
  bad["categories"].push_back(good["categories"][0]);
  EXPECT_EQ(parse_cadence(bad).error().code, "duplicate_category");
  bad = good;
  bad["categories"][0]["flags"] = json::array();
  EXPECT_EQ(parse_cadence(bad).error().code, "bad_cadence");
  bad = good;
  bad["categories"][0]["often"] = true;
  EXPECT_EQ(parse_cadence(bad).error().field, "categories[0].often");
  bad = good;
  bad.erase("source");
  EXPECT_EQ(parse_cadence(bad).error().field, "source");
  EXPECT_EQ(load_cadence("/nonexistent/cadence.json").error().code, "cadence_unreadable");
}

TEST(QueueCadence, NextDueLandsOnAWorkingDay) {
  const auto& cal = WorkingCalendar::builtin();
  // Tuesday 2026-11-24 + 7 days = Tuesday 2026-12-01.
  EXPECT_EQ(next_due(Cadence::weekly, Date(2026, 11, 24), cal)->iso(), "2026-12-01");
  // Saturday 2026-11-28 + 7 = Saturday 2026-12-05 → Monday 2026-12-07.
  EXPECT_EQ(next_due(Cadence::weekly, Date(2026, 11, 28), cal)->iso(), "2026-12-07");
  // Monthly clamps to the month's end: 2026-01-31 + 1 month = 2026-02-28, a Saturday that is a
  // 春节调休 working day, so it stays.
  EXPECT_EQ(next_due(Cadence::monthly, Date(2026, 1, 31), cal)->iso(), "2026-02-28");
  // 2026-01-15 + 1 month = 2026-02-15, inside the Spring Festival holiday (02-15 … 02-23) → 02-24.
  EXPECT_EQ(next_due(Cadence::monthly, Date(2026, 1, 15), cal)->iso(), "2026-02-24");
  // National Day 2026: 10-01 … 10-07 are rest days; 2026-09-01 + 1 month = 10-01 → after the holiday.
  EXPECT_EQ(next_due(Cadence::monthly, Date(2026, 9, 1), cal)->iso(), "2026-10-08");
  // Outside the calendar's data: an error, never a guess.
  EXPECT_EQ(next_due(Cadence::monthly, Date(2035, 1, 10), cal).error().code, "calendar_not_covered");
}

TEST(QueueCadence, DueAndOverdue) {
  const Date today(2026, 11, 25);
  auto s = due_status(Date(2026, 11, 20), Date(2026, 11, 30), today);
  EXPECT_TRUE(s.due);
  EXPECT_TRUE(s.overdue);
  EXPECT_EQ(s.days_overdue, 5);
  s = due_status(Date(2026, 11, 25), today, today);
  EXPECT_TRUE(s.due);
  EXPECT_FALSE(s.overdue);
  EXPECT_EQ(s.days_overdue, 0);
  s = due_status(Date(2026, 12, 5), Date(2026, 11, 30), today);
  EXPECT_FALSE(s.due);
  EXPECT_FALSE(s.overdue);
}

// console: closing with a reason code (the seven codes, stored as codes).
TEST(QueueWorkflow, CloseReasonCodesRoundTripAndNothingElseParses) {
  const std::vector<std::string> codes = {"confirmed_applied",      "confirmed_not_eligible",      "declined",
                                          "false_alarm_data_wrong", "false_alarm_not_in_hardship", "moved_away",
                                          "deceased"};
  ASSERT_EQ(all_close_reasons().size(), codes.size());
  for (size_t i = 0; i < codes.size(); ++i) {
    auto r = parse_close_reason(codes[i]);
    ASSERT_TRUE(r.ok()) << codes[i];
    EXPECT_EQ(to_string(*r), codes[i]);
    EXPECT_EQ(*r, all_close_reasons()[i]);
    EXPECT_EQ(is_false_alarm(*r), codes[i].starts_with("false_alarm_"));
  }
  for (const char* bad : {"", "Deceased", "deceased ", "false_alarm", "误报", "confirmed"}) {
    auto r = parse_close_reason(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "unknown_reason_code");
    EXPECT_EQ(r.error().field, "reason_code");
  }
}

TEST(QueueWorkflow, CloseNeedsAnOpenItemANoteAndForConfirmedAppliedAnApplication) {
  for (auto from : kAll) {
    for (auto code : all_close_reasons()) {
      SCOPED_TRACE(std::string(to_string(from)) + " close " + to_string(code));
      auto st = check_close(from, code, "核实情况", true);
      EXPECT_EQ(st.ok(), from != ItemState::followed_up);
      if (!st.ok()) {
        EXPECT_EQ(st.error().code, "illegal_transition");
      }
    }
  }
  auto no_note = check_close(ItemState::lead, CloseReason::moved_away, " \t\n", false);
  ASSERT_FALSE(no_note.ok());
  EXPECT_EQ(no_note.error().code, "note_required");
  EXPECT_EQ(no_note.error().field, "note");
  auto no_app = check_close(ItemState::visited, CloseReason::confirmed_applied, "已申请", false);
  ASSERT_FALSE(no_app.ok());
  EXPECT_EQ(no_app.error().code, "application_required");
  EXPECT_TRUE(check_close(ItemState::visited, CloseReason::confirmed_not_eligible, "收入超标", false).ok());
}

}  // namespace
