#include "core/calendar.h"

#include <cstdio>
#include <cstdlib>

#include "core/csv_lines.h"
#include "core/regions.h"

namespace jiuzhu {

// Format: "YYYY-MM-DD,holiday|workday,name" lines; "# years: FIRST-LAST" declares which years
// the data covers; "provisional,YEAR" marks a year whose make-up days are not entered yet.
Result<WorkingCalendar> WorkingCalendar::parse_csv(std::string_view text) {
  WorkingCalendar cal;
  for (const auto& line : detail::split_data_lines(text)) {
    const std::string where = "holidays data line " + std::to_string(line.number);
    if (line.fields.size() < 2) return make_error("bad_calendar_row", where + ": expected 'date,kind,name'");
    if (line.fields[0] == "years") {
      int first = 0, last = 0;
      if (std::sscanf(std::string(line.fields[1]).c_str(), "%d-%d", &first, &last) != 2 || first > last) {
        return make_error("bad_calendar_row", where + ": years must be FIRST-LAST");
      }
      cal.first_year_ = first;
      cal.last_year_ = last;
      continue;
    }
    if (line.fields[0] == "provisional") {
      cal.provisional_.insert(std::atoi(std::string(line.fields[1]).c_str()));
      continue;
    }
    auto date = Date::parse_iso(line.fields[0]);
    if (!date) return make_error("bad_calendar_row", where + ": bad date");
    if (line.fields[1] == "holiday") {
      cal.holidays_.insert(*date);
    } else if (line.fields[1] == "workday") {
      if (date->iso_weekday() < 6) return make_error("bad_calendar_row", where + ": a make-up workday must be a weekend day");
      cal.makeup_.insert(*date);
    } else {
      return make_error("bad_calendar_row", where + ": kind must be holiday or workday");
    }
  }
  if (cal.first_year_ > cal.last_year_) return make_error("bad_calendar_data", "holidays data lacks a 'years,FIRST-LAST' line");
  return cal;
}

Result<WorkingCalendar> WorkingCalendar::load_csv(const std::string& path) {
  std::string text;
  if (!detail::read_file(path, text)) return make_error("file_unreadable", "cannot read " + path);
  return parse_csv(text);
}

const WorkingCalendar& WorkingCalendar::builtin() {
  static const WorkingCalendar cal = [] {
    auto loaded = load_csv(assets_dir() + "/data/holidays.csv");
    if (!loaded) {
      std::fprintf(stderr, "jiuzhu: %s (set JIUZHU_ASSETS to the assets directory)\n",
                   loaded.error().message.c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return cal;
}

Result<WorkingCalendar> WorkingCalendar::with_notice(int year, const std::set<Date>& holidays,
                                                     const std::set<Date>& makeup) const {
  auto bad = [](const std::string& why) { return make_error("bad_calendar_notice", why); };
  if (year < 2000 || year < first_year_ || year > last_year_ + 1) {
    return bad("the year must be a covered year or the one after the last (" + std::to_string(last_year_) + ")");
  }
  if (holidays.empty()) return bad("a notice names at least one day off");
  for (Date d : holidays) {
    if (d.year() != year) return bad("day off " + d.iso() + " is not in " + std::to_string(year));
    if (makeup.count(d)) return bad(d.iso() + " is both a day off and a make-up working day");
  }
  for (Date d : makeup) {
    if (d.year() != year) return bad("make-up working day " + d.iso() + " is not in " + std::to_string(year));
    if (d.iso_weekday() < 6) return bad("make-up working day " + d.iso() + " is not a Saturday or Sunday");
  }
  WorkingCalendar out = extended_through(year);
  auto in_year = [year](Date d) { return d.year() == year; };
  std::erase_if(out.holidays_, in_year);
  std::erase_if(out.makeup_, in_year);
  out.holidays_.insert(holidays.begin(), holidays.end());
  out.makeup_.insert(makeup.begin(), makeup.end());
  out.provisional_.erase(year);
  return out;
}

WorkingCalendar WorkingCalendar::extended_through(int year) const {
  WorkingCalendar out = *this;
  for (int y = last_year_ + 1; y <= year; ++y) out.provisional_.insert(y);
  if (year > out.last_year_) out.last_year_ = year;
  return out;
}

bool WorkingCalendar::is_working_day(Date d) const {
  if (!covers(d)) return false;
  if (makeup_.count(d)) return true;
  if (holidays_.count(d)) return false;
  return d.iso_weekday() <= 5;
}

Result<Date> WorkingCalendar::add_working_days(Date from, int n) const {
  if (!covers(from)) {
    return make_error("calendar_not_covered", "the working-day calendar has no data for " + std::to_string(from.year()));
  }
  Date d = from;
  while (n > 0) {
    d = d.plus_days(1);
    if (!covers(d)) {
      return make_error("calendar_not_covered", "the working-day calendar has no data for " + std::to_string(d.year()));
    }
    if (is_working_day(d)) --n;
  }
  return d;
}

Result<int> WorkingCalendar::working_days_between(Date from, Date to) const {
  if (to <= from) return 0;
  if (!covers(from) || !covers(to)) {
    return make_error("calendar_not_covered", "the working-day calendar does not cover those dates");
  }
  int count = 0;
  for (Date d = from.plus_days(1); d <= to; d = d.plus_days(1)) {
    if (is_working_day(d)) ++count;
  }
  return count;
}

}  // namespace jiuzhu
