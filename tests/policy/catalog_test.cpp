// The shipped catalog and county parameters, and the load-time validation that keeps a typo
// in a rule or a missing number from ever becoming a wrong answer.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "core/model/programs.h"
#include "core/policy/catalog.h"
#include "core/policy/county_params.h"
#include "core/regions.h"
#include "tests/policy/household_builder.h"

namespace {

using namespace policy_test;
using jiuzhu::policy::Catalog;
using jiuzhu::policy::CountyParams;

Json read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str());
}

// The shipped catalog as JSON, to mutate one thing at a time.
struct CatalogFiles {
  Json catalog;
  std::vector<std::pair<std::string, Json>> programs;

  CatalogFiles() {
    const std::string dir = jiuzhu::assets_dir() + "/policies";
    catalog = read(dir + "/catalog.json");
    for (const Json& name : catalog.at("programs")) programs.emplace_back(name.get<std::string>(), read(dir + "/" + name.get<std::string>()));
  }
  Json& program(const std::string& file) {
    for (auto& [name, j] : programs) {
      if (name == file) return j;
    }
    throw std::runtime_error("no program file " + file);
  }
  jiuzhu::Result<Catalog> load() const { return Catalog::from_json(catalog, programs); }
};

TEST(ShippedCatalog, HasEveryContractProgramOnce) {
  const Catalog& c = shipped_catalog();
  std::set<std::string> ids;
  for (const auto& p : c.programs()) EXPECT_TRUE(ids.insert(p.id).second) << p.id;
  EXPECT_EQ(ids.size(), jiuzhu::model::kPrograms.size());
  for (const auto& known : jiuzhu::model::kPrograms) EXPECT_TRUE(ids.count(std::string(known.id))) << known.id;
}

TEST(ShippedCatalog, EveryProgramTellsResidentsWhatTheyNeed) {
  for (const auto& p : shipped_catalog().programs()) {
    const Json& d = p.description;
    for (const char* key : {"name", "explanation", "where_to_apply", "how_to_apply"}) {
      EXPECT_FALSE(d.at(key).get<std::string>().empty()) << p.id << " " << key;
    }
    EXPECT_FALSE(d.at("who_qualifies").empty()) << p.id;
    EXPECT_FALSE(d.at("sources").empty()) << p.id;
    EXPECT_FALSE(p.steps.empty()) << p.id;
    ASSERT_FALSE(p.materials.empty()) << p.id;
    bool office_fetches = false;
    for (const auto& m : p.materials) office_fetches |= m.office_fetches;
    EXPECT_TRUE(office_fetches) << p.id << ": 一次性告知 says which papers the office fetches itself";
    for (const auto& r : p.rules) EXPECT_FALSE(r.source.empty()) << r.id;
  }
  EXPECT_EQ(shipped_catalog().find("dibao")->time_limit_working_days, 30);
  EXPECT_EQ(shipped_catalog().find("tekun")->time_limit_working_days, 30);
  EXPECT_EQ(shipped_catalog().find("rigid_expense")->time_limit_working_days, 30);
  EXPECT_TRUE(shipped_catalog().find("tekun")->per_person);
  EXPECT_TRUE(shipped_catalog().find("dibao_separate")->per_person);
}

TEST(ShippedCatalog, PublicJsonListsProgramsAndRules) {
  const Json j = shipped_catalog().public_json();
  EXPECT_EQ(j.at("programs").size(), 11u);
  const Json& dibao = j.at("programs").at(0);
  EXPECT_EQ(dibao.at("id"), "dibao");
  EXPECT_EQ(dibao.at("rules").at(0).at("id"), "dibao.income_below_standard");
  EXPECT_TRUE(dibao.at("materials").at(0).contains("office_fetches"));
}

TEST(ShippedParams, BothSeedCountiesLoadWithSources) {
  for (const char* county : {"450326", "370883"}) {
    auto p = CountyParams::load_county(shipped_catalog(), county);
    ASSERT_TRUE(p.ok()) << county << ": " << p.error().message;
    EXPECT_EQ(p->county(), county);
    EXPECT_EQ(p->values().size(), shipped_catalog().parameter_names().size());
    EXPECT_GT(p->get("dibao_standard_monthly.urban"), p->get("dibao_standard_monthly.rural"));
  }
  auto none = CountyParams::load_county(shipped_catalog(), "110101");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "not_found");
  EXPECT_EQ(CountyParams::load_county(shipped_catalog(), "../etc").error().code, "bad_county_code");
}

