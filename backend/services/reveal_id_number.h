// Use case: a caseworker deliberately shows one person's full ID number in a case. The case view
// (GET /api/v1/cases/{no}) shows ID numbers masked (450326********123X); the full number is given
// only here, one person at a time, and only after an audit row says who saw whose number and why
// that case (action "reveal_id", detail "person=member:1").
//
// Thread-safety: a free function over the thread-safe application and audit stores.
#pragma once

#include <string>

#include "backend/auth/principal.h"
#include "backend/store/application_store.h"
#include "backend/store/audit_store.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

// `person` is "applicant", "proxy" or "member:N" (N from 0, household.members' order).
// Errors: bad_person (400, field "person"), not_found (no such case in the caller's area, or no
// such person or no ID number for them), and the store's.
Result<std::string> reveal_id_number(ApplicationStore& applications, AuditStore& audit_log, const Principal& staff,
                                     const std::string& application_no, const std::string& person);

}  // namespace jiuzhu::backend::services
