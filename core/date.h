// Civil dates (proleptic Gregorian) as plain values: parsing, formatting and arithmetic.
//
// Dates in Jiuzhu are calendar days without a time zone: a birth date, a due date, a holiday.
// Built on std::chrono::year_month_day so arithmetic is exact; thread-safe (values only).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace jiuzhu {

class Date {
 public:
  constexpr Date() = default;
  constexpr Date(int y, unsigned m, unsigned d)
      : ymd_{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}} {}
  explicit constexpr Date(std::chrono::sys_days days) : ymd_{days} {}

  // "YYYY-MM-DD" → Date; nullopt for any other shape or an impossible day (2023-02-29).
  static std::optional<Date> parse_iso(std::string_view text);
  // "YYYYMMDD" (as on ID numbers and cards) → Date; nullopt when invalid.
  static std::optional<Date> parse_compact(std::string_view text);
  // Today in China Standard Time (UTC+8), which is what every statutory limit counts in.
  static Date today_china();

  std::string iso() const;  // "YYYY-MM-DD"
  int year() const { return static_cast<int>(ymd_.year()); }
  unsigned month() const { return static_cast<unsigned>(ymd_.month()); }
  unsigned day() const { return static_cast<unsigned>(ymd_.day()); }
  bool valid() const { return ymd_.ok(); }
  std::chrono::sys_days days() const { return std::chrono::sys_days{ymd_}; }
  // 1 = Monday … 7 = Sunday.
  unsigned iso_weekday() const { return std::chrono::weekday{days()}.iso_encoding(); }

  Date plus_days(int n) const { return Date{days() + std::chrono::days{n}}; }
  // Adds calendar months, clamping the day to the month's end (Jan 31 + 1 month = Feb 28/29).
  Date plus_months(int n) const;
  // Whole years from this date to `on` (an age): the birthday counts on its day.
  int years_until(Date on) const;
  int days_until(Date other) const { return static_cast<int>((other.days() - days()).count()); }

  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  std::chrono::year_month_day ymd_{std::chrono::year{1970}, std::chrono::month{1}, std::chrono::day{1}};
};

}  // namespace jiuzhu
