// CountyOverviewStore: what the county view (县级总览, docs/console.md) counts, aggregated by the database: per
// township the applications by status, the open cases past their statutory due date, the
// discovery queue open and closed, and the home visits due; per program and township the
// applications by status; and the list of overdue cases, a page at a time.
//
// Read-only over the applications and discovery_queue tables; one SQL for SQLite and PostgreSQL.
//
// Thread-safety: all methods may be called concurrently (each is one transaction on the
// thread-safe Database).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct TownshipCounts {
  std::map<std::string, int64_t> applications;  // status → count
  int64_t overdue = 0;                          // open applications with due_date < today
  int64_t queue_open = 0, queue_closed = 0;     // discovery queue items by status
  int64_t visits_due = 0;                       // open items with a visit due on or before today
  int64_t visits_overdue = 0;                   // … of which due before today
};

struct CountyOverview {
  std::map<std::string, TownshipCounts> townships;  // township code → counts
  // (program id, township) → status → count. An application of two programs counts for each.
  std::map<std::pair<std::string, std::string>, std::map<std::string, int64_t>> programs;
};

struct OverdueCase {
  int64_t id = 0;
  std::string application_no, township, programs, status, received_at, due_date, assigned_to;
};

struct OverdueQuery {
  std::string county;
  std::string township;                                  // "" = the whole county
  std::string today;                                     // YYYY-MM-DD
  std::optional<std::pair<std::string, int64_t>> after;  // (due_date, id) of the previous page's last row
  int limit = 20;
};

class CountyOverviewStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit CountyOverviewStore(Database& db) : db_(db) {}

  // The counts of `county` on the China date `today` (YYYY-MM-DD).
  Result<CountyOverview> county_overview(const std::string& county, const std::string& today);

  // Open applications (not in a final state of intake/workflow.h) whose due date is before
  // `today`, longest overdue first (due_date, then id).
  Result<std::vector<OverdueCase>> overdue_case_list(const OverdueQuery& q);

 private:
  Database& db_;
};

// "'approved', 'rejected', …": the final case states, from the workflow itself, for SQL.
std::string final_case_states_sql();

}  // namespace jiuzhu::backend
