#include "core/date.h"

#include <gtest/gtest.h>

#include "core/calendar_day.h"

namespace jiuzhu {
namespace {

TEST(Date, ParsesAndFormatsIso) {
  auto d = Date::parse_iso("2026-02-28");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "2026-02-28");
  EXPECT_FALSE(Date::parse_iso("2026-02-29"));
  EXPECT_FALSE(Date::parse_iso("2026-2-28"));
  EXPECT_FALSE(Date::parse_iso("2026/02/28"));
  EXPECT_FALSE(Date::parse_iso("2026-13-01"));
  EXPECT_TRUE(Date::parse_iso("2024-02-29"));
}

TEST(Date, CompactForm) {
  EXPECT_EQ(Date::parse_compact("19500315")->iso(), "1950-03-15");
  EXPECT_FALSE(Date::parse_compact("1950031"));
  EXPECT_FALSE(Date::parse_compact("19500230"));
}

TEST(Date, AgeCountsTheBirthdayOnItsDay) {
  const Date birth(1966, 11, 24);
  EXPECT_EQ(birth.years_until(Date(2026, 11, 23)), 59);
  EXPECT_EQ(birth.years_until(Date(2026, 11, 24)), 60);
  EXPECT_EQ(Date(2008, 2, 29).years_until(Date(2026, 2, 28)), 17);
  EXPECT_EQ(Date(2008, 2, 29).years_until(Date(2026, 3, 1)), 18);
}

TEST(Date, MonthArithmeticClampsToMonthEnd) {
  EXPECT_EQ(Date(2026, 1, 31).plus_months(1), Date(2026, 2, 28));
  EXPECT_EQ(Date(2026, 11, 24).plus_months(-12), Date(2025, 11, 24));
  EXPECT_EQ(Date(2024, 2, 29).plus_months(-12), Date(2023, 2, 28));
}

TEST(Date, WeekdaysAndDayCounts) {
  EXPECT_EQ(Date(2026, 11, 24).iso_weekday(), 2u);  // a Tuesday
  EXPECT_EQ(Date(2026, 11, 24).days_until(Date(2026, 12, 1)), 7);
}

// The one calendar-day rule (core/calendar_day.h), against std::chrono's for every day of 1850–2100 and impossible ones.
TEST(Date, IsCalendarDayAgreesWithChrono) {
  static_assert(is_calendar_day(2024, 2, 29) && !is_calendar_day(2023, 2, 29));
  for (int y = 1850; y <= 2100; ++y) {
    for (unsigned m = 0; m <= 13; ++m) {
      for (unsigned d = 0; d <= 32; ++d) {
        const bool chrono_ok = m >= 1 && m <= 12 && d >= 1 &&
                               std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
        ASSERT_EQ(is_calendar_day(y, m, d), chrono_ok) << y << "-" << m << "-" << d;
      }
    }
  }
  EXPECT_FALSE(Date::parse_iso("1900-02-29"));
  EXPECT_TRUE(Date::parse_iso("2000-02-29"));
  EXPECT_FALSE(Date::parse_compact("20230431"));
}

}  // namespace
}  // namespace jiuzhu
