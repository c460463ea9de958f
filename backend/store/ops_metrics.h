// The operations gauges of /metrics read from the database (docs/operations.md, Monitoring):
// each kiosk's last heartbeat (outbox backlog, age, clock offset, enabled) and each county's
// last discovery run. Rendered in the Prometheus text format.
//
// Thread-safety: free functions over the caller's Database (whose read() may run concurrently).
#pragma once

#include <cstdint>
#include <string>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

// jiuzhu_kiosk_enabled, jiuzhu_kiosk_outbox_backlog, jiuzhu_kiosk_outbox_oldest_age_seconds,
// jiuzhu_kiosk_last_seen_seconds (age at `now_unix`) and jiuzhu_kiosk_clock_offset_seconds, each
// labelled {kiosk,township}; a kiosk that never reported has only jiuzhu_kiosk_enabled.
Result<std::string> kiosk_metrics(Database& db, int64_t now_unix);

// jiuzhu_discovery_last_run_timestamp_seconds{county}: when each county's last discovery run
// was stored (any path: the API or the command line).
Result<std::string> discovery_run_metrics(Database& db);

}  // namespace jiuzhu::backend
