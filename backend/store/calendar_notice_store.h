// CalendarNoticeStore: the State Council's holiday notices as county or province administrators enter them (the
// console's 工作日历, docs/console.md): one row per entry, never overwritten; the latest entry of
// a year is the one in force. Read by services/calendar_book.h to build the working-day calendar.
//
// Thread-safety: all methods may be called concurrently (each is one transaction on the
// thread-safe Database).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct CalendarNotice {
  int64_t version = 0;  // assigned by the store
  int year = 0;
  std::string document_number, title, published_on;  // 国办发明电〔2026〕N号, the title, YYYY-MM-DD
  std::string holidays, workdays;                    // JSON arrays of {"date", "name"}
  std::string created_by, created_at;
};

// An open application whose due date may move with a year's calendar.
struct OpenCase {
  std::string application_no, programs, received_at, due_date, township;
  bool urgent = false;
};

class CalendarNoticeStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit CalendarNoticeStore(Database& db) : db_(db) {}

  // Stores `n` (its version is assigned) with its audit entry (record_id set to the version).
  Result<int64_t> add_calendar_notice(const CalendarNotice& n, AuditEntry audit);

  // How many notices are entered and the newest version (0 when none): a cheap way for another
  // server process to notice an entry (services/calendar_book.h).
  Result<std::pair<int64_t, int64_t>> calendar_notice_mark();

  // Every entered notice, oldest first.
  Result<std::vector<CalendarNotice>> calendar_notices();

  // Open applications (not in a final state) received before `received_before` (YYYY-MM-DD)
  // whose due date is on or after `due_from` (YYYY-MM-DD).
  Result<std::vector<OpenCase>> open_cases_due_from(const std::string& due_from, const std::string& received_before);

  // Sets new due dates (application_no → due date) in one transaction with one audit entry.
  Status set_due_dates(const std::vector<std::pair<std::string, std::string>>& due, const AuditEntry& audit);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
