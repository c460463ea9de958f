// console: POST /api/v1/auth/logout (any staff role) — ends the caller's session on the server:
// the token stops working at once (auth/authenticator.h logout), not at its expiry. The console
// calls it on 退出登录 and on its idle timeout. → 200 {"logged_out": true}. Audited (action "logout").
#include "backend/http/handlers/console_handlers.h"

namespace jiuzhu::backend::handlers {

Response logout(Request& req, Services& s) {
  if (auto st = s.auth.logout(req.authorization); !st) return error_response(st.error());
  // The audit row names the staff member, never the token.
  if (auto st = s.audit.append_audit(
          audit_entry(req, "logout", "session", req.principal.id, req.principal.township));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"logged_out", true}});
}

}  // namespace jiuzhu::backend::handlers
