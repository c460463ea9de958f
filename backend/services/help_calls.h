// Use cases of the kiosk's call for help (找工作人员帮忙): a kiosk rings the hall staff of its
// township, the hall console lists the open calls, a staff member marks one answered.
// One use case per file (request_help.cpp, open_help_calls.cpp, answer_help_call.cpp); the HTTP
// handlers (http/handlers/help_calls.cpp) only decode the request and encode the answer.
//
// Errors are stable codes: client_id_in_use (the client_id names another kiosk's call or
// another screen), not_found (no such call in the caller's township), and the store's.
//
// Thread-safety: free functions over thread-safe stores.
#pragma once

#include <string>
#include <vector>

#include "backend/auth/principal.h"
#include "backend/store/help_call_store.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

struct HelpRequest {
  std::string client_id;     // UUID the kiosk makes once per call
  std::string screen;        // the kiosk screen the resident was on (kiosk/flow's screen name)
  std::string requested_at;  // RFC 3339, the kiosk's clock
};

// Records the call of `kiosk` (a kiosk principal) for its own township. The same client_id again
// from the same kiosk for the same screen is the same call (created = false).
Result<RecordedHelpCall> request_help(HelpCallStore& store, const Principal& kiosk,
                                      const HelpRequest& request, const std::string& now);

// The open calls of the staff member's township, oldest first.
Result<std::vector<HelpCall>> open_help_calls(HelpCallStore& store, const Principal& staff, int limit);

// Marks call `id` of the staff member's township answered (audited); answering twice keeps the first.
Result<HelpCall> answer_help_call(HelpCallStore& store, const Principal& staff, int64_t id,
                                  const std::string& now);

}  // namespace jiuzhu::backend::services
