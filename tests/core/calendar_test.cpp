#include "core/calendar.h"

#include <gtest/gtest.h>

namespace jiuzhu {
namespace {

const WorkingCalendar& cal() { return WorkingCalendar::builtin(); }

Date add(Date from, int n) {
  auto r = cal().add_working_days(from, n);
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? r.value() : Date{};
}

TEST(Calendar, OrdinaryWeek) {
  EXPECT_TRUE(cal().is_working_day(Date(2026, 11, 24)));
  EXPECT_FALSE(cal().is_working_day(Date(2026, 11, 28)));  // Saturday
  EXPECT_EQ(add(Date(2026, 11, 27), 1), Date(2026, 11, 30));  // Friday + 1 = Monday
  EXPECT_EQ(add(Date(2026, 11, 24), 0), Date(2026, 11, 24));
}

TEST(Calendar, NationalDayWeek2024WithMakeUpSunday) {
  EXPECT_TRUE(cal().is_working_day(Date(2024, 9, 29)));    // Sunday worked (调休)
  for (unsigned d = 1; d <= 7; ++d) EXPECT_FALSE(cal().is_working_day(Date(2024, 10, d)));
  EXPECT_TRUE(cal().is_working_day(Date(2024, 10, 12)));   // Saturday worked
  // Accepted Friday 27 Sep: the township starts within 3 working days (Art. 15): 29, 30 Sep, 8 Oct.
  EXPECT_EQ(add(Date(2024, 9, 27), 3), Date(2024, 10, 8));
}

TEST(Calendar, MakeUpSaturdayAfterSpringFestival2026) {
  EXPECT_TRUE(cal().is_working_day(Date(2026, 2, 14)));   // Saturday before the festival
  EXPECT_TRUE(cal().is_working_day(Date(2026, 2, 28)));   // Saturday after it
  EXPECT_FALSE(cal().is_working_day(Date(2026, 2, 23)));  // Monday, last day off
  EXPECT_EQ(add(Date(2026, 2, 13), 1), Date(2026, 2, 14));
  EXPECT_EQ(add(Date(2026, 2, 13), 2), Date(2026, 2, 24));
  EXPECT_EQ(add(Date(2026, 2, 27), 1), Date(2026, 2, 28));
}

TEST(Calendar, SpringFestival2025SpansTwoMonths) {
  EXPECT_TRUE(cal().is_working_day(Date(2025, 1, 26)));  // Sunday worked
  EXPECT_FALSE(cal().is_working_day(Date(2025, 2, 4)));
  EXPECT_EQ(add(Date(2025, 1, 24), 1), Date(2025, 1, 26));
  EXPECT_EQ(add(Date(2025, 1, 24), 3), Date(2025, 2, 5));
}

TEST(Calendar, DibaoThirtyWorkingDaysAcrossMidAutumnAndNationalDay2026) {
  EXPECT_EQ(add(Date(2026, 9, 14), 30), Date(2026, 10, 30));
  auto between = cal().working_days_between(Date(2026, 9, 14), Date(2026, 10, 30));
  ASSERT_TRUE(between.ok());
  EXPECT_EQ(between.value(), 30);
}

TEST(Calendar, LabourDay2026) {
  EXPECT_EQ(add(Date(2026, 4, 30), 1), Date(2026, 5, 6));
  EXPECT_TRUE(cal().is_working_day(Date(2026, 5, 9)));
}

TEST(Calendar, CrossesIntoProvisional2027) {
  EXPECT_EQ(add(Date(2026, 12, 25), 10), Date(2027, 1, 11));
  EXPECT_TRUE(cal().provisional(2027));
  EXPECT_FALSE(cal().provisional(2026));
}

TEST(Calendar, YearsWithoutDataAreErrorsNotGuesses) {
  EXPECT_EQ(cal().add_working_days(Date(2023, 6, 1), 1).error().code, "calendar_not_covered");
  EXPECT_EQ(cal().add_working_days(Date(2027, 12, 30), 5).error().code, "calendar_not_covered");
  EXPECT_FALSE(cal().is_working_day(Date(2028, 1, 3)));
}

TEST(Calendar, BetweenIsZeroForEmptyRanges) {
  EXPECT_EQ(cal().working_days_between(Date(2026, 5, 6), Date(2026, 5, 6)).value(), 0);
  EXPECT_EQ(cal().working_days_between(Date(2026, 5, 6), Date(2026, 5, 1)).value(), 0);
}

TEST(Calendar, RejectsBadData) {
  EXPECT_EQ(WorkingCalendar::parse_csv("2026-01-01,holiday,x\n").error().code, "bad_calendar_data");
  EXPECT_EQ(WorkingCalendar::parse_csv("years,2026-2026\n2026-01-05,workday,x\n").error().code, "bad_calendar_row");
  EXPECT_EQ(WorkingCalendar::parse_csv("years,2026-2026\n2026-02-30,holiday,x\n").error().code, "bad_calendar_row");
  EXPECT_TRUE(WorkingCalendar::parse_csv("years,2026-2026\n2026-01-04,workday,x\n").ok());
}

}  // namespace
}  // namespace jiuzhu
