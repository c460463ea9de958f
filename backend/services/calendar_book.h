// The working-day calendar the server computes due dates with: for each year, the State Council
// notice a county or province administrator entered (store/calendar_notice_store.h), else the
// shipped data (assets/data/holidays.csv), else weekends only, marked provisional (core/calendar.h,
// extended_through) — through next year at least. The working-day rules themselves stay in
// core/calendar.h; this only chooses the data.
//
// Thread-safety: current() and reload() may be called from any thread. A calendar once handed
// out stays valid for the server's life (each rebuilt calendar is kept; a notice is entered a few
// times a year), so a request computing with one is never left with a dangling reference. Another
// server process on the same database sees a new notice after its restart.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

#include "backend/store/database.h"
#include "core/calendar.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

class CalendarBook {
 public:
  explicit CalendarBook(Database& db) : db_(db) {}

  // The calendar in force; loads the entered notices on first use (the shipped data if that fails,
  // tried again on the next call).
  const WorkingCalendar& current() const;
  // Rebuilds from the database after a notice was entered. Errors: db_error, or the notice's
  // bad_calendar_notice (then the calendar is unchanged).
  Status reload() const;

 private:
  Result<const WorkingCalendar*> build() const;

  Database& db_;
  mutable std::mutex mu_;
  mutable std::deque<std::unique_ptr<WorkingCalendar>> kept_;
  mutable std::atomic<const WorkingCalendar*> current_{nullptr};
};

}  // namespace jiuzhu::backend::services
