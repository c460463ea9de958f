// GET /api/v1/policies (anyone): the policy catalog for residents (assets/policies/).
#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response policies(Request&, Services& s) {
  auto catalog = s.policies.catalog();
  if (!catalog) return error_response(500, "catalog_unavailable", "the policy catalog could not be loaded");
  return json_response(200, catalog->public_json());
}

}  // namespace jiuzhu::backend::handlers
