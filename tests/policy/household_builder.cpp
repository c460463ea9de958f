#include "tests/policy/household_builder.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "core/id_number.h"
#include "core/model/json_codec.h"

namespace policy_test {

std::string id_number(const std::string& birth, int seq) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", seq % 1000);
  const std::string first17 = "450326" + birth + buf;
  return first17 + jiuzhu::IdNumber::check_character(first17);
}

std::string birth_for_age(int years, int days_after) {
  const jiuzhu::Date d = jiuzhu::Date(kAsOf.year() - years, kAsOf.month(), kAsOf.day()).plus_days(days_after);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", d.year(), d.month(), d.day());
  return buf;
}

std::string days_ago(int n) { return kAsOf.plus_days(-n).iso(); }

Json disabled(const std::string& kind, int grade) { return Json{{"kind", kind}, {"grade", grade}}; }

namespace {
void put(Json& j, const char* key, const Json& v) {
  if (!v.is_discarded()) j[key] = v;
}
}  // namespace

Json to_json(const H& h) {
  Json j = Json::object();
  put(j, "hukou", h.hukou);
  Json members = Json::array();
  for (const M& m : h.members) {
    Json mj = {{"id_number", id_number(m.birth, m.seq)}, {"name", "测试"}, {"relation", m.relation}};
    put(mj, "lives_together", m.lives_together);
    put(mj, "monthly_income", m.income);
    put(mj, "pension_monthly", m.pension);
    if (!m.omit_disability) mj["disability"] = m.disability;
    put(mj, "serious_illness", m.serious_illness);
    put(mj, "employment", m.employment);
    mj["student"] = m.student;
    put(mj, "in_prison", m.in_prison);
    members.push_back(std::move(mj));
  }
  j["members"] = std::move(members);
  Json assets = Json::object();
  put(assets, "deposits", h.deposits);
  put(assets, "vehicles", h.vehicles);
  put(assets, "extra_housing", h.extra_housing);
  j["assets"] = std::move(assets);
  Json rigid = Json::object();
  put(rigid, "medical_out_of_pocket", h.medical);
  put(rigid, "education", h.education);
  put(rigid, "rehabilitation", h.rehabilitation);
  j["rigid_expenses_12m"] = std::move(rigid);
  if (!h.omit_emergency) j["emergency"] = h.emergency;
  put(j, "has_able_supporter", h.has_able_supporter);
  put(j, "housing_hardship", h.housing_hardship);
  j["receiving"] = h.receiving;
  return j;
}

jiuzhu::model::Household decode(const H& h) {
  auto r = jiuzhu::model::decode_household(to_json(h), kAsOf);
  if (!r) {
    ADD_FAILURE() << "decode failed: " << r.error().code << " " << r.error().message << " " << r.error().field;
    return {};
  }
  return std::move(r).value();
}

Json example_params_json() {
  return Json::parse(R"({
    "county": "450326", "year": 2026,
    "dibao_standard_monthly": {"urban": 830, "rural": 560},
    "per_capita_disposable_income_annual": {"urban": 38000, "rural": 17000},
    "asset_limits": {"deposits_per_capita_months": 24, "max_vehicles": 0, "max_extra_housing": 0},
    "rigid_expense_share": 0.5,
    "temporary_emergency_max": 6000,
    "sources": {
      "dibao_standard_monthly": {"source": "test: contracts/eligibility.md example"},
      "per_capita_disposable_income_annual": {"source": "test: contracts/eligibility.md example"},
      "asset_limits": "test: contracts/eligibility.md example",
      "rigid_expense_share": {"source": "test: contracts/eligibility.md example"},
      "temporary_emergency_max": {"source": "test: contracts/eligibility.md example"}
    }
  })");
}

const jiuzhu::policy::Catalog& shipped_catalog() {
  static const jiuzhu::policy::Catalog catalog = [] {
    auto c = jiuzhu::policy::Catalog::load_builtin();
    if (!c) {
      std::fprintf(stderr, "shipped catalog does not load: %s\n", c.error().message.c_str());
      std::abort();
    }
    return std::move(c).value();
  }();
  return catalog;
}

const jiuzhu::policy::CountyParams& example_params() {
  static const jiuzhu::policy::CountyParams params = [] {
    auto p = jiuzhu::policy::CountyParams::from_json(shipped_catalog(), example_params_json());
    if (!p) {
      std::fprintf(stderr, "example params do not load: %s\n", p.error().message.c_str());
      std::abort();
    }
    return std::move(p).value();
  }();
  return params;
}

}  // namespace policy_test
