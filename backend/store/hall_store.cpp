#include "backend/store/hall_store.h"

#include "backend/store/sql_query.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

Result<std::optional<HallDetails>> HallStore::hall_details(const std::string& township) {
  return sql::read_as<std::optional<HallDetails>>(db_, [&](Tx& tx) -> std::optional<HallDetails> {
    const sql::Rows r = sql::query(
        tx, "SELECT township, county, name, address, phone, updated_by, updated_at FROM halls WHERE township = ?",
        {township});
    if (r.empty()) return std::nullopt;
    return HallDetails{r.str(0, 0), r.str(0, 1), r.str(0, 2), r.str(0, 3), r.str(0, 4), r.str(0, 5), r.str(0, 6)};
  });
}

Status HallStore::put_hall_details(const HallDetails& h, const AuditEntry& audit) {
  return db_.write([&](Tx& tx) -> Status {
    // Delete and insert rather than an upsert: the same statements on SQLite and PostgreSQL.
    sql::exec(tx, "DELETE FROM halls WHERE township = ?", {h.township});
    sql::exec(tx,
              "INSERT INTO halls (township, county, name, address, phone, updated_by, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)",
              {h.township, h.county, h.name, h.address, h.phone, h.updated_by, h.updated_at});
    sql::append_audit_tx(tx, audit);
    return Ok{};
  });
}

}  // namespace jiuzhu::backend
