// store/discovery_ledger_store.h
#include "backend/store/discovery_ledger_store.h"

#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

Result<std::vector<LedgerItem>> ledger_items(Database& db, const Scope& scope, const std::string& from,
                                             const std::string& to) {
  std::vector<LedgerItem> out;
  auto st = db.read([&](Tx& tx) -> Status {
    // created_at is "YYYY-MM-DDThh:mm:ss+08:00": its first 10 characters are the China date, and
    // the text compares in date order.
    const std::string after = to + "U";  // sorts after every "YYYY-MM-DDT…" of that day
    std::string sql =
        "SELECT q.id, q.township, q.flags, q.created_at, q.updated_at, q.state, "
        "COALESCE(v.first_visit, ''), COALESCE(v.in_need, 0), COALESCE(v.no_need, 0), COALESCE(a.status, ''), q.close_code, q.closed_at "
        "FROM discovery_queue q "
        // The county's visits grouped once, rather than three lookups per item.
        "LEFT JOIN (SELECT queue_id, MIN(visited_on) AS first_visit, "
        "SUM(CASE WHEN outcome = 'needs_assistance' THEN 1 ELSE 0 END) AS in_need, "
        "SUM(CASE WHEN outcome = 'no_need' THEN 1 ELSE 0 END) AS no_need "
        "FROM visits WHERE county = ? GROUP BY queue_id) v ON v.queue_id = q.id "
        "LEFT JOIN applications a ON a.application_no = q.application_no AND q.application_no <> '' "
        "WHERE q.county = ? AND q.created_at >= ? AND q.created_at < ?";
    // The county leads (index discovery_queue_ledger); a township narrows it further.
    const std::string county = !scope.county.empty() ? scope.county : scope.township.substr(0, 6);
    std::vector<sql::Param> params = {county, county, from, after};
    if (!scope.township.empty()) {
      sql += " AND q.township = ?";
      params.emplace_back(scope.township);
    }
    sql += " ORDER BY q.id";
    auto rows = sql::query(tx, sql, params);
    out.reserve(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) {
      LedgerItem it;
      it.id = rows.i64(r, 0);
      it.township = rows.str(r, 1);
      it.flags = rows.str(r, 2);
      it.created_at = rows.str(r, 3);
      it.updated_at = rows.str(r, 4);
      it.state = rows.str(r, 5);
      it.first_visit = rows.str(r, 6);
      it.found_in_need = rows.i64(r, 7) > 0;
      it.found_no_need = rows.i64(r, 8) > 0;
      it.application_status = rows.str(r, 9);
      it.close_code = rows.str(r, 10);
      it.closed_at = rows.str(r, 11);
      out.push_back(std::move(it));
    }
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
