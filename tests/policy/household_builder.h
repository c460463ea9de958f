// Test helpers: real-looking households as contract JSON, decoded by the real strict decoder,
// and county parameters that match the contract's example (independent of the shipped files,
// so a county's numbers can change without breaking the rule tests).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/model/household.h"
#include "core/policy/catalog.h"
#include "core/policy/county_params.h"

namespace policy_test {

using Json = nlohmann::json;

inline const jiuzhu::Date kAsOf{2026, 11, 24};

// A valid 18-character ID number for a birth date "YYYYMMDD" (region 450326, Yongfu), with the
// check character computed by IdNumber::check_character. `seq` makes numbers distinct.
std::string id_number(const std::string& birth, int seq = 123);
// The birth date of someone exactly `years` old on kAsOf plus `days_after` days (so
// days_after = 1 gives someone one day short of `years`).
std::string birth_for_age(int years, int days_after = 0);
// kAsOf minus n days, ISO.
std::string days_ago(int n);

// Put in a field to leave it out of the JSON (an unknown fact).
inline const Json kOmit = Json(Json::value_t::discarded);

struct M {
  std::string birth = "19860510";  // 40 years old on kAsOf
  std::string relation = "self";
  Json income = 0;                 // monthly_income; kOmit leaves the field out
  Json pension = 0;
  Json disability = nullptr;       // null = none; Json::object() built by disabled(...)
  Json serious_illness = false;
  Json employment = "employed";
  Json student = nullptr;
  Json lives_together = true;
  Json in_prison = false;
  bool omit_disability = false;    // leave "disability" out (unknown)
  int seq = 123;
};

Json disabled(const std::string& kind, int grade);

struct H {
  Json hukou = "rural";
  std::vector<M> members;
  Json deposits = 0;
  Json vehicles = 0;
  Json extra_housing = 0;
  Json medical = 0;
  Json education = 0;
  Json rehabilitation = 0;
  Json emergency = nullptr;        // null = none
  bool omit_emergency = false;
  Json has_able_supporter = false;
  Json housing_hardship = false;
  std::vector<std::string> receiving;
};

// The contract JSON for H; fields holding a discarded Json are left out.
Json to_json(const H& h);
// Decodes with the real strict decoder; aborts the test (ADD_FAILURE) on a decode error.
jiuzhu::model::Household decode(const H& h);

// The contract's example parameters (rural 560, urban 830, disposable income 17000/38000,
// deposits 24 months, no vehicle, no extra housing, share 0.5, emergency max 6000).
Json example_params_json();
const jiuzhu::policy::Catalog& shipped_catalog();
const jiuzhu::policy::CountyParams& example_params();

}  // namespace policy_test
