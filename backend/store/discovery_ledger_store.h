// LedgerStore: the facts the discovery ledger (services/discovery_ledger.h) counts, read in one query: every
// discovery queue item first flagged in a period, with its first visit, whether a visit found the
// household in need, and the status of the application it led to.
//
// Read-only over the tables of queue_store.h and the repository; one SQL for SQLite and PostgreSQL.
//
// Thread-safety: all methods may be called concurrently (each is one read on the
// thread-safe Database).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backend/queue/workflow.h"
#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

// county: one row stands for `count` items alike in every field below — the database groups the
// untouched bulk of a large queue (flagged, still `lead`, no visit, no application) by flags,
// township and first-flag time, so that a county-year ledger reads a few hundred rows instead of
// every item; an item that was worked keeps a row of its own (count 1, id set), which the
// medians need.
struct LedgerItem {
  int64_t count = 1;
  int64_t id = 0;  // 0 for a group of untouched items
  std::string township;
  std::vector<std::string> flags;  // rule ids ("urgent" for an urgent lead), read from the column's JSON
  std::string created_at;          // first flagged (RFC 3339)
  std::string updated_at;          // last change of state
  queue::ItemState state = queue::ItemState::lead;
  std::string first_visit;         // YYYY-MM-DD, "" when never visited
  bool found_in_need = false;      // a visit's outcome was needs_assistance
  bool found_no_need = false;      // a visit's outcome was no_need
  std::string application_status;  // of application_no, "" when none
  std::string close_code;          // console: queue/workflow.h CloseReason, "" when not closed with one
  std::string closed_at;           // console: when it was closed with a reason code (RFC 3339) or ""
};

// county: the feed data's age when a rule fired — for each discovery run of the county, when it
// ran and the date its data describes (as_of, 数据截至日期): an item first flagged at T was flagged
// by the latest run at or before T, on data (run day − as_of) days old.
struct RunAge {
  std::string created_at;  // RFC 3339, China time
  std::string as_of;       // YYYY-MM-DD
};
class LedgerStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit LedgerStore(Database& db) : db_(db) {}

  // Items of `scope` whose created_at falls on a China date in [from, to] (YYYY-MM-DD),
  // grouped as above (worked items by id).
  Result<std::vector<LedgerItem>> ledger_items(const Scope& scope, const std::string& from, const std::string& to);

  // The county's runs, oldest first.
  Result<std::vector<RunAge>> ledger_runs(const std::string& county);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
