#include "backend/store/discovery_run_history.h"

#include "backend/store/sql_query.h"

namespace jiuzhu::backend {

Result<std::vector<RunHistoryRow>> RunHistoryStore::discovery_run_history(const std::string& county,
                                                                          int64_t before, int limit) {
  std::vector<RunHistoryRow> out;
  auto st = db_.read([&](Tx& tx) -> Status {
    std::string sql =
        "SELECT id, as_of, summary, created_by, created_at FROM discovery_runs WHERE county = ?";
    std::vector<sql::Param> params{county};
    if (before > 0) {
      sql += " AND id < ?";
      params.emplace_back(static_cast<long long>(before));
    }
    sql += " ORDER BY id DESC LIMIT " + std::to_string(limit);
    const sql::Rows rows = sql::query(tx, sql, params);
    for (size_t r = 0; r < rows.size(); ++r) {
      out.push_back(
          RunHistoryRow{rows.i64(r, 0), rows.str(r, 1), rows.str(r, 2), rows.str(r, 3), rows.str(r, 4)});
    }
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
