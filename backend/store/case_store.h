// CaseStore: an application's life as a case — its status transitions and their history
// (case_events). Which transitions are legal is decided by the caller (services/transition_case.h
// with core/model's state machine) in a TransitionCheck run inside the write transaction on the
// current record, so two racing transitions cannot both pass the check.
//
// One implementation (store/sql_case_store.cpp) runs the same SQL on SQLite and PostgreSQL; each
// method is one transaction. A transition writes the new status, its case event and its audit
// entry together. Errors: not_found (outside the scope too), db_error, db_closed, and whatever
// the check returns (illegal_transition, ...).
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/intake/workflow.h"
#include "backend/store/application_store.h"
#include "backend/store/audit_store.h"
#include "backend/store/database.h"
#include "backend/store/scope.h"
#include "core/result.h"

namespace jiuzhu::backend {

// One step of a case's history. The states are typed here and text only in the store
// (sql_support converts them; a stored state that does not convert reads as db_error).
struct CaseEvent {
  std::string at, actor;
  std::optional<CaseState> from_status;  // none for the submission (stored as "")
  CaseState to_status = CaseState::received;
  std::string note;
};

// A check run inside the transition's transaction with the current record; an error aborts it.
using TransitionCheck = std::function<Status(const ApplicationRecord&)>;

class CaseStore {
 public:
  virtual ~CaseStore() = default;

  // The case's events, oldest first (the first is its submission: "" → received).
  virtual Result<std::vector<CaseEvent>> events(const std::string& application_no) = 0;
  // Moves a case to `to` after `check` accepted the current record; records the event and
  // `audit` (its township set to the case's). Returns the record as stored.
  virtual Result<ApplicationRecord> transition(const std::string& application_no, const Scope& scope,
                                               CaseState to, const std::string& note,
                                               const std::string& at, const TransitionCheck& check,
                                               const AuditEntry& audit) = 0;
};

// A case store over `db`, which must outlive it and be migrated (store/migrations.h).
std::unique_ptr<CaseStore> make_sql_case_store(Database& db);

}  // namespace jiuzhu::backend
