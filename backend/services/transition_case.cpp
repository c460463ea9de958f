#include "backend/services/transition_case.h"

#include "backend/util/clock.h"

namespace jiuzhu::backend::services {

Result<ApplicationRecord> transition_case(CaseStore& cases, const std::string& application_no, const Scope& scope,
                                          CaseState to, const std::string& note, const AuditEntry& audit) {
  auto check = [&](const ApplicationRecord& current) -> Status {
    return check_transition(current.status, to, current.priority > 0, note);
  };
  return cases.transition(application_no, scope, to, note, now_rfc3339(), check, audit);
}

}  // namespace jiuzhu::backend::services
