// The hall console's list of calls waiting for a staff member (services/help_calls.h).
#include "backend/services/help_calls.h"

namespace jiuzhu::backend::services {

Result<std::vector<HelpCall>> open_help_calls(HelpCallStore& store, const Principal& staff, int limit) {
  return store.list(staff.scope(), "open", limit);
}

}  // namespace jiuzhu::backend::services
