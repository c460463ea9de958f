// GET /api/v1/me (any staff role): who the token belongs to and the area it sees — what the
// console needs to label its pages and to name the county of 县级参数.
#include <algorithm>

#include "backend/http/handlers/console_handlers.h"

namespace jiuzhu::backend::handlers {

Response me(Request& req, Services&) {
  const Principal& p = req.principal;
  Json out = {{"login", p.id}, {"role", to_string(p.role)}};
  if (!p.township.empty()) out["township"] = p.township;
  const std::string county =
      !p.county.empty() ? p.county : p.township.substr(0, std::min<size_t>(6, p.township.size()));
  if (p.role == model::Role::province_admin) {
    out["province"] = p.county;  // discovery: a province administrator's area is its province
  } else if (!county.empty()) {
    out["county"] = county;
  }
  if (!p.department.empty()) out["department"] = p.department;
  return json_response(200, out);
}

}  // namespace jiuzhu::backend::handlers
