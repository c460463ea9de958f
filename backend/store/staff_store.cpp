#include "backend/store/staff_store.h"

#include "backend/store/sql_query.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {
namespace {

// The account's area for its audit row (its township, else the county, so that the county's
// audit log shows it), or not_found when the account is not in the county.
Result<std::string> area_in_county(Tx& tx, const std::string& county, const std::string& login) {
  const sql::Rows r =
      sql::query(tx, "SELECT township FROM users WHERE login = ? AND county = ?", {login, county});
  if (r.empty()) return make_error("not_found", "no such account in this county");
  return r.str(0, 0).empty() ? county : r.str(0, 0);
}

}  // namespace

Result<std::vector<StaffAccount>> StaffStore::list(const std::string& county) {
  return sql::read_as<std::vector<StaffAccount>>(db_, [&](Tx& tx) {
    const sql::Rows rows = sql::query(tx,
                                      "SELECT login, role, township, county, department, created_at, active "
                                      "FROM users WHERE county = ? ORDER BY login",
                                      {county});
    return sql::all_rows(rows, [](const sql::Rows& rs, size_t r) {
      return StaffAccount{rs.str(r, 0), sql::role_of(rs.str(r, 1)), rs.str(r, 2), rs.str(r, 3), rs.str(r, 4),
                          rs.str(r, 5), rs.i64(r, 6) != 0};
    });
  });
}

Status StaffStore::set_active(const std::string& county, const std::string& login, bool active,
                              const AuditEntry& audit) {
  return db_.write([&](Tx& tx) -> Status {
    auto area = area_in_county(tx, county, login);
    if (!area) return area.error();
    sql::exec(tx, "UPDATE users SET active = ? WHERE login = ?", {active ? 1 : 0, login});
    if (!active) sql::exec(tx, "DELETE FROM sessions WHERE login = ?", {login});
    AuditEntry e = audit;
    e.township = *area;
    sql::append_audit_tx(tx, e);
    return Ok{};
  });
}

Status StaffStore::set_password(const std::string& county, const std::string& login,
                                const std::string& password_hash, const AuditEntry& audit) {
  return db_.write([&](Tx& tx) -> Status {
    auto area = area_in_county(tx, county, login);
    if (!area) return area.error();
    sql::exec(tx, "UPDATE users SET password_hash = ? WHERE login = ?", {password_hash, login});
    sql::exec(tx, "DELETE FROM sessions WHERE login = ?", {login});
    AuditEntry e = audit;
    e.township = *area;
    sql::append_audit_tx(tx, e);
    return Ok{};
  });
}

}  // namespace jiuzhu::backend
