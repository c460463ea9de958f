// The county parameters in force on a date (services/county_params.h).
#include <fstream>

#include "backend/services/county_params.h"
#include "core/regions.h"

namespace jiuzhu::backend::services {

Result<ParamsInForce> county_params_in_force(CountyParamsStore& store, const policy::Catalog& catalog,
                                             const std::string& params_dir, const std::string& county,
                                             Date on) {
  auto entered = store.in_force(county, on.iso());
  if (!entered) return entered.error();
  if (*entered) {
    auto doc = nlohmann::json::parse((*entered)->body, nullptr, false);
    auto params = policy::CountyParams::from_json(catalog, doc);
    // Stored versions passed this check when entered; failing now means the catalog changed.
    if (!params)
      return make_error("params_invalid",
                        "the county's parameters no longer load: " + params.error().message);
    return ParamsInForce{"county", (*entered)->version, (*entered)->effective_from, std::move(doc),
                         std::move(*params)};
  }
  auto shipped = policy::CountyParams::load_county(catalog, county, params_dir);
  if (!shipped) return shipped.error();
  const std::string path =
      (params_dir.empty() ? assets_dir() + "/params" : params_dir) + "/" + county + ".json";
  std::ifstream in(path);
  auto doc = nlohmann::json::parse(in, nullptr, false);
  return ParamsInForce{"shipped", 0, "", std::move(doc), std::move(*shipped)};
}

}  // namespace jiuzhu::backend::services
