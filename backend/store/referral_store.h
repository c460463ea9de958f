// ReferralStore: referrals of a case to another department (民政 → 人社, 医保 …; the steps a
// department records on one are store/referral_steps_store.h).
//
// One implementation (store/sql_referral_store.cpp) runs the same SQL on SQLite and PostgreSQL;
// each method is one transaction. Errors: not_found (no such case in scope), db_error, db_closed.
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "backend/intake/referral_workflow.h"
#include "backend/store/audit_store.h"
#include "backend/store/database.h"
#include "backend/store/scope.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct ReferralRecord {
  std::string referral_id, application_no, township, county, department, note;
  ReferralStatus status = ReferralStatus::sent;  // stored as its name (sql_support converts)
  std::string created_at, created_by;
};

class ReferralStore {
 public:
  virtual ~ReferralStore() = default;

  // Stores `draft` (application_no, department, note, status, created_at, created_by set) as a
  // referral of a case within `scope`, numbered "R<township>-<day>-NNNN", with `audit` (its
  // township set to the case's). Returns the stored referral.
  virtual Result<ReferralRecord> add_referral(const ReferralRecord& draft, const std::string& number_day,
                                              const Scope& scope, const AuditEntry& audit) = 0;
  // The case's referrals, newest first (at most 500).
  virtual Result<std::vector<ReferralRecord>> referrals_of(const std::string& application_no) = 0;
  // Referrals to a department (within `county` when not empty), newest first (at most 500).
  virtual Result<std::vector<ReferralRecord>> referrals_to(const std::string& department, const std::string& county) = 0;
};

// A referral store over `db`, which must outlive it and be migrated (store/migrations.h).
std::unique_ptr<ReferralStore> make_sql_referral_store(Database& db);

}  // namespace jiuzhu::backend
