#include "core/date.h"

#include "core/calendar_day.h"

#include <charconv>
#include <cstdio>

namespace jiuzhu {
namespace {

bool parse_digits(std::string_view text, int& out) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

std::optional<Date> make_checked(int y, int m, int d) {
  if (m < 1 || d < 1 || !is_calendar_day(y, static_cast<unsigned>(m), static_cast<unsigned>(d))) return std::nullopt;
  return Date(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

std::optional<Date> Date::parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
      !parse_digits(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  return make_checked(y, m, d);
}

std::optional<Date> Date::parse_compact(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(4, 2), m) ||
      !parse_digits(text.substr(6, 2), d)) {
    return std::nullopt;
  }
  return make_checked(y, m, d);
}

Date Date::today_china() {
  using namespace std::chrono;
  const auto now = system_clock::now() + hours{8};
  return Date{std::chrono::floor<std::chrono::days>(now)};
}

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

Date Date::plus_months(int n) const {
  using namespace std::chrono;
  year_month ym = year_month{ymd_.year(), ymd_.month()} + months{n};
  const auto last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
  const auto d = ymd_.day() > last ? last : ymd_.day();
  return Date{static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()), static_cast<unsigned>(d)};
}

int Date::years_until(Date on) const {
  int years = on.year() - year();
  if (on.month() < month() || (on.month() == month() && on.day() < day())) --years;
  return years;
}

}  // namespace jiuzhu
