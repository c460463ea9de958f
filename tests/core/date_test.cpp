#include "core/date.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace jiuzhu
