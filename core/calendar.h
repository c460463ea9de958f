// The working-day calendar statutory time limits run on (工作日).
//
// A working day is a Monday–Friday that is not a public holiday, or a weekend day that the
// State Council has made a working day (调休上班). The holiday and make-up data for each year
// come from the State Council's annual notice (assets/data/holidays.csv, with sources). A date
// in a year the data does not cover is an error, not a guess: deadlines must be right.
//
// Counting convention (as 行政许可法 Art. 82 / 民事诉讼法 count periods): the day of acceptance
// is not counted; "within N working days of D" ends on add_working_days(D, N).
//
// Thread-safety: immutable after loading; builtin() loads once, thread-safely.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace jiuzhu {

class WorkingCalendar {
 public:
  static Result<WorkingCalendar> load_csv(const std::string& path);
  static Result<WorkingCalendar> parse_csv(std::string_view text);
  static const WorkingCalendar& builtin();

  bool covers(Date d) const { return d.year() >= first_year_ && d.year() <= last_year_; }
  // Requires covers(d) (returns false otherwise).
  bool is_working_day(Date d) const;
  // The N-th working day after `from` (N ≥ 0; N = 0 gives `from` itself). Errors with
  // code calendar_not_covered when the result would leave the covered years.
  Result<Date> add_working_days(Date from, int n) const;
  // Working days in (from, to]: 0 when to <= from. Errors as above.
  Result<int> working_days_between(Date from, Date to) const;

  // True for a year whose make-up days are not yet entered (only statutory holidays are):
  // deadlines in it are estimates and documents say so.
  bool provisional(int year) const { return provisional_.count(year) > 0; }

  // county: the calendar with `year` set by that year's State Council notice (国务院办公厅关于
  // YEAR年部分节假日安排的通知): its days off (`holidays`, weekday or weekend) and its make-up
  // working days (`makeup`, each a Saturday or Sunday). The year's previous data is replaced, the
  // year becomes covered and final (not provisional); years between the covered ones and `year`
  // are added as provisional (weekends only). Errors: bad_calendar_notice (a date outside `year`,
  // a make-up day on a weekday, a day both off and worked, no day off at all, a year before 2000
  // or more than one year after the last covered one).
  Result<WorkingCalendar> with_notice(int year, const std::set<Date>& holidays, const std::set<Date>& makeup) const;
  // county: the calendar covering through `year` at least: each year added has no holiday data,
  // only weekends, and is provisional — the fallback when neither a notice nor shipped data
  // exists for a year. Unchanged when `year` is already covered.
  WorkingCalendar extended_through(int year) const;
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

 private:
  std::set<Date> holidays_;  // weekday or weekend days off
  std::set<Date> makeup_;    // weekend days worked
  std::set<int> provisional_;
  int first_year_ = 0;
  int last_year_ = -1;
};

}  // namespace jiuzhu
