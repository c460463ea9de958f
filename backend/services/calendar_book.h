// The working-day calendar the server computes due dates with: for each year, the State Council
// notice a county or province administrator entered (store/calendar_notice_store.h), else the
// shipped data (assets/data/holidays.csv), else weekends only, marked provisional (core/calendar.h,
// extended_through) — through next year at least. The working-day rules themselves stay in
// core/calendar.h; this only chooses the data.
//
// Thread-safety: current() and reload() may be called from any thread. A calendar once handed
// out stays valid for the server's life (each rebuilt calendar is kept; a notice is entered a few
// times a year), so a request computing with one is never left with a dangling reference. Another
// server process on the same database sees a new notice within kRecheckSeconds (5 s):
// refresh_if_stale(), called as each request begins, compares the notices table's row count and
// newest id with those the calendar was built from at most once per interval (one indexed
// aggregate) and rebuilds when they differ.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>

#include "backend/store/calendar_notice_store.h"
#include "core/calendar.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

class CalendarBook {
 public:
  // `notices` must outlive the book.
  explicit CalendarBook(CalendarNoticeStore& notices) : notices_(notices) {}

  // The calendar in force; loads the entered notices on first use (the shipped data if that fails,
  // tried again on the next call).
  const WorkingCalendar& current() const;
  // Rebuilds from the database after a notice was entered. Errors: db_error, or the notice's
  // bad_calendar_notice (then the calendar is unchanged).
  Status reload() const;
  // Rebuilds when another process entered a notice since the last build; looks at most once per
  // kRecheckSeconds (other calls return at once). Database trouble: the calendar stays as it is.
  void refresh_if_stale() const;
  static constexpr int kRecheckSeconds = 5;

 private:
  Result<const WorkingCalendar*> build() const;

  CalendarNoticeStore& notices_;
  mutable std::mutex mu_;
  mutable std::deque<std::unique_ptr<WorkingCalendar>> kept_;
  mutable std::atomic<const WorkingCalendar*> current_{nullptr};
  mutable std::atomic<int64_t> built_count_{-1}, built_max_version_{-1};  // of the notices built from
  mutable std::atomic<int64_t> next_check_ms_{0};                          // steady clock, ms
};

}  // namespace jiuzhu::backend::services
