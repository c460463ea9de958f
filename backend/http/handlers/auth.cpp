// POST /api/v1/auth/login {"login","password"} → {"token","expires_at","role"}.
#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response login(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"login", "password"}); !st) return error_response(st.error());
  auto name = string_field(*j, "login", true, 100);
  if (!name) return error_response(name.error());
  auto password = string_field(*j, "password", true, 1000, /*secret=*/true);
  if (!password) return error_response(password.error());
  auto r = s.auth.login(*name, *password, req.client_address);
  if (!r) {
    auto resp = error_response(r.error());
    if (resp.status == 429) resp.headers.emplace_back("Retry-After", "60");
    return resp;
  }
  return json_response(200, Json{{"token", r->token}, {"expires_at", r->expires_at}, {"role", to_string(r->role)}});
}

}  // namespace jiuzhu::backend::handlers
