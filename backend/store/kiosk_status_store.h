// KioskStatusStore: the latest heartbeat of each kiosk (POST /api/v1/kiosks/self/status) and
// the kiosk list staff see with it (GET /api/v1/kiosks, docs/api.md "Kiosk status").
//
// A kiosk reports its devices, its outbox backlog and its clock every 60 s and at once when a
// device changes. Only the latest report is kept (one row per kiosk, replaced): the history an
// operator wants is in the /metrics time series, not in the database. The server stamps when it
// received the report and how far the kiosk's clock was from its own (server − kiosk, seconds;
// positive: the kiosk's clock is behind).
//
// Thread-safety: the store keeps no state; its methods may run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

// The states a kiosk may report (the API's contract; anything else is refused).
bool valid_device_state(const std::string& s);  // ok | fault | absent
bool valid_paper_state(const std::string& s);   // ok | low | out | unknown

// A kiosk is "online" when its last report arrived at most this long ago (3 missed heartbeats).
inline constexpr int64_t kKioskOnlineSeconds = 180;

struct KioskReport {
  std::string reported_at;  // the kiosk's clock, RFC 3339
  std::string reader, camera, printer, paper;
  int64_t outbox_backlog = 0;
  std::string outbox_oldest_at;  // "" when the outbox is empty
  std::string app_version;
};

struct KioskSeen {
  KioskReport report;
  std::string received_at;  // the server's clock, RFC 3339
  int64_t received_unix = 0;
  int64_t clock_offset_seconds = 0;  // server − kiosk
};

struct KioskOverview {
  std::string kiosk_id, township, created_at;
  bool enabled = true;
  std::optional<KioskSeen> seen;  // none: the kiosk never reported
};

class KioskStatusStore {
 public:
  explicit KioskStatusStore(Database& db) : db_(db) {}

  // Replaces the kiosk's latest report. Errors: db_error.
  Status record(const std::string& kiosk_id, const std::string& township, const KioskSeen& seen);

  // Every kiosk within `scope` (township, or county by the township code's first 6 digits),
  // ordered by kiosk id, with its latest report if any. Errors: db_error.
  Result<std::vector<KioskOverview>> list(const Scope& scope);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
