#include "backend/store/discovery_run_history.h"

#include "backend/store/sql_query.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

Result<std::vector<RunHistoryRow>> RunHistoryStore::discovery_run_history(const std::string& county,
                                                                          int64_t before, int limit) {
  return sql::read_as<std::vector<RunHistoryRow>>(db_, [&](Tx& tx) {
    std::string sql =
        "SELECT id, as_of, summary, created_by, created_at FROM discovery_runs WHERE county = ?";
    std::vector<sql::Param> params{county};
    if (before > 0) {
      sql += " AND id < ?";
      params.emplace_back(static_cast<long long>(before));
    }
    sql += " ORDER BY id DESC LIMIT " + std::to_string(limit);
    return sql::all_rows(sql::query(tx, sql, params), [](const sql::Rows& rows, size_t r) {
      return RunHistoryRow{rows.i64(r, 0), rows.str(r, 1), rows.str(r, 2), rows.str(r, 3), rows.str(r, 4)};
    });
  });
}

}  // namespace jiuzhu::backend
