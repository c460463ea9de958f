// Use case: move an intake case to another status (受理 → 入户调查 → 审核 → 公示 → 审批 …) — the
// path of the console's POST /api/v1/cases/{no}/transition. Whether the move is legal
// (intake/workflow.h check_transition: the state machine, 先行救助's shortcut, a reason where one
// is required) is decided on the current record inside the store's write transaction, so two
// racing transitions cannot both pass; the status, its case event and `audit` are written
// together (store/case_store.h).
//
// Thread-safety: a free function over the thread-safe case store.
#pragma once

#include <string>

#include "backend/intake/workflow.h"
#include "backend/store/case_store.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

// Moves case `application_no` (within `scope`) to `to` with `note`, stamped now; `audit` is the
// entry to record (its township is set to the case's). Returns the case as stored.
// Errors: not_found (no such case in scope), illegal_transition and reason_required
// (check_transition's), and the store's.
Result<ApplicationRecord> transition_case(CaseStore& cases, const std::string& application_no, const Scope& scope,
                                          CaseState to, const std::string& note, const AuditEntry& audit);

}  // namespace jiuzhu::backend::services
