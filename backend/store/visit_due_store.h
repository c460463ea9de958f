// VisitDueStore: the discovery queue's visit due dates, read with what they were computed from, and set again
// when a working-day calendar notice is entered (services/recompute_visit_dues.h).
//
// Thread-safety: all methods may be called concurrently (each is one transaction on the
// thread-safe Database).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

// An open queue item with a visit due date, and its latest visit (if any).
struct VisitDueItem {
  int64_t id = 0;
  std::string county, source;
  std::vector<std::string> flags;  // rule ids, read from the column's JSON
  std::string visit_due, created_at, cadence;
  std::string urgent_lead;              // "1" for an urgent lead, "0" otherwise ("" for discovery items)
  std::string last_visited_on;          // "" when never visited
};

class VisitDueStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit VisitDueStore(Database& db) : db_(db) {}

  // Open items (status open) whose visit_due is on or after `due_from` (YYYY-MM-DD), in id
  // order.
  Result<std::vector<VisitDueItem>> open_visit_dues_from(const std::string& due_from);

  // Every discovery run's as_of date per county (ascending, distinct).
  Result<std::map<std::string, std::vector<std::string>>> discovery_run_dates();

  // Sets new visit due dates (item id → date) in one transaction with one audit entry.
  Status set_visit_dues(const std::vector<std::pair<int64_t, std::string>>& due, const AuditEntry& audit);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
