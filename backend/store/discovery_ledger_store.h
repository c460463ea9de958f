// The facts the discovery ledger (services/discovery_ledger.h) counts, read in one query: every
// discovery queue item first flagged in a period, with its first visit, whether a visit found the
// household in need, and the status of the application it led to.
//
// Read-only over the tables of queue_store.h and the repository; one SQL for SQLite and PostgreSQL.
//
// Thread-safety: a free function over the thread-safe Database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct LedgerItem {
  int64_t id = 0;
  std::string township;
  std::string flags;               // JSON array of rule ids ("urgent" for an urgent lead)
  std::string created_at;          // first flagged (RFC 3339)
  std::string updated_at;          // last change of state
  std::string state;               // queue/workflow.h
  std::string first_visit;         // YYYY-MM-DD, "" when never visited
  bool found_in_need = false;      // a visit's outcome was needs_assistance
  bool found_no_need = false;      // a visit's outcome was no_need
  std::string application_status;  // of application_no, "" when none
  std::string close_code;          // console: queue/workflow.h CloseReason, "" when not closed with one
  std::string closed_at;           // console: when it was closed with a reason code (RFC 3339) or ""
};

// Items of `scope` whose created_at falls on a China date in [from, to] (YYYY-MM-DD), by id.
Result<std::vector<LedgerItem>> ledger_items(Database& db, const Scope& scope, const std::string& from,
                                             const std::string& to);

}  // namespace jiuzhu::backend
