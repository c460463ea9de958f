// POST /api/v1/eligibility (anyone): {"params_county": CODE, "household": {...}} → the
// eligibility result (contracts/eligibility.md), from the one engine in core/policy/.
#include "backend/http/handlers/handlers.h"
#include "backend/services/county_params.h"
#include "core/model/json_codec.h"
#include "core/policy/engine.h"

namespace jiuzhu::backend::handlers {

Response eligibility(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"params_county", "household"}); !st) return error_response(st.error());
  auto county = string_field(*j, "params_county", true, 6);
  if (!county) return error_response(county.error());
  if (county->size() != 6) return error_response(400, "bad_county", "params_county is a 6-digit county code", "params_county");
  if (!j->contains("household")) return error_response(400, "missing_field", "household is required", "household");
  const Date today = Date::today_china();
  auto household = model::decode_household((*j)["household"], today);
  if (!household) {
    Error e = household.error();
    e.field = e.field.empty() ? "household" : "household." + e.field;
    return error_response(e);
  }
  auto catalog = s.policies.catalog();
  if (!catalog) return error_response(500, "catalog_unavailable", "the policy catalog could not be loaded");
  // console: the version in force today — a county's own entered version, else the shipped file.
  auto params = services::county_params_in_force(
      *s.county_params, *catalog, [&] { return s.policies.params(*county); }, s.config.params_dir, *county, today,
      false);
  if (!params) {
    if (status_for(params.error().code) >= 500) return error_response(params.error());
    return error_response(404, "unknown_county", "no eligibility parameters for this county", "params_county");
  }
  auto result = policy::evaluate(*catalog, params->params, *household, today);
  return json_response(200, result.to_json());
}

}  // namespace jiuzhu::backend::handlers
