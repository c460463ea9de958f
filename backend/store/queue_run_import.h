// Storing one discovery run inside a write transaction (QueueStore::import_run, queue_store.h):
// the run row, the queue items upserted many rows per statement, resolved items marked, the
// county's rosters replaced and the audit entry appended. Internal to store/.
//
// Thread-safety: runs on the caller's transaction; no shared state.
#pragma once

#include "backend/store/database.h"
#include "backend/store/queue_store.h"
#include "core/result.h"

namespace jiuzhu::backend::sql {

// Stores `run` on `tx`, counting into `counts` (reset first: a job may run twice, database.h).
Status import_run_tx(Tx& tx, const RunImport& run, ImportCounts& counts);

}  // namespace jiuzhu::backend::sql