struct BadRule {
  const char* name;
  const char* test;
  const char* code;
};

void PrintTo(const BadRule& b, std::ostream* os) { *os << b.name; }

class CatalogRejects : public ::testing::TestWithParam<BadRule> {};

TEST_P(CatalogRejects, RuleAtLoad) {
  CatalogFiles files;
  files.program("dibao.json")["rules"][0]["test"] = GetParam().test;
  auto c = files.load();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, GetParam().code) << c.error().message;
  EXPECT_EQ(c.error().field, "dibao.json:rules[0].test");
}

INSTANTIATE_TEST_SUITE_P(
    Validation, CatalogRejects,
    ::testing::Values(BadRule{"unknown_fact", "per_capita_income < dibao_standard", "unknown_fact"},
                      BadRule{"unknown_parameter", "per_capita_monthly_income < params.dibao_standard", "unknown_parameter"},
                      BadRule{"unknown_enum_value", "hukou == 'city'", "unknown_enum_value"},
                      BadRule{"later_program", "not eligible(tekun)", "program_order"},
                      BadRule{"own_program", "eligible(dibao)", "program_order"},
                      BadRule{"unknown_program", "receiving(pension)", "unknown_program"},
                      BadRule{"number_not_condition", "per_capita_monthly_income", "type_error"},
                      BadRule{"enum_arithmetic", "hukou + 1 > 0", "type_error"},
                      BadRule{"person_fact_in_household_scope", "age >= 60", "type_error"},
                      BadRule{"nested_aggregate", "any(any(in_prison))", "type_error"},
                      BadRule{"unknown_function", "avg(1) > 0", "unknown_function"},
                      BadRule{"syntax", "per_capita_monthly_income < ", "syntax_error"}),
    [](const ::testing::TestParamInfo<BadRule>& info) { return std::string(info.param.name); });

TEST(CatalogValidation, UnknownFactInATraceText) {
  CatalogFiles files;
  files.program("dibao.json")["rules"][1]["pass"] = "存款 {savings} 元";
  auto c = files.load();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "unknown_fact");
  EXPECT_EQ(c.error().field, "dibao.json:rules[1].pass");
}

TEST(CatalogValidation, UnknownFactInADerivedValue) {
  CatalogFiles files;
  files.catalog["derived"][0]["expr"] = "count(lives_with_us)";
  auto c = files.load();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "unknown_fact");
  EXPECT_EQ(c.error().field, "catalog.json:derived[0].expr");
}

// The engine tracks the (unverified) parameters a verdict read in a 64-bit mask.
TEST(CatalogValidation, AtMostSixtyFourParameters) {
  CatalogFiles files;
  for (int i = 0; files.catalog["parameters"].size() < 64; ++i) {
    files.catalog["parameters"]["extra_" + std::to_string(i)] = Json{{"label", "测试"}};
  }
  EXPECT_TRUE(files.load().ok());
  files.catalog["parameters"]["one_too_many"] = Json{{"label", "测试"}};
  auto c = files.load();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "too_many_parameters");
}

TEST(CatalogValidation, UndeclaredParameterInADerivedValue) {
  CatalogFiles files;
  files.catalog["parameters"].erase("rigid_expense_share");
  auto c = files.load();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "unknown_parameter");
}

TEST(CatalogValidation, UnknownKeyAndMissingFields) {
  {
    CatalogFiles files;
    files.program("tekun.json")["rules"][0]["tset"] = "counted";
    auto c = files.load();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "unknown_key");
    EXPECT_EQ(c.error().field, "tekun.json:rules[0].tset");
  }
  {
    CatalogFiles files;
    files.program("housing.json")["rules"][0].erase("source");
    auto c = files.load();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "missing_field");
    EXPECT_EQ(c.error().field, "housing.json:rules[0].source");
  }
  {
    CatalogFiles files;
    files.program("medical.json")["rules"][0]["id"] = "dibao.medical";
    auto c = files.load();
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().code, "wrong_value");
  }
  {
    CatalogFiles files;
    files.program("education.json").erase("materials");
    EXPECT_EQ(files.load().error().code, "missing_field");
  }
}

