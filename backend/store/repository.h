// Repository: every record the intake service keeps, behind one interface.
//
// One implementation (store/sql_repository.cpp) runs the same SQL on both Database back ends
// (SQLite with group commit, PostgreSQL with a session pool), so the whole test suite runs
// unchanged against either. Each method is one transaction: a write that returns ok is durable.
// Area scoping is applied here as a filter (Scope) so that a record outside the caller's area is
// simply "not found" — the HTTP layer turns that into 404 and existence does not leak.
// Writes that touch a person's record append their audit entry in the same transaction.
//
// Errors are Result values with stable codes: not_found, db_error, db_closed, and whatever a
// caller-supplied check returns (illegal_transition, ...).
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

// The area a caller may see: a township (9 digits), a county (6 digits), or everything (both empty;
// used by kiosks' own submissions and by tools, never by staff).
struct Scope {
  std::string township;
  std::string county;
};

struct KioskRecord {
  std::string kiosk_id, township, created_at;
};

struct UserRecord {
  std::string login, role, township, county, department, password_hash, created_at;
};

struct ApplicationRecord {
  int64_t id = 0;
  std::string application_no, client_id, township, county, kiosk_id, channel;
  std::string programs;  // JSON array text
  std::string status;
  int64_t priority = 0;  // 1 for 先行救助 (urgent temporary assistance): jumps the queue
  std::string received_at, updated_at, due_date, id_last4, assigned_to;
  std::string body;  // the application JSON as submitted (strictly decoded, re-encoded)
};

// What one audited action records. seq, at and the hashes are filled in by the store.
struct AuditEntry {
  std::string actor, role, action, record_type, record_id, township, detail;
};

struct AuditRow {
  int64_t seq = 0;
  std::string at;
  AuditEntry entry;
  std::string prev_hash, hash;
};

struct NewApplication {
  ApplicationRecord record;  // application_no and id are assigned by the store
  std::string number_day;    // YYYYMMDD of acceptance (China time), part of the number
  AuditEntry audit;
};

struct SubmitResult {
  ApplicationRecord record;
  bool created = false;  // false: the client_id was seen before and this is the first answer
};

struct CaseEvent {
  std::string at, actor, from_status, to_status, note;
};

struct ReferralRecord {
  std::string referral_id, application_no, township, county, department, note, status, created_at, created_by;
};

struct IntakeQuery {
  Scope scope;
  std::string status;  // empty: all
  int limit = 20;
  // Keyset cursor: rows strictly after (priority, id) in (priority DESC, id DESC) order.
  std::optional<std::pair<int64_t, int64_t>> after;
};

struct AuditVerification {
  bool ok = true;
  int64_t rows = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
};

// A check run inside the transition's transaction with the current record; an error aborts it.
using TransitionCheck = std::function<Status(const ApplicationRecord&)>;

class Repository {
 public:
  virtual ~Repository() = default;

  virtual Status ping() = 0;
  virtual Database& database() = 0;

  // Kiosks and staff.
  virtual Status add_kiosk(const KioskRecord& kiosk, const std::string& token_hash) = 0;  // exists → kiosk_exists
  virtual Result<std::optional<KioskRecord>> kiosk_by_token(const std::string& token_hash) = 0;
  virtual Result<std::vector<KioskRecord>> kiosks(const Scope& scope) = 0;
  virtual Status add_user(const UserRecord& user) = 0;  // exists → user_exists
  virtual Result<std::optional<UserRecord>> user(const std::string& login) = 0;
  virtual Status add_session(const std::string& token_hash, const std::string& login, int64_t expires_unix) = 0;
  // The user of a live session (expired ones are not found).
  virtual Result<std::optional<UserRecord>> session_user(const std::string& token_hash, int64_t now_unix) = 0;

  // Applications. A client_id seen before returns the stored record with created = false.
  virtual Result<SubmitResult> submit_application(const NewApplication& app) = 0;
  virtual Result<std::optional<ApplicationRecord>> application(const std::string& application_no, const Scope& scope) = 0;
  virtual Result<std::vector<ApplicationRecord>> intake(const IntakeQuery& query) = 0;
  virtual Result<std::vector<CaseEvent>> events(const std::string& application_no) = 0;
  // Moves a case to `to` after `check` accepted the current record; records the event and audit.
  virtual Result<ApplicationRecord> transition(const std::string& application_no, const Scope& scope,
                                               const std::string& to, const std::string& note,
                                               const std::string& at, const TransitionCheck& check,
                                               const AuditEntry& audit) = 0;
  virtual Result<ReferralRecord> add_referral(const ReferralRecord& draft, const std::string& number_day,
                                              const Scope& scope, const AuditEntry& audit) = 0;
  virtual Result<std::vector<ReferralRecord>> referrals_of(const std::string& application_no) = 0;
  // Referrals to a department (within `county` when not empty).
  virtual Result<std::vector<ReferralRecord>> referrals_to(const std::string& department, const std::string& county) = 0;

  // Leads, the discovery queue and visits live in store/queue_store.h (same Database).

  // Audit.
  virtual Status append_audit(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditRow>> audit(const Scope& scope, int64_t after_seq, int limit) = 0;
  virtual Result<AuditVerification> verify_audit() = 0;

  // Applications per status, for /metrics.
  virtual Result<std::map<std::string, int64_t>> status_counts() = 0;
};

// A repository over `db` (which it owns). Does not migrate; call migrate(db) first.
std::unique_ptr<Repository> make_sql_repository(std::unique_ptr<Database> db);

// Opens the database at `url`, migrates it and returns the repository.
Result<std::unique_ptr<Repository>> open_repository(const std::string& url, const DatabaseOptions& options = {});

}  // namespace jiuzhu::backend
