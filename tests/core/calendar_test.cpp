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

namespace jiuzhu {
namespace {

// county: a State Council notice entered for a year (the console's 工作日历).
TEST(CalendarNotice, ANoticeMakesItsYearFinalWithItsDaysOffAndMakeUpDays) {
  const auto& base = WorkingCalendar::builtin();
  ASSERT_TRUE(base.provisional(2027));
  // 2027-02-09 (Tuesday) off, 2027-02-20 (Saturday) worked — as a notice would say.
  auto cal = base.with_notice(2027, {Date(2027, 1, 1), Date(2027, 2, 9)}, {Date(2027, 2, 20)});
  ASSERT_TRUE(cal.ok()) << cal.error().message;
  EXPECT_FALSE(cal->provisional(2027));
  EXPECT_FALSE(cal->is_working_day(Date(2027, 2, 9)));
  EXPECT_TRUE(cal->is_working_day(Date(2027, 2, 20)));
  // The shipped provisional days of 2027 that the notice does not name are working days again.
  EXPECT_TRUE(cal->is_working_day(Date(2027, 2, 5)));
  // Other years are untouched.
  for (Date d = Date(2026, 1, 1); d <= Date(2026, 12, 31); d = d.plus_days(1)) {
    ASSERT_EQ(cal->is_working_day(d), base.is_working_day(d)) << d.iso();
  }
  EXPECT_EQ(cal->add_working_days(Date(2027, 2, 8), 1)->iso(), "2027-02-10");
}

TEST(CalendarNotice, AYearAfterTheDataIsWeekendsOnlyAndProvisionalUntilItsNotice) {
  const auto& base = WorkingCalendar::builtin();
  const int next = base.last_year() + 1;
  EXPECT_FALSE(base.covers(Date(next, 3, 1)));
  const auto wider = base.extended_through(next);
  EXPECT_TRUE(wider.covers(Date(next, 3, 1)));
  EXPECT_TRUE(wider.provisional(next));
  for (Date d = Date(next, 1, 1); d <= Date(next, 1, 31); d = d.plus_days(1)) {
    EXPECT_EQ(wider.is_working_day(d), d.iso_weekday() <= 5) << d.iso();  // weekends only
  }
  auto noticed = base.with_notice(next, {Date(next, 1, 1)}, {});
  ASSERT_TRUE(noticed.ok());
  EXPECT_FALSE(noticed->provisional(next));
  EXPECT_FALSE(noticed->is_working_day(Date(next, 1, 1)));
}

TEST(CalendarNotice, ABadNoticeIsRefused) {
  const auto& base = WorkingCalendar::builtin();
  for (const auto& r : {base.with_notice(2027, {}, {}),                                        // no day off
                        base.with_notice(2027, {Date(2026, 12, 31)}, {}),                      // other year
                        base.with_notice(2027, {Date(2027, 1, 1)}, {Date(2027, 2, 10)}),       // a Wednesday
                        base.with_notice(2027, {Date(2027, 2, 20)}, {Date(2027, 2, 20)}),      // both
                        base.with_notice(base.last_year() + 2, {Date(base.last_year() + 2, 1, 1)}, {}),
                        base.with_notice(1999, {Date(1999, 1, 1)}, {})}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "bad_calendar_notice");
  }
}

}  // namespace
}  // namespace jiuzhu
