// ApplicationStore: the applications residents submitted (at a kiosk, at the hall, for another
// household) — storing one exactly once, finding one, and the hall's intake list.
//
// Submitting is idempotent per client_id: a retry of the same content from the same kiosk gets
// the first answer (created = false); anything else reusing the client_id is client_id_in_use,
// never answered with the first one's number. The application number is assigned by the store
// (per township and day); the first case event ("" → status) and the audit entry are written in
// the same transaction. One implementation (store/sql_application_store.cpp) runs the same SQL
// on SQLite and PostgreSQL; each method is one transaction: a write that returns ok is durable.
// Errors: client_id_in_use, db_error, db_closed.
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/channel.h"
#include "backend/intake/workflow.h"
#include "backend/store/audit_store.h"
#include "backend/store/database.h"
#include "backend/store/scope.h"
#include "core/result.h"

namespace jiuzhu::backend {

// Typed at this boundary: the status as the workflow's CaseState, the channel as a Channel, the
// programs as their ids; sql_support.cpp converts from and to the columns' text in one place.
struct ApplicationRecord {
  int64_t id = 0;
  std::string application_no, client_id, township, county, kiosk_id;
  model::Channel channel = model::Channel::kiosk;
  std::vector<std::string> programs;  // program ids (core/model/programs.h), as applied for
  CaseState status = CaseState::received;
  int64_t priority = 0;  // 1 for 先行救助 (urgent temporary assistance): jumps the queue
  std::string received_at, updated_at, due_date, id_last4, assigned_to;
  std::string body;  // the application JSON as submitted (strictly decoded, re-encoded)
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

struct IntakeQuery {
  Scope scope;
  std::optional<CaseState> status;  // nullopt: all
  int limit = 20;
  // Keyset cursor: rows strictly after (priority, id) in (priority DESC, id DESC) order.
  std::optional<std::pair<int64_t, int64_t>> after;
};

class ApplicationStore {
 public:
  virtual ~ApplicationStore() = default;

  // Stores a new application (see above for retries). Two racing retries store one.
  virtual Result<SubmitResult> submit_application(const NewApplication& app) = 0;
  // The application `application_no` within `scope`, or nullopt.
  virtual Result<std::optional<ApplicationRecord>> application(const std::string& application_no,
                                                               const Scope& scope) = 0;
  // The scope's applications (of one status when given), urgent first then newest, after the cursor.
  virtual Result<std::vector<ApplicationRecord>> intake(const IntakeQuery& query) = 0;
  // Applications per status, for /metrics.
  virtual Result<std::map<CaseState, int64_t>> status_counts() = 0;
};

// An application store over `db`, which must outlive it and be migrated (store/migrations.h).
std::unique_ptr<ApplicationStore> make_sql_application_store(Database& db);

}  // namespace jiuzhu::backend
