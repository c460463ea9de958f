// A county administrator enters a new version of the county's parameters (services/county_params.h).
#include "backend/services/county_params.h"

namespace jiuzhu::backend::services {

Result<CountyParamsVersion> put_county_params(CountyParamsStore& store, const policy::Catalog& catalog,
                                              const Principal& admin, const std::string& county,
                                              const std::string& effective_from,
                                              const nlohmann::json& document) {
  if (admin.role != model::Role::county_admin || admin.county != county) {
    return make_error("not_found", "no such county in your area");
  }
  auto date = Date::parse_iso(effective_from);
  if (!date || date->iso() != effective_from) {
    return make_error("bad_date", "effective_from must be a date YYYY-MM-DD", "effective_from");
  }
  auto params = policy::CountyParams::from_json(catalog, document);
  if (!params) {
    Error e = params.error();
    e.field = e.field.empty() ? "params" : "params." + e.field;
    return e;
  }
  if (params->county() != county) {
    return make_error("wrong_county", "params.county must be " + county, "params.county");
  }
  CountyParamsVersion v;
  v.county = county;
  v.effective_from = effective_from;
  v.body = document.dump();
  v.created_by = admin.actor();
  return store.add(v);
}

}  // namespace jiuzhu::backend::services
