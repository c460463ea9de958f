#include "backend/store/visit_due_store.h"

#include "backend/store/sql_query.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

using namespace sql;

Result<std::vector<VisitDueItem>> VisitDueStore::open_visit_dues_from(const std::string& due_from) {
  return read_as<std::vector<VisitDueItem>>(db_, [&](Tx& tx) {
    return all_rows(
        query(tx,
              "SELECT q.id, q.county, q.source, q.flags, q.visit_due, q.created_at, q.cadence, "
              "COALESCE((SELECT CAST(l.urgent AS TEXT) FROM leads l WHERE l.lead_id = q.lead_id), ''), "
              "COALESCE((SELECT MAX(v.visited_on) FROM visits v WHERE v.queue_id = q.id), '') "
              "FROM discovery_queue q WHERE q.status = 'open' AND q.visit_due <> '' AND q.visit_due >= ? "
              "ORDER BY q.id",
              {due_from}),
        [](const Rows& r, size_t i) {
          return VisitDueItem{r.i64(i, 0), r.str(i, 1), r.str(i, 2), string_list_of(r.str(i, 3), "discovery_queue.flags"),
                              r.str(i, 4), r.str(i, 5), r.str(i, 6), r.str(i, 7), r.str(i, 8)};
        });
  });
}

Result<std::map<std::string, std::vector<std::string>>> VisitDueStore::discovery_run_dates() {
  return read_as<std::map<std::string, std::vector<std::string>>>(db_, [&](Tx& tx) {
    std::map<std::string, std::vector<std::string>> out;
    const Rows r = query(tx, "SELECT DISTINCT county, as_of FROM discovery_runs ORDER BY county, as_of");
    for (size_t i = 0; i < r.size(); ++i) out[r.str(i, 0)].push_back(r.str(i, 1));
    return out;
  });
}

Status VisitDueStore::set_visit_dues(const std::vector<std::pair<int64_t, std::string>>& due,
                                     const AuditEntry& audit) {
  return db_.write([&](Tx& tx) -> Status {
    for (const auto& [id, date] : due) {
      exec(tx, "UPDATE discovery_queue SET visit_due = ? WHERE id = ?", {date, id});
    }
    append_audit_tx(tx, audit);
    return Ok{};
  });
}

}  // namespace jiuzhu::backend
