// ReferralStore on SQL, shared by the SQLite and PostgreSQL back ends.
#include "backend/store/referral_store.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

class SqlReferralStore final : public ReferralStore {
 public:
  explicit SqlReferralStore(Database& db) : db_(db) {}

  Result<ReferralRecord> add_referral(const ReferralRecord& draft, const std::string& day, const Scope& scope,
                                      const AuditEntry& audit) override {
    return write_as<ReferralRecord>(db_, [&](Tx& tx) -> Result<ReferralRecord> {
      ReferralRecord out = draft;
      if (auto in = insert_referral_tx(tx, out, day, scope); !in) return in.error();
      AuditEntry e = audit;
      e.township = out.township;
      append_audit_tx(tx, e);
      return out;
    });
  }

  Result<std::vector<ReferralRecord>> referrals_of(const std::string& no) override {
    return referrals_where("application_no = ?", {no});
  }

  Result<std::vector<ReferralRecord>> referrals_to(const std::string& department, const std::string& county) override {
    if (county.empty()) return referrals_where("department = ?", {department});
    return referrals_where("department = ? AND county = ?", {department, county});
  }

 private:
  Result<std::vector<ReferralRecord>> referrals_where(const std::string& where, std::initializer_list<Param> params) {
    const std::vector<Param> args(params);
    return read_as<std::vector<ReferralRecord>>(db_, [&](Tx& tx) {
      return all_rows(
          query(tx, std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE " + where + " ORDER BY id DESC LIMIT 500",
                args),
          referral_row);
    });
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<ReferralStore> make_sql_referral_store(Database& db) { return std::make_unique<SqlReferralStore>(db); }

}  // namespace jiuzhu::backend
