// store/referral_steps_store.h
#include "backend/store/referral_steps_store.h"

#include "backend/store/sql_support.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kStepColumns =
    "s.referral_id, s.application_no, s.department, s.at, s.actor, s.step, s.note";

ReferralStepRecord step_row(const sql::Rows& rows, size_t r) {
  return ReferralStepRecord{rows.str(r, 0), rows.str(r, 1), rows.str(r, 2), rows.str(r, 3),
                            rows.str(r, 4), rows.str(r, 5), rows.str(r, 6)};
}

void insert_step(Tx& tx, const ReferralStepRecord& s) {
  sql::exec(tx,
            "INSERT INTO referral_steps (referral_id, application_no, department, at, actor, step, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            {s.referral_id, s.application_no, s.department, s.at, s.actor, s.step, s.note});
}

Result<std::vector<ReferralStepRecord>> steps_where(Database& db, const std::string& sql,
                                                    std::initializer_list<sql::Param> params) {
  std::vector<ReferralStepRecord> out;
  auto st = db.read([&](Tx& tx) -> Status {
    auto rows = sql::query(tx, sql, params);
    for (size_t r = 0; r < rows.size(); ++r) out.push_back(step_row(rows, r));
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace

Result<ReferralRecord> ReferralStepsStore::apply_referral_step(const std::string& referral_id,
                                                               const std::string& department,
                                                               const std::string& county, const std::string& step,
                                                               const std::string& note, const std::string& actor,
                                                               const std::string& at, const ReferralDecision& decide,
                                                               const AuditEntry& audit) {
  ReferralRecord out;
  auto st = db_.write([&](Tx& tx) -> Status {
    std::string sql = std::string("SELECT ") + sql::kReferralColumns +
                      " FROM referrals WHERE referral_id = ? AND department = ?";
    if (!county.empty()) sql += " AND county = ?";
    if (tx.postgres()) sql += " FOR UPDATE";
    auto rows = county.empty() ? sql::query(tx, sql, {referral_id, department})
                               : sql::query(tx, sql, {referral_id, department, county});
    if (rows.empty()) return make_error("not_found", "no such referral");
    out = sql::referral_row(rows, 0);
    auto next = decide(out);
    if (!next) return next.error();
    out.status = *next;
    sql::exec(tx, "UPDATE referrals SET status = ? WHERE referral_id = ?", {to_string(out.status), referral_id});
    insert_step(
        tx, ReferralStepRecord{out.referral_id, out.application_no, out.department, at, actor, step, note});
    AuditEntry a = audit;
    a.record_id = out.application_no;
    a.township = out.township;
    sql::append_audit_tx(tx, a);
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

Result<ReferralRecord> ReferralStepsStore::add_referral_with_reason(const ReferralRecord& draft,
                                                                    const std::string& number_day,
                                                                    const Scope& scope, const std::string& reason,
                                                                    const AuditEntry& audit) {
  ReferralRecord out = draft;
  auto st = db_.write([&](Tx& tx) -> Status {
    if (auto in = sql::insert_referral_tx(tx, out, number_day, scope); !in) return in;
    insert_step(tx, ReferralStepRecord{out.referral_id, out.application_no, out.department, out.created_at,
                                       out.created_by, "sent", reason});
    AuditEntry a = audit;
    a.township = out.township;
    sql::append_audit_tx(tx, a);
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<ReferralStepRecord>> ReferralStepsStore::referral_steps_of_case(
    const std::string& application_no) {
  return steps_where(db_,
                     std::string("SELECT ") + kStepColumns +
                         " FROM referral_steps s WHERE s.application_no = ? ORDER BY s.id",
                     {application_no});
}

Result<std::vector<ReferralStepRecord>> ReferralStepsStore::referral_steps_to(const std::string& department,
                                                                              const std::string& county) {
  std::string sql =
      std::string("SELECT ") + kStepColumns +
      " FROM referral_steps s JOIN referrals r ON r.referral_id = s.referral_id WHERE r.department = ?";
  if (county.empty()) return steps_where(db_, sql + " ORDER BY s.id", {department});
  return steps_where(db_, sql + " AND r.county = ? ORDER BY s.id", {department, county});
}

}  // namespace jiuzhu::backend
