// POST /api/v1/kiosks/enrol (no token: the one-time code is the credential) and
// GET /api/v1/kiosks/self (kiosk): how a kiosk gets its token and checks that it may still
// serve residents (store/enrolment_store.h, docs/api.md).
#include "backend/http/handlers/handlers.h"
#include "backend/store/enrolment_store.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::handlers {

Response enrol_kiosk(Request& req, Services& s) {
  // Guessing 80-bit codes is hopeless; the limit keeps a flood from filling the log and the CPU.
  if (!s.enrol_limiter.take(req.client_address)) {
    auto r = error_response(429, "rate_limited", "too many enrolment attempts; try again later");
    r.headers.emplace_back(
        "Retry-After", std::to_string(std::max(1, s.enrol_limiter.retry_after_seconds(req.client_address))));
    return r;
  }
  auto body = parse_body(req, s);
  if (!body) return error_response(body.error());
  if (auto st = only_fields(*body, {"code"}); !st) return error_response(st.error());
  auto code = string_field(*body, "code", true, 64);
  if (!code) return error_response(code.error());
  auto enrolled = s.enrolments.redeem(*code, unix_now());
  if (!enrolled) {
    const auto& e = enrolled.error();
    if (e.code == "invalid_enrolment_code") return error_response(401, e.code, e.message);
    if (e.code == "kiosk_disabled") return error_response(403, e.code, e.message);
    return error_response(e);
  }
  return json_response(
      200,
      Json{{"kiosk_id", enrolled->kiosk_id}, {"township", enrolled->township}, {"token", enrolled->token}});
}

Response kiosk_self(Request& req, Services&) {
  // Reaching here means the token is known and the kiosk active (authentication checks both).
  return json_response(
      200, Json{{"kiosk_id", req.principal.id}, {"township", req.principal.township}, {"active", true}});
}

}  // namespace jiuzhu::backend::handlers
