// GET /api/v1/kiosks (hall_staff, caseworker, county_admin): the kiosks of the caller's area.
#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response kiosks(Request& req, Services& s) {
  auto rows = s.repo.kiosks(req.principal.scope());
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  for (const auto& k : *rows) items.push_back({{"kiosk_id", k.kiosk_id}, {"township", k.township}, {"created_at", k.created_at}});
  return json_response(200, Json{{"items", items}});
}

}  // namespace jiuzhu::backend::handlers
