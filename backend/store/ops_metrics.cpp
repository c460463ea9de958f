#include "backend/store/ops_metrics.h"

#include "backend/store/kiosk_status_store.h"
#include "backend/store/repository.h"
#include "backend/store/sql_query.h"
#include "core/timestamp.h"

namespace jiuzhu::backend {
namespace {

// Label values come from the database; kiosk ids are free text given by an administrator.
std::string label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void family(std::string& text, const char* name, const char* help) {
  text += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n";
}

}  // namespace

Result<std::string> kiosk_metrics(Database& db, int64_t now_unix) {
  auto kiosks = KioskStatusStore(db).list(Scope{});
  if (!kiosks) return kiosks.error();
  std::string enabled, backlog, oldest, seen, clock;
  for (const auto& k : *kiosks) {
    const std::string labels = "{kiosk=\"" + label(k.kiosk_id) + "\",township=\"" + label(k.township) + "\"} ";
    enabled += "jiuzhu_kiosk_enabled" + labels + (k.enabled ? "1" : "0") + "\n";
    if (!k.seen) continue;
    const KioskReport& r = k.seen->report;
    backlog += "jiuzhu_kiosk_outbox_backlog" + labels + std::to_string(r.outbox_backlog) + "\n";
    // The age on the server's clock: the kiosk's timestamp shifted by its measured offset.
    if (auto at = parse_rfc3339(r.outbox_oldest_at)) {
      oldest += "jiuzhu_kiosk_outbox_oldest_age_seconds" + labels +
                std::to_string(std::max<int64_t>(0, now_unix - (*at + k.seen->clock_offset_seconds))) + "\n";
    }
    seen += "jiuzhu_kiosk_last_seen_seconds" + labels + std::to_string(now_unix - k.seen->received_unix) + "\n";
    clock += "jiuzhu_kiosk_clock_offset_seconds" + labels + std::to_string(k.seen->clock_offset_seconds) + "\n";
  }
  std::string text;
  family(text, "jiuzhu_kiosk_enabled", "1 for an enabled kiosk, 0 for one disabled by the county.");
  text += enabled;
  family(text, "jiuzhu_kiosk_outbox_backlog", "Items waiting in the kiosk's outbox at its last heartbeat.");
  text += backlog;
  family(text, "jiuzhu_kiosk_outbox_oldest_age_seconds",
         "Age of the oldest item waiting in the kiosk's outbox (absent when it is empty).");
  text += oldest;
  family(text, "jiuzhu_kiosk_last_seen_seconds", "Seconds since the kiosk's last heartbeat arrived.");
  text += seen;
  family(text, "jiuzhu_kiosk_clock_offset_seconds",
         "Server clock minus the kiosk's clock at its last heartbeat (positive: the kiosk is behind).");
  text += clock;
  return text;
}

Result<std::string> discovery_run_metrics(Database& db) {
  std::string text;
  family(text, "jiuzhu_discovery_last_run_timestamp_seconds", "Unix time of the county's last stored discovery run.");
  auto st = db.read([&](Tx& tx) -> Status {
    const sql::Rows rows = sql::query(tx, "SELECT county, MAX(created_at) FROM discovery_runs GROUP BY county ORDER BY county");
    for (size_t i = 0; i < rows.size(); ++i) {
      if (auto at = parse_rfc3339(rows.str(i, 1))) {
        text += "jiuzhu_discovery_last_run_timestamp_seconds{county=\"" + label(rows.str(i, 0)) + "\"} " +
                std::to_string(*at) + "\n";
      }
    }
    return Ok{};
  });
  if (!st) return st.error();
  return text;
}

}  // namespace jiuzhu::backend
