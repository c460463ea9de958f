// RunHistoryStore: the discovery runs of a county, newest first, a page at a time: what the county view's run
// history (发现运行记录, docs/console.md) lists. The rows are those import_run of queue_store.h
// writes; the summary is the run's JSON summary (households, flagged, new, changed, resolved,
// row errors and warnings, per-file counts).
//
// Thread-safety: may be called concurrently (a read on the thread-safe Database).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct RunHistoryRow {
  int64_t id = 0;
  std::string as_of, summary, created_by, created_at;
};

class RunHistoryStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit RunHistoryStore(Database& db) : db_(db) {}

  // Runs of `county` with id < `before` (0 = from the newest), newest first, at most `limit`.
  Result<std::vector<RunHistoryRow>> discovery_run_history(const std::string& county, int64_t before,
                                                           int limit);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
