// County parameters (contracts/eligibility.md "County parameters"): the local 低保 standard,
// per-capita disposable income, asset limits and shares that the catalog's rules read as
// `params.NAME`.
//
// A file is loaded against a Catalog, which declares the parameters its rules use. Loading is
// strict, because a wrong number here silently changes every answer:
//   - every declared parameter must be present as a finite, non-negative number
//     (missing_parameter) — a missing number is an error, never a guess;
//   - a number the catalog does not declare is an error (unknown_parameter), which catches typos;
//   - `sources` is optional (the contract's shape has none): without it every number loads and
//     is unverified. A file that carries `sources` must cite every parameter there:
//     `"sources": {"dibao_standard_monthly": {...}}`, keyed by the parameter or any dotted
//     prefix of it, each with a non-empty "source" text (missing_source);
//   - a source may say `"verified": true` only with the citation that verifies it: non-empty
//     "issuer", "title", "date", "url" and "quote" (the exact sentence that gives the number),
//     else missing_citation. A number whose source is not verified (no flag, `false`, or a
//     plain-string source) still loads — it is the best number available — but the engine
//     names it on every verdict that rests on it (ProgramOutcome::unverified_params), so nobody
//     mistakes a remembered number for a published one.
// Nested objects flatten to dotted names: {"asset_limits": {"max_vehicles": 0}} declares
// "asset_limits.max_vehicles".
//
// Thread-safety: immutable after loading.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/policy/catalog.h"
#include "core/result.h"

namespace jiuzhu::policy {

class CountyParams {
 public:
  static Result<CountyParams> from_json(const Catalog& catalog, const Json& j);
  static Result<CountyParams> load_file(const Catalog& catalog, const std::string& path);
  // DIR/<county code>.json (assets_dir()/params when dir is empty); not_found when absent.
  static Result<CountyParams> load_county(const Catalog& catalog, std::string_view county_code,
                                          const std::string& dir = {});

  const std::string& county() const { return county_; }
  int year() const { return year_; }
  // Values in the catalog's parameter order (Catalog::parameter_names()).
  const std::vector<double>& values() const { return values_; }
  // The value of a declared parameter by name; NaN when the name is not declared.
  double get(std::string_view name) const;
  // Whether the number's source is marked verified with a citation; parallel to values().
  const std::vector<bool>& verified() const { return verified_; }
  // By name; false when the name is not declared.
  bool is_verified(std::string_view name) const;
  const CatalogData* bound_to() const { return bound_; }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::string county_;
  int year_ = 0;
  std::vector<double> values_;
  std::vector<bool> verified_;
  std::vector<std::string> names_;
  const CatalogData* bound_ = nullptr;
};

}  // namespace jiuzhu::policy
