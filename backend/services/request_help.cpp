// A kiosk asks for a staff member (services/help_calls.h).
#include "backend/services/help_calls.h"

namespace jiuzhu::backend::services {

Result<RecordedHelpCall> request_help(HelpCallStore& store, const Principal& kiosk,
                                      const HelpRequest& request, const std::string& now) {
  HelpCall call;
  call.client_id = request.client_id;
  call.kiosk_id = kiosk.id;
  call.township = kiosk.township;
  call.county = kiosk.township.substr(0, 6);
  call.screen = request.screen;
  call.requested_at = request.requested_at;
  call.received_at = now;
  auto recorded = store.record(call);
  if (!recorded) return recorded.error();
  if (!recorded->created &&
      (recorded->call.kiosk_id != call.kiosk_id || recorded->call.screen != call.screen)) {
    // Never tell one kiosk about another's call: the same code whatever the difference.
    return make_error("client_id_in_use", "this client_id belongs to another help call", "client_id");
  }
  return recorded;
}

}  // namespace jiuzhu::backend::services
