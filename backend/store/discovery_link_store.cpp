// store/discovery_link_store.h
#include "backend/store/discovery_link_store.h"

#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

Result<std::optional<int64_t>> DiscoveryLinkStore::discovery_item_of_application(
    const std::string& county, const std::string& application_no) {
  std::optional<int64_t> out;
  auto st = db_.read([&](Tx& tx) -> Status {
    auto rows = sql::query(tx,
                           "SELECT id FROM discovery_queue WHERE county = ? AND application_no = ? "
                           "AND application_no <> '' ORDER BY id LIMIT 1",
                           {county, application_no});
    if (!rows.empty()) out = rows.i64(0, 0);
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
