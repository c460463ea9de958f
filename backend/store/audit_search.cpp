#include "backend/store/audit_search.h"

#include "backend/store/sql_query.h"
#include "backend/store/sql_support.h"
#include "core/date.h"

namespace jiuzhu::backend {

Result<std::vector<AuditRow>> AuditSearch::search_audit(const AuditFilter& f) {
  std::vector<AuditRow> out;
  // The day after `to`: `at` is RFC 3339 in China time, so a text comparison bounds the date.
  std::string to_next;
  if (!f.to.empty()) {
    if (auto d = Date::parse_iso(f.to)) to_next = d->plus_days(1).iso();
  }
  auto st = db_.read([&](Tx& tx) -> Status {
    std::string sql =
        "SELECT seq, at, actor, role, action, record_type, record_id, township, detail, prev_hash, hash "
        "FROM audit_log WHERE (substr(township, 1, 6) = ? OR (township = '' AND record_id = ?))";
    std::vector<sql::Param> params{f.county, f.county};
    auto exact = [&](const char* column, const std::string& value) {
      if (value.empty()) return;
      sql += std::string(" AND ") + column + " = ?";
      params.emplace_back(value);
    };
    exact("actor", f.actor);
    exact("action", f.action);
    exact("record_type", f.record_type);
    exact("record_id", f.record_id);
    exact("township", f.township);
    if (!f.from.empty()) {
      sql += " AND at >= ?";
      params.emplace_back(f.from);
    }
    if (!to_next.empty()) {
      sql += " AND at < ?";
      params.emplace_back(to_next);
    }
    if (f.newest_first) {
      if (f.cursor > 0) {
        sql += " AND seq < ?";
        params.emplace_back(static_cast<long long>(f.cursor));
      }
      sql += " ORDER BY seq DESC";
    } else {
      sql += " AND seq > ?";
      params.emplace_back(static_cast<long long>(f.cursor));
      sql += " ORDER BY seq";
    }
    sql += " LIMIT " + std::to_string(f.limit);
    const sql::Rows rows = sql::query(tx, sql, params);
    for (size_t r = 0; r < rows.size(); ++r) out.push_back(sql::audit_row(rows, r));
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
