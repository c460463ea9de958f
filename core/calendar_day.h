// The calendar-day rule as plain functions, for parsers that must not build a Date per value.
//
// Date (core/date.h) parses and does arithmetic; this header holds the one rule for "is y-m-d a
// day of the calendar" and the earliest year Jiuzhu accepts, which Date's parsers, IdNumber and
// the discovery engine's hot cell parsers all call (they had their own copies). Values only:
// thread-safe.
#pragma once

namespace jiuzhu {

// The earliest year a date of birth (an ID number's, a registry's) or a departmental feed's date
// may have: nobody alive was born before it, so an earlier year is a typing error.
inline constexpr int kEarliestYear = 1850;

// Whether y-m-d is a day of the (proleptic Gregorian) calendar: 2024-02-29 is, 2023-02-29 and
// 2024-04-31 are not.
constexpr bool is_calendar_day(int y, unsigned m, unsigned d) {
  constexpr unsigned kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return false;
  return !(m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
}

}  // namespace jiuzhu
