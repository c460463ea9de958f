// Repository: the intake service's database and the stores over it, opened together.
//
// The records are split by concern, one small interface each, each with its own contract:
//   kiosk_store.h        KioskStore        registered kiosks and their token hashes
//   account_store.h      AccountStore      staff accounts and login sessions
//   application_store.h  ApplicationStore  submitted applications and the intake list
//   case_store.h         CaseStore         case transitions and their history
//   referral_store.h     ReferralStore     referrals of a case to departments
//   audit_store.h        AuditStore        the hash-chained audit log
// (the discovery queue, visits and runs are store/queue_store.h, on the same Database.)
// Code that needs one concern takes that interface (Authenticator takes AccountStore and
// KioskStore; services/transition_case takes CaseStore …); Repository implements them all so
// that the server, the CLI and the tests wire one object.
//
// One implementation (store/sql_repository.cpp) owns the Database and delegates to the SQL
// stores (store/sql_*_store.cpp), which run the same SQL on both back ends (SQLite with group
// commit, PostgreSQL with a session pool), so the whole test suite runs unchanged against
// either. Each method is one transaction: a write that returns ok is durable. Area scoping is a
// filter (scope.h). Writes that touch a person's record append their audit entry in the same
// transaction.
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <memory>
#include <string>

#include "backend/store/account_store.h"
#include "backend/store/application_store.h"
#include "backend/store/audit_store.h"
#include "backend/store/case_store.h"
#include "backend/store/database.h"
#include "backend/store/kiosk_store.h"
#include "backend/store/referral_store.h"
#include "backend/store/scope.h"
#include "core/result.h"

namespace jiuzhu::backend {

class Repository : public KioskStore,
                   public AccountStore,
                   public ApplicationStore,
                   public CaseStore,
                   public ReferralStore,
                   public AuditStore {
 public:
  ~Repository() override = default;

  // Whether the database answers (/healthz, /readyz).
  virtual Status ping() = 0;
  // The database, for wiring the stores beside these (store/queue_store.h, staff_store.h …)
  // at start-up and in tools.
  virtual Database& database() = 0;
};

// A repository over `db` (which it owns). Does not migrate; call migrate(db) first.
std::unique_ptr<Repository> make_sql_repository(std::unique_ptr<Database> db);

// Opens the database at `url`, migrates it and returns the repository.
Result<std::unique_ptr<Repository>> open_repository(const std::string& url, const DatabaseOptions& options = {});

}  // namespace jiuzhu::backend
