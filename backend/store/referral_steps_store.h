// ReferralStepsStore (console): the steps of a referral — sent (with its reason), accepted, done, returned — kept in
// referral_steps beside the referrals table, so that the case's timeline shows every step. One
// SQL for SQLite and PostgreSQL. A step and the referral's new status are written in one
// transaction with the audit row.
//
// Thread-safety: all methods may be called concurrently (each is one transaction on the
// thread-safe Database).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct ReferralStepRecord {
  std::string referral_id, application_no, department, at, actor, step, note;
};

// The next status of the referral from its current one, or an error that rolls back.
using ReferralDecision = std::function<Result<ReferralStatus>(const ReferralRecord& current)>;

class ReferralStepsStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit ReferralStepsStore(Database& db) : db_(db) {}

  // Applies a department's step to referral `referral_id` of `department` (and `county` when
  // not empty) — not_found otherwise — and records it with `note`. Returns the referral as
  // stored. Errors: not_found, the decision's, db_error.
  Result<ReferralRecord> apply_referral_step(const std::string& referral_id, const std::string& department,
                                             const std::string& county, const std::string& step,
                                             const std::string& note, const std::string& actor,
                                             const std::string& at, const ReferralDecision& decide,
                                             const AuditEntry& audit);

  // Stores `draft` as a new referral of its case within `scope` (as Repository::add_referral
  // does) together with its "sent" step carrying the township's `reason` and the audit row — one
  // transaction, so a referral never stands without its reason. Returns the referral as stored.
  // Errors: not_found (no such case in scope), db_error.
  Result<ReferralRecord> add_referral_with_reason(const ReferralRecord& draft, const std::string& number_day,
                                                  const Scope& scope, const std::string& reason,
                                                  const AuditEntry& audit);

  // Every step of the referrals of a case, oldest first.
  Result<std::vector<ReferralStepRecord>> referral_steps_of_case(const std::string& application_no);
  // Every step of the referrals to `department` (within `county` when not empty), oldest first.
  Result<std::vector<ReferralStepRecord>> referral_steps_to(const std::string& department,
                                                            const std::string& county);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
