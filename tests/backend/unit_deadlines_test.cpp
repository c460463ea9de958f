#include <gtest/gtest.h>

#include "backend/intake/deadlines.h"
#include "core/calendar.h"
#include "core/model/json_codec.h"
#include "test_support.h"

using namespace jiuzhu;
using namespace jiuzhu::backend;

namespace {
const WorkingCalendar& cal() { return WorkingCalendar::builtin(); }
}

TEST(Deadlines, ProgramLimits) {
  EXPECT_EQ(program_limit_working_days("dibao", false), 30);
  EXPECT_EQ(program_limit_working_days("tekun", false), 30);
  EXPECT_EQ(program_limit_working_days("rigid_expense", false), 30);
  EXPECT_EQ(program_limit_working_days("temporary_emergency", true), 1);
  EXPECT_EQ(program_limit_working_days("temporary_emergency", false), 15);
  EXPECT_EQ(program_limit_working_days("no_such", false), -1);
}

TEST(Deadlines, DueDateUsesTheWorkingDayCalendar) {
  const Date received(2026, 11, 24);  // a Tuesday
  auto due = case_due_date({"dibao"}, false, received, cal());
  ASSERT_TRUE(due.ok());
  auto expected = cal().add_working_days(received, 30);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(*due, *expected);
  EXPECT_TRUE(cal().is_working_day(*due));
  // 30 working days is at least six calendar weeks.
  EXPECT_GE(received.days_until(*due), 42);
}

TEST(Deadlines, SpansTheSpringFestival) {
  // Around the 2026 Spring Festival holiday the deadline moves further than weekends alone give.
  const Date received(2026, 2, 10);
  auto due = case_due_date({"dibao"}, false, received, cal());
  ASSERT_TRUE(due.ok());
  EXPECT_GT(received.days_until(*due), 42);
}

TEST(Deadlines, EarliestProgramLimitWinsAndUrgentIsOneDay) {
  const Date received(2026, 11, 24);
  auto mixed = case_due_date({"dibao", "temporary_expense"}, false, received, cal());
  ASSERT_TRUE(mixed.ok());
  EXPECT_EQ(*mixed, *cal().add_working_days(received, 15));
  auto urgent = case_due_date({"temporary_emergency", "dibao"}, true, received, cal());
  ASSERT_TRUE(urgent.ok());
  EXPECT_EQ(*urgent, Date(2026, 11, 25));
  // Friday → the next Monday.
  EXPECT_EQ(*case_due_date({"temporary_emergency"}, true, Date(2026, 11, 27), cal()), Date(2026, 11, 30));
  EXPECT_EQ(case_due_date({"nope"}, false, received, cal()).error().code, "unknown_program");
}

TEST(Deadlines, Overdue) {
  EXPECT_TRUE(is_overdue("2026-11-20", false, Date(2026, 11, 21)));
  EXPECT_FALSE(is_overdue("2026-11-20", false, Date(2026, 11, 20)));
  EXPECT_FALSE(is_overdue("2026-11-20", true, Date(2026, 12, 21)));
}

TEST(Deadlines, FirstAidNeedsARecentEmergency) {
  auto j = test::application(test::kTownship, test::uuid());
  j["programs"] = {"temporary_emergency"};
  j["household"]["emergency"] = {{"kind", "fire"}, {"date", "2026-11-20"}, {"loss", 12000}};
  auto app = model::decode_application(j, Date(2026, 11, 24));
  ASSERT_TRUE(app.ok()) << app.error().message << " " << app.error().field;
  EXPECT_TRUE(is_urgent_first_aid(*app, Date(2026, 11, 24)));
  EXPECT_FALSE(is_urgent_first_aid(*app, Date(2026, 12, 24)));
  j["programs"] = {"dibao"};
  auto other = model::decode_application(j, Date(2026, 11, 24));
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(is_urgent_first_aid(*other, Date(2026, 11, 24)));
}
