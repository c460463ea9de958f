// POST /api/v1/cases/{no}/reveal-id {"person": "applicant" | "proxy" | "member:N"} (caseworker,
// county_admin) → {"person", "id_number"}: one full ID number, audited (services/reveal_id_number.h).
#include "backend/http/handlers/handlers.h"
#include "backend/services/reveal_id_number.h"

namespace jiuzhu::backend::handlers {

Response reveal_id(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"person"}); !st) return error_response(st.error());
  auto person = string_field(*j, "person", true, 20);
  if (!person) return error_response(person.error());
  auto id = services::reveal_id_number(s.applications, s.audit, req.principal, req.path_params.at(0), *person);
  if (!id) return error_response(id.error());
  Response r = json_response(200, Json{{"person", *person}, {"id_number", *id}});
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

}  // namespace jiuzhu::backend::handlers
