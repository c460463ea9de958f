#include "backend/store/kiosk_status_store.h"

#include "backend/store/sql_query.h"

namespace jiuzhu::backend {

bool valid_device_state(const std::string& s) { return s == "ok" || s == "fault" || s == "absent"; }
bool valid_paper_state(const std::string& s) { return s == "ok" || s == "low" || s == "out" || s == "unknown"; }

Status KioskStatusStore::record(const std::string& kiosk_id, const std::string& township, const KioskSeen& seen) {
  const KioskReport& r = seen.report;
  return db_.write([&](Tx& tx) -> Status {
    // One statement, the same in SQLite (3.24+) and PostgreSQL: a report replaces the last one.
    sql::exec(tx,
              "INSERT INTO kiosk_status (kiosk_id, township, reported_at, received_at, received_unix, "
              "clock_offset_seconds, reader, camera, printer, paper, outbox_backlog, outbox_oldest_at, app_version) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kiosk_id) DO UPDATE SET "
              "township = excluded.township, reported_at = excluded.reported_at, received_at = excluded.received_at, "
              "received_unix = excluded.received_unix, clock_offset_seconds = excluded.clock_offset_seconds, "
              "reader = excluded.reader, camera = excluded.camera, printer = excluded.printer, paper = excluded.paper, "
              "outbox_backlog = excluded.outbox_backlog, outbox_oldest_at = excluded.outbox_oldest_at, "
              "app_version = excluded.app_version",
              {kiosk_id, township, r.reported_at, seen.received_at, seen.received_unix, seen.clock_offset_seconds,
               r.reader, r.camera, r.printer, r.paper, r.outbox_backlog, r.outbox_oldest_at, r.app_version});
    return Ok{};
  });
}

Result<std::vector<KioskOverview>> KioskStatusStore::list(const Scope& scope) {
  std::vector<KioskOverview> out;
  auto st = db_.read([&](Tx& tx) -> Status {
    std::string sql =
        "SELECT k.kiosk_id, k.township, k.created_at, k.active, s.kiosk_id, s.reported_at, s.received_at, "
        "s.received_unix, s.clock_offset_seconds, s.reader, s.camera, s.printer, s.paper, s.outbox_backlog, "
        "s.outbox_oldest_at, s.app_version FROM kiosks k LEFT JOIN kiosk_status s ON s.kiosk_id = k.kiosk_id "
        "WHERE 1 = 1";
    std::vector<sql::Param> params;
    if (!scope.township.empty()) {
      sql += " AND k.township = ?";
      params.emplace_back(scope.township);
    } else if (!scope.county.empty()) {
      sql += " AND substr(k.township, 1, 6) = ?";
      params.emplace_back(scope.county);
    }
    const sql::Rows rows = sql::query(tx, sql + " ORDER BY k.kiosk_id", params);
    for (size_t i = 0; i < rows.size(); ++i) {
      KioskOverview k{rows.str(i, 0), rows.str(i, 1), rows.str(i, 2), rows.i64(i, 3) == 1, std::nullopt};
      if (!rows.str(i, 4).empty()) {
        KioskSeen seen;
        seen.report = KioskReport{rows.str(i, 5),  rows.str(i, 9),  rows.str(i, 10), rows.str(i, 11),
                                  rows.str(i, 12), rows.i64(i, 13), rows.str(i, 14), rows.str(i, 15)};
        seen.received_at = rows.str(i, 6);
        seen.received_unix = rows.i64(i, 7);
        seen.clock_offset_seconds = rows.i64(i, 8);
        k.seen = std::move(seen);
      }
      out.push_back(std::move(k));
    }
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
