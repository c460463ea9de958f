// CountyParamsStore: the versions of a county's eligibility parameters (contracts/eligibility.md
// "County parameters") that a county administrator entered, each with its citations and the
// date it takes effect. Versions are only ever added: a change is a new version, so what the
// engine used on any past date can be shown again.
//
// One SQL implementation on Database serves SQLite and PostgreSQL.
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct CountyParamsVersion {
  int64_t version = 0;         // store-assigned, increasing
  std::string county;          // 6 digits
  std::string effective_from;  // YYYY-MM-DD
  std::string body;            // the parameters document (assets/params/<county>.json format)
  std::string created_by, created_at;
};

class CountyParamsStore {
 public:
  virtual ~CountyParamsStore() = default;
  // Adds a version (version and created_at are set by the store) and returns it.
  virtual Result<CountyParamsVersion> add(const CountyParamsVersion& v) = 0;
  // The version in force on `date` (YYYY-MM-DD): the latest effective_from on or before it, the
  // latest entered among equals. nullopt when none.
  virtual Result<std::optional<CountyParamsVersion>> in_force(const std::string& county,
                                                              const std::string& date) = 0;
  // Every version of `county`, newest effective date first (bodies included).
  virtual Result<std::vector<CountyParamsVersion>> versions(const std::string& county) = 0;
};

std::unique_ptr<CountyParamsStore> make_sql_county_params_store(Database& db);

}  // namespace jiuzhu::backend
