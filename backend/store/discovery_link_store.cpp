// store/discovery_link_store.h
#include "backend/store/discovery_link_store.h"

#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

Result<std::optional<int64_t>> DiscoveryLinkStore::discovery_item_of_application(
    const std::string& county, const std::string& application_no) {
  return sql::read_as<std::optional<int64_t>>(db_, [&](Tx& tx) -> std::optional<int64_t> {
    const sql::Rows rows =
        sql::query(tx,
                   "SELECT id FROM discovery_queue WHERE county = ? AND application_no = ? "
                   "AND application_no <> '' ORDER BY id LIMIT 1",
                   {county, application_no});
    if (rows.empty()) return std::nullopt;
    return rows.i64(0, 0);
  });
}

}  // namespace jiuzhu::backend
