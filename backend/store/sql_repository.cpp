// The Repository on SQL: owns the Database and hands each concern to its SQL store
// (store/sql_*_store.cpp), which run the same statements on the SQLite and PostgreSQL back ends.
#include "backend/store/migrations.h"
#include "backend/store/repository.h"

namespace jiuzhu::backend {
namespace {

class SqlRepository final : public Repository {
 public:
  explicit SqlRepository(std::unique_ptr<Database> db)
      : db_(std::move(db)),
        kiosks_(make_sql_kiosk_store(*db_)),
        accounts_(make_sql_account_store(*db_)),
        applications_(make_sql_application_store(*db_)),
        cases_(make_sql_case_store(*db_)),
        referrals_(make_sql_referral_store(*db_)),
        audit_(make_sql_audit_store(*db_)) {}
  ~SqlRepository() override { db_->close(); }

  Status ping() override { return db_->ping(); }
  Database& database() override { return *db_; }

  // KioskStore
  Status add_kiosk(const KioskRecord& kiosk, const std::string& token_hash) override {
    return kiosks_->add_kiosk(kiosk, token_hash);
  }
  Result<std::optional<KioskRecord>> kiosk_by_token(const std::string& token_hash) override {
    return kiosks_->kiosk_by_token(token_hash);
  }
  Result<std::vector<KioskRecord>> kiosks(const Scope& scope) override { return kiosks_->kiosks(scope); }

  // AccountStore
  Status add_user(const UserRecord& user) override { return accounts_->add_user(user); }
  Result<std::optional<UserRecord>> user(const std::string& login) override { return accounts_->user(login); }
  Status add_session(const std::string& token_hash, const std::string& login, int64_t expires_unix) override {
    return accounts_->add_session(token_hash, login, expires_unix);
  }
  Result<std::optional<UserRecord>> session_user(const std::string& token_hash, int64_t now_unix) override {
    return accounts_->session_user(token_hash, now_unix);
  }
  Status revoke_session(const std::string& token_hash) override { return accounts_->revoke_session(token_hash); }

  // ApplicationStore
  Result<SubmitResult> submit_application(const NewApplication& app) override {
    return applications_->submit_application(app);
  }
  Result<std::optional<ApplicationRecord>> application(const std::string& no, const Scope& scope) override {
    return applications_->application(no, scope);
  }
  Result<std::vector<ApplicationRecord>> intake(const IntakeQuery& query) override {
    return applications_->intake(query);
  }
  Result<std::map<CaseState, int64_t>> status_counts() override { return applications_->status_counts(); }

  // CaseStore
  Result<std::vector<CaseEvent>> events(const std::string& no) override { return cases_->events(no); }
  Result<ApplicationRecord> transition(const std::string& no, const Scope& scope, CaseState to,
                                       const std::string& note, const std::string& at, const TransitionCheck& check,
                                       const AuditEntry& audit) override {
    return cases_->transition(no, scope, to, note, at, check, audit);
  }

  // ReferralStore
  Result<ReferralRecord> add_referral(const ReferralRecord& draft, const std::string& day, const Scope& scope,
                                      const AuditEntry& audit) override {
    return referrals_->add_referral(draft, day, scope, audit);
  }
  Result<std::vector<ReferralRecord>> referrals_of(const std::string& no) override {
    return referrals_->referrals_of(no);
  }
  Result<std::vector<ReferralRecord>> referrals_to(const std::string& department, const std::string& county) override {
    return referrals_->referrals_to(department, county);
  }

  // AuditStore
  Status append_audit(const AuditEntry& entry) override { return audit_->append_audit(entry); }
  Result<std::vector<AuditRow>> audit(const Scope& scope, int64_t after_seq, int limit) override {
    return audit_->audit(scope, after_seq, limit);
  }
  Result<AuditVerification> verify_audit() override { return audit_->verify_audit(); }

 private:
  std::unique_ptr<Database> db_;  // first: the stores below hold references to it
  std::unique_ptr<KioskStore> kiosks_;
  std::unique_ptr<AccountStore> accounts_;
  std::unique_ptr<ApplicationStore> applications_;
  std::unique_ptr<CaseStore> cases_;
  std::unique_ptr<ReferralStore> referrals_;
  std::unique_ptr<AuditStore> audit_;
};

}  // namespace

std::unique_ptr<Repository> make_sql_repository(std::unique_ptr<Database> db) {
  return std::make_unique<SqlRepository>(std::move(db));
}

Result<std::unique_ptr<Repository>> open_repository(const std::string& url, const DatabaseOptions& options) {
  auto db = open_database(url, options);
  if (!db) return db.error();
  if (auto st = migrate(**db); !st) return st.error();
  return make_sql_repository(std::move(db).value());
}

}  // namespace jiuzhu::backend
