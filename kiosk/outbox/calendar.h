// The working-day calendar the kiosk dates its offline receipts with: the shipped holiday data
// (WorkingCalendar::builtin, assets/data/holidays.csv) plus the State Council notices a county
// entered on the backend (PUT /api/v1/calendar/{year}, docs/api.md). Each November the notice
// for next year is published; until a county enters it, due dates in that year are provisional
// (暂定). The sync thread fetches this and next year's calendar from the backend
// (GET /api/v1/calendar/{year}) and keeps each notice on disk, so that a receipt printed while
// the network is down counts its due dates exactly as the backend will (core/intake/deadlines.h,
// the one rule) and says 暂定 only where the backend would.
//
// On disk: DIR/<year>.json, {"year", "version", "document_number", "holidays": [dates],
// "workdays": [dates]}, written atomically (outbox/fsutil.h). Public data: not encrypted.
// A file that does not read back as a valid notice is ignored (the shipped data stands).
//
// Thread-safety: CalendarStore is safe to use from any thread (the sync thread keeps notices,
// the UI thread reads current()); the calendars it hands out are immutable.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/calendar.h"
#include "core/date.h"
#include "core/result.h"

namespace jiuzhu::kiosk {

// One year's notice as the backend has it in force.
struct CalendarNotice {
  int year = 0;
  int version = 0;
  std::string document_number;  // 国办发明电〔2026〕7号
  std::set<Date> holidays;      // days off (weekday or weekend)
  std::set<Date> workdays;      // make-up working days (调休上班)
  friend bool operator==(const CalendarNotice&, const CalendarNotice&) = default;
};

// Reads the backend's answer to GET /api/v1/calendar/{year}: the notice in force, or nullopt
// when the year has none (in_force.source "shipped", "weekends_only" or "none": the kiosk's
// shipped data already says as much). Errors (bad_calendar_answer, field set): not JSON, another
// year, a notice without days, a date that is not YYYY-MM-DD or lies outside the year, a day
// both off and worked.
Result<std::optional<CalendarNotice>> read_calendar_answer(std::string_view body, int year);

// `base` with the notices applied, oldest year first (WorkingCalendar::with_notice); a notice the
// calendar refuses (bad_calendar_notice: a make-up day on a weekday, a year too far ahead) is
// left out and the rest still apply.
WorkingCalendar calendar_with_notices(const WorkingCalendar& base, const std::map<int, CalendarNotice>& notices);

class CalendarStore {
 public:
  // Reads the notices kept in `dir` (created when missing) over `base`.
  explicit CalendarStore(std::string dir, const WorkingCalendar& base = WorkingCalendar::builtin());

  // The calendar in force: base plus the kept notices. Never null; a snapshot that stays valid
  // (and unchanged) while a newer notice is kept.
  std::shared_ptr<const WorkingCalendar> current() const;
  std::map<int, CalendarNotice> notices() const;

  // Keeps `n` for its year, on disk first, replacing an older version. Ok(true) when the calendar
  // changed, Ok(false) when that version was already kept. Errors: calendar_write_failed (the
  // notice is not kept; the next sync tries again), bad_calendar_notice (the calendar refuses it).
  Result<bool> keep(const CalendarNotice& n);

 private:
  std::string dir_;
  WorkingCalendar base_;
  mutable std::mutex mu_;
  std::map<int, CalendarNotice> notices_;
  std::shared_ptr<const WorkingCalendar> current_;
};

}  // namespace jiuzhu::kiosk