TEST(CatalogValidation, ProgramListMustMatchFiles) {
  CatalogFiles files;
  files.programs.pop_back();
  EXPECT_EQ(files.load().error().code, "missing_field");
  EXPECT_EQ(Catalog::load_dir("/nonexistent").error().code, "file_not_found");
}

TEST(CatalogValidation, ShippedFilesAsJsonLoad) {
  CatalogFiles files;
  auto c = files.load();
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(c->programs().size(), 11u);
}

TEST(ParamsValidation, MissingNumberIsAnErrorNeverAGuess) {
  Json p = example_params_json();
  p["asset_limits"].erase("max_vehicles");
  auto r = CountyParams::from_json(shipped_catalog(), p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "missing_parameter");
  EXPECT_EQ(r.error().field, "asset_limits.max_vehicles");
}

TEST(ParamsValidation, UnknownNumberIsAnError) {
  Json p = example_params_json();
  p["dibao_standard_monthly"]["suburban"] = 700;
  auto r = CountyParams::from_json(shipped_catalog(), p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "unknown_parameter");
}

TEST(ParamsValidation, EveryNumberNeedsASource) {
  Json p = example_params_json();
  p["sources"].erase("rigid_expense_share");
  auto r = CountyParams::from_json(shipped_catalog(), p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "missing_source");
  p = example_params_json();
  p["sources"]["rigid_expense_share"] = Json{{"year", 2026}};
  EXPECT_EQ(CountyParams::from_json(shipped_catalog(), p).error().code, "missing_source");
}

// contracts/eligibility.md "County parameters", copied verbatim: no `sources` object. It must
// load, every number unverified (issue 17 part 3).
TEST(ParamsValidation, ContractExampleWithoutSourcesLoadsUnverified) {
  const char* contract_example = R"({
  "county": "450326",
  "year": 2026,
  "dibao_standard_monthly": {"urban": 830, "rural": 560},
  "per_capita_disposable_income_annual": {"urban": 38000, "rural": 17000},
  "asset_limits": {
    "deposits_per_capita_months": 24,
    "max_vehicles": 0,
    "max_extra_housing": 0
  },
  "rigid_expense_share": 0.5,
  "temporary_emergency_max": 6000
})";
  auto r = CountyParams::from_json(shipped_catalog(), Json::parse(contract_example));
  ASSERT_TRUE(r.ok()) << r.error().code << ": " << r.error().message;
  EXPECT_EQ(r->get("dibao_standard_monthly.rural"), 560);
  EXPECT_EQ(r->get("asset_limits.deposits_per_capita_months"), 24);
  EXPECT_FALSE(r->is_verified("dibao_standard_monthly.rural"));
  EXPECT_FALSE(r->is_verified("temporary_emergency_max"));
  // `sources` that is present but not an object is still refused.
  Json bad = Json::parse(contract_example);
  bad["sources"] = "county notice";
  EXPECT_EQ(CountyParams::from_json(shipped_catalog(), bad).error().code, "wrong_type");
}

TEST(ParamsValidation, WrongTypesAndHeader) {
  Json p = example_params_json();
  p["rigid_expense_share"] = "half";
  EXPECT_EQ(CountyParams::from_json(shipped_catalog(), p).error().code, "wrong_type");
  p = example_params_json();
  p["temporary_emergency_max"] = -1;
  EXPECT_EQ(CountyParams::from_json(shipped_catalog(), p).error().code, "wrong_value");
  p = example_params_json();
  p.erase("county");
  EXPECT_EQ(CountyParams::from_json(shipped_catalog(), p).error().code, "missing_field");
  p = example_params_json();
  p["dibao_standard_monthly"]["rural"] = nullptr;
  EXPECT_EQ(CountyParams::from_json(shipped_catalog(), p).error().code, "wrong_type");
}

}  // namespace
