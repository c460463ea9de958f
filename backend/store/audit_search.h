// AuditSearch: the audit log of one county with filters, a page at a time, for the county view's 审计日志
// (GET /api/v1/audit with filters, docs/api.md). Rows are those of the repository's append-only,
// hash-chained audit_log; this only reads them.
//
// The county's rows are those of its townships (the first six digits of the row's township are
// the county code) and the county-level rows (township "" and record_id = the county, such as a
// county administrator listing the audit log).
//
// Thread-safety: may be called concurrently (a read on the thread-safe Database).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct AuditFilter {
  std::string county;       // required
  std::string actor;        // exact ("user:wang", "kiosk:K1"); "" = any
  std::string action;       // exact; "" = any
  std::string record_type;  // exact; "" = any
  std::string record_id;    // exact (an application number, a queue id …); "" = any
  std::string township;     // exact; "" = any in the county
  std::string from, to;     // China dates YYYY-MM-DD, inclusive; "" = open
  bool newest_first = false;
  int64_t cursor = 0;  // oldest first: seq > cursor; newest first: seq < cursor (0 = from the newest)
  int limit = 100;
};

class AuditSearch {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit AuditSearch(Database& db) : db_(db) {}

  // The rows of `f.county` that pass `f`, a page of at most `f.limit` from `f.cursor`.
  Result<std::vector<AuditRow>> search_audit(const AuditFilter& f);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
