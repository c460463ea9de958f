// Use cases of county parameters with citations: a county administrator enters the 低保 standard
// and the other numbers of eligibility.md as a new version with its citations and effective date
// (put_county_params.cpp); the engine, and anyone asking, uses the version in force on a date
// (county_params_in_force.cpp) — the county's latest version effective on or before that date,
// else the shipped file (assets/params/<county>.json, whose numbers are marked unverified).
//
// A version is a whole parameters document in the shipped file's format, checked by the same
// strict loader (core/policy/county_params.h): every number present, every number with a source,
// a source marked verified only with issuer, title, date, url and quote. So a county makes a number
// verified by entering it with the citation that gives it.
//
// Errors: not_found (no parameters for the county), bad_date, wrong_county, and the loader's codes
// with `field` under "params." (missing_parameter, missing_source, missing_citation …).
//
// Thread-safety: free functions over thread-safe stores; the catalog is immutable.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "backend/auth/principal.h"
#include "backend/store/county_params_store.h"
#include "core/date.h"
#include "core/policy/catalog.h"
#include "core/policy/county_params.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

struct ParamsInForce {
  std::string source;          // "county": entered in Jiuzhu; "shipped": the file
  int64_t version = 0;         // 0 for the shipped file
  std::string effective_from;  // "" for the shipped file
  nlohmann::json document;
  policy::CountyParams params;
};

// The shipped parameters of a county (the server's PolicyCache keeps them parsed).
using ShippedParams = std::function<Result<policy::CountyParams>()>;

// `shipped` is asked only when the county entered no version in force on `on`. With
// `with_document`, `document` holds the parameters document (for display; read from `params_dir`,
// "" = assets_dir()/params, for the shipped file); without, it is null (the eligibility path).
// Parsed entered versions are kept in memory by version number: a version never changes.
Result<ParamsInForce> county_params_in_force(CountyParamsStore& store, const policy::Catalog& catalog,
                                             const ShippedParams& shipped, const std::string& params_dir,
                                             const std::string& county, Date on, bool with_document);

// Adds a version for `county`, which must be the administrator's own (else not_found, as for any
// record outside the caller's area).
Result<CountyParamsVersion> put_county_params(CountyParamsStore& store, const policy::Catalog& catalog,
                                              const Principal& admin, const std::string& county,
                                              const std::string& effective_from,
                                              const nlohmann::json& document);

}  // namespace jiuzhu::backend::services
