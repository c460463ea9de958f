// A hall staff member takes a call (services/help_calls.h).
#include "backend/services/help_calls.h"

namespace jiuzhu::backend::services {

Result<HelpCall> answer_help_call(HelpCallStore& store, const Principal& staff, int64_t id,
                                  const std::string& now) {
  AuditEntry audit{staff.actor(),      to_string(staff.role), "answer", "help_call",
                   std::to_string(id), staff.township,        ""};
  return store.answer(id, staff.scope(), staff.actor(), now, audit);
}

}  // namespace jiuzhu::backend::services
