// The county parameters in force on a date (services/county_params.h).
#include <fstream>
#include <map>
#include <mutex>
#include <utility>

#include "backend/services/county_params.h"
#include "core/regions.h"

namespace jiuzhu::backend::services {
namespace {

// Entered versions, parsed once: a version's document never changes, and eligibility asks for
// the one in force on every request.
class ParsedVersions {
 public:
  // Keyed by the store too: version numbers are per database.
  Result<policy::CountyParams> get(const CountyParamsStore& store, const policy::Catalog& catalog,
                                   const CountyParamsVersion& v) {
    const Key key{&store, v.version};
    {
      std::lock_guard lock(mu_);
      if (auto it = parsed_.find(key); it != parsed_.end()) return it->second;
    }
    auto params = policy::CountyParams::from_json(catalog, nlohmann::json::parse(v.body, nullptr, false));
    // Stored versions passed this check when entered; failing now means the catalog changed.
    if (!params)
      return make_error("params_invalid",
                        "the county's parameters no longer load: " + params.error().message);
    std::lock_guard lock(mu_);
    parsed_.emplace(key, *params);
    return *params;
  }

 private:
  using Key = std::pair<const CountyParamsStore*, int64_t>;
  std::mutex mu_;
  std::map<Key, policy::CountyParams> parsed_;
};

}  // namespace

Result<ParamsInForce> county_params_in_force(CountyParamsStore& store, const policy::Catalog& catalog,
                                             const ShippedParams& shipped, const std::string& params_dir,
                                             const std::string& county, Date on, bool with_document) {
  static ParsedVersions parsed;
  auto entered = store.in_force(county, on.iso());
  if (!entered) return entered.error();
  if (*entered) {
    auto params = parsed.get(store, catalog, **entered);
    if (!params) return params.error();
    nlohmann::json doc =
        with_document ? nlohmann::json::parse((*entered)->body, nullptr, false) : nlohmann::json();
    return ParamsInForce{"county", (*entered)->version, (*entered)->effective_from, std::move(doc),
                         std::move(*params)};
  }
  auto params = shipped();
  if (!params) return params.error();
  nlohmann::json doc;
  if (with_document) {
    std::ifstream in((params_dir.empty() ? assets_dir() + "/params" : params_dir) + "/" + county + ".json");
    doc = nlohmann::json::parse(in, nullptr, false);
  }
  return ParamsInForce{"shipped", 0, "", std::move(doc), std::move(*params)};
}

}  // namespace jiuzhu::backend::services
