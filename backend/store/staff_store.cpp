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
  std::vector<StaffAccount> out;
  auto st = db_.read([&](Tx& tx) -> Status {
    const sql::Rows rows = sql::query(tx,
                                      "SELECT login, role, township, county, department, created_at, active "
                                      "FROM users WHERE county = ? ORDER BY login",
                                      {county});
    for (size_t r = 0; r < rows.size(); ++r) {
      out.push_back(StaffAccount{rows.str(r, 0), rows.str(r, 1), rows.str(r, 2), rows.str(r, 3),
                                 rows.str(r, 4), rows.str(r, 5), rows.i64(r, 6) != 0});
    }
    return Ok{};
  });
  if (!st) return st.error();
  return out;
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
