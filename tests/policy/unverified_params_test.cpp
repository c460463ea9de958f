// County numbers that nobody has checked against a published document: the loader accepts
// them (they are the best numbers available) but only lets a source claim "verified" with a
// citation, and the engine names every unverified number a verdict read, so a remembered
// figure is never mistaken for a published one.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "core/policy/engine.h"
#include "core/regions.h"
#include "tests/policy/household_builder.h"

namespace {

using namespace policy_test;
using jiuzhu::policy::Catalog;
using jiuzhu::policy::CountyParams;
using jiuzhu::policy::evaluate;

// A complete citation: what a reviewer needs to find the sentence again.
Json citation(const std::string& what) {
  return Json{{"source", what},
              {"verified", true},
              {"issuer", "测试发文机关"},
              {"title", "测试文件"},
              {"date", "2025-01-01"},
              {"url", "https://example.org/notice"},
              {"quote", "测试原句"}};
}

// The example parameters with every source verified, then `unverified` names turned back.
Json params_with_unverified(const std::vector<std::string>& unverified) {
  Json p = example_params_json();
  Json sources = Json::object();
  for (const std::string& name : shipped_catalog().parameter_names()) {
    sources[name] = citation("test");
    if (std::find(unverified.begin(), unverified.end(), name) != unverified.end()) sources[name]["verified"] = false;
  }
  p["sources"] = std::move(sources);
  return p;
}

CountyParams load(const Json& p) {
  auto r = CountyParams::from_json(shipped_catalog(), p);
  if (!r.ok()) {
    ADD_FAILURE() << r.error().code << " " << r.error().field;
    return std::move(CountyParams::from_json(shipped_catalog(), example_params_json())).value();
  }
  return std::move(r).value();
}

const Json* entry(const Json& result, const std::string& id) {
  for (const Json& p : result.at("programs")) {
    if (p.at("program") == id) return &p;
  }
  return nullptr;
}

// The "unverified_params" of a program's first entry; empty when the key is absent.
std::vector<std::string> unverified_of(const Json& result, const std::string& id) {
  const Json* e = entry(result, id);
  if (!e) {
    ADD_FAILURE() << "no entry for " << id;
    return {};
  }
  if (!e->contains("unverified_params")) return {};
  return e->at("unverified_params").get<std::vector<std::string>>();
}

H one_adult(double income, const Json& hukou = "rural") {
  M self;
  self.income = income;
  H h;
  h.hukou = hukou;
  h.members = {self};
  return h;
}

// --- loader -------------------------------------------------------------------------------

TEST(ParamsVerified, AbsentOrFalseOrPlainStringIsUnverified) {
  const CountyParams& p = example_params();  // plain-string and object sources, no flag
  ASSERT_EQ(p.verified().size(), shipped_catalog().parameter_names().size());
  for (bool v : p.verified()) EXPECT_FALSE(v);
  EXPECT_FALSE(p.is_verified("dibao_standard_monthly.rural"));
  EXPECT_FALSE(p.is_verified("no_such_parameter"));
}

TEST(ParamsVerified, VerifiedNeedsEveryCitationField) {
  for (const char* field : {"issuer", "title", "date", "url", "quote"}) {
    Json p = example_params_json();
    p["sources"]["dibao_standard_monthly"] = citation("市低保标准通知");
    p["sources"]["dibao_standard_monthly"].erase(field);
    auto r = CountyParams::from_json(shipped_catalog(), p);
    ASSERT_FALSE(r.ok()) << field;
    EXPECT_EQ(r.error().code, "missing_citation");
    EXPECT_EQ(r.error().field, std::string("sources.dibao_standard_monthly.") + field);
    p["sources"]["dibao_standard_monthly"][field] = "";  // empty is as good as missing
    EXPECT_EQ(CountyParams::from_json(shipped_catalog(), p).error().code, "missing_citation") << field;
  }
}

TEST(ParamsVerified, FlagMustBeABoolean) {
  Json p = example_params_json();
  p["sources"]["rigid_expense_share"]["verified"] = "yes";
  auto r = CountyParams::from_json(shipped_catalog(), p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "wrong_type");
  EXPECT_EQ(r.error().field, "sources.rigid_expense_share.verified");
}

TEST(ParamsVerified, ACitedSourceVerifiesWhatItCovers) {
  Json p = example_params_json();
  p["sources"]["dibao_standard_monthly"] = citation("市低保标准通知");  // covers .urban and .rural
  const CountyParams params = load(p);
  EXPECT_TRUE(params.is_verified("dibao_standard_monthly.urban"));
  EXPECT_TRUE(params.is_verified("dibao_standard_monthly.rural"));
  EXPECT_FALSE(params.is_verified("rigid_expense_share"));
  // A source for the exact name wins over its prefix: one number of a pair can be verified.
  p["sources"]["dibao_standard_monthly"]["verified"] = false;
  p["sources"]["dibao_standard_monthly.urban"] = citation("市低保标准通知（城市部分）");
  const CountyParams split = load(p);
  EXPECT_TRUE(split.is_verified("dibao_standard_monthly.urban"));
  EXPECT_FALSE(split.is_verified("dibao_standard_monthly.rural"));
}

// Every shipped number says explicitly whether it was verified; an unverified one says what was
// searched, so the next person does not repeat the search blind.
TEST(ShippedParams, EverySourceStatesVerificationAndUnverifiedOnesSayWhatWasSearched) {
  for (const char* county : {"450326", "370883"}) {
    std::ifstream in(jiuzhu::assets_dir() + "/params/" + county + ".json");
    std::stringstream ss;
    ss << in.rdbuf();
    const Json j = Json::parse(ss.str());
    ASSERT_TRUE(CountyParams::from_json(shipped_catalog(), j).ok()) << county;
    for (auto it = j.at("sources").begin(); it != j.at("sources").end(); ++it) {
      const std::string& key = it.key();
      const Json& s = it.value();
      ASSERT_TRUE(s.is_object()) << county << " " << key;
      ASSERT_TRUE(s.contains("verified") && s.at("verified").is_boolean()) << county << " " << key;
      if (!s.at("verified").get<bool>()) {
        EXPECT_FALSE(s.value("searched", std::string()).empty()) << county << " " << key;
        EXPECT_FALSE(s.value("to_verify", std::string()).empty()) << county << " " << key;
      }
    }
  }
}

// --- engine -------------------------------------------------------------------------------

TEST(UnverifiedNotes, NoneWhenEveryNumberIsVerified) {
  const CountyParams params = load(params_with_unverified({}));
  const Json r = evaluate(shipped_catalog(), params, decode(one_adult(300)), kAsOf).to_json();
  for (const Json& e : r.at("programs")) {
    EXPECT_FALSE(e.contains("unverified_params")) << e.at("program");
    EXPECT_FALSE(e.contains("unverified_note")) << e.at("program");
  }
}

TEST(UnverifiedNotes, OnlyTheStandardOfTheHouseholdsHukouIsCited) {
  const CountyParams params =
      load(params_with_unverified({"dibao_standard_monthly.urban", "dibao_standard_monthly.rural"}));
  const Json rural = evaluate(shipped_catalog(), params, decode(one_adult(300, "rural")), kAsOf).to_json();
  EXPECT_EQ(unverified_of(rural, "dibao"), std::vector<std::string>{"dibao_standard_monthly.rural"});
  const Json urban = evaluate(shipped_catalog(), params, decode(one_adult(300, "urban")), kAsOf).to_json();
  EXPECT_EQ(unverified_of(urban, "dibao"), std::vector<std::string>{"dibao_standard_monthly.urban"});
  // Hukou unknown: either standard may decide it, so both are named.
  const Json unknown = evaluate(shipped_catalog(), params, decode(one_adult(300, kOmit)), kAsOf).to_json();
  std::vector<std::string> both = unverified_of(unknown, "dibao");
  std::sort(both.begin(), both.end());  // catalog slot order is not the point here
  EXPECT_EQ(both, (std::vector<std::string>{"dibao_standard_monthly.rural", "dibao_standard_monthly.urban"}));
  // The note for residents uses the catalog's label, not the machine name.
  const std::string note = entry(rural, "dibao")->at("unverified_note").get<std::string>();
  EXPECT_NE(note.find("农村低保标准"), std::string::npos) << note;
  EXPECT_EQ(note.find("城镇低保标准"), std::string::npos) << note;
}

TEST(UnverifiedNotes, FollowDerivedValuesAndEarlierVerdicts) {
  const CountyParams params = load(params_with_unverified({"dibao_standard_monthly.rural"}));
  // Income above the standard: 低保 fails, 低保边缘 (1.5 × standard, and "not 低保") and
  // 刚性支出 ("not 低保", "not 低保边缘"; its expenses test passes) all rest on the rural standard.
  H h = one_adult(700);
  h.medical = 10000;
  const Json r = evaluate(shipped_catalog(), params, decode(h), kAsOf).to_json();
  const std::vector<std::string> rural{"dibao_standard_monthly.rural"};
  EXPECT_EQ(entry(r, "dibao")->at("verdict"), "not_eligible");
  EXPECT_EQ(unverified_of(r, "dibao"), rural);
  EXPECT_EQ(unverified_of(r, "dibao_edge"), rural);
  EXPECT_EQ(unverified_of(r, "rigid_expense"), rural);
  // 临时救助（急难型） reads no standard: no note.
  EXPECT_TRUE(unverified_of(r, "temporary_emergency").empty());
}

// A refusal that holds whatever the unverified numbers are carries no note: one failed rule
// that reads none of them is enough.
TEST(UnverifiedNotes, NoNoteOnARefusalThatDoesNotRestOnThem) {
  const CountyParams params = load(params_with_unverified({"dibao_standard_monthly.rural", "rigid_expense_share"}));
  const Json r = evaluate(shipped_catalog(), params, decode(one_adult(700)), kAsOf).to_json();
  // 住房救助: no housing hardship (reads nothing) although "低保 or 特困" read the standard.
  EXPECT_EQ(entry(r, "housing")->at("verdict"), "not_eligible");
  EXPECT_TRUE(unverified_of(r, "housing").empty());
  // 特困 for a 40-year-old: has work ability (reads nothing), even though own income 700 is
  // also above the standard.
  EXPECT_TRUE(unverified_of(r, "tekun").empty());
  // 刚性支出: "not 低保/边缘" fails on the standard and "expenses > share × income" fails on the
  // share — both failures rest on unverified numbers, so both are named.
  std::vector<std::string> both = unverified_of(r, "rigid_expense");
  std::sort(both.begin(), both.end());
  EXPECT_EQ(both, (std::vector<std::string>{"dibao_standard_monthly.rural", "rigid_expense_share"}));
}

// 教育救助 needs "低保 or … or 刚性支出": true through 低保, which read no unverified number, so the
// unverified 刚性支出 share behind the other operand does not matter.
TEST(UnverifiedNotes, AnOrThatHoldsThroughAVerifiedOperandCarriesNoNote) {
  const CountyParams params = load(params_with_unverified({"rigid_expense_share"}));
  M self;
  self.income = 0;
  M child;
  child.birth = birth_for_age(10);
  child.relation = "child";
  child.income = 0;
  child.employment = "none";
  child.student = Json{{"level", "primary"}};
  child.seq = 225;
  H h;
  h.members = {self, child};
  const Json r = evaluate(shipped_catalog(), params, decode(h), kAsOf).to_json();
  EXPECT_EQ(entry(r, "dibao")->at("verdict"), "likely_eligible");
  EXPECT_EQ(entry(r, "education")->at("verdict"), "likely_eligible");
  EXPECT_TRUE(unverified_of(r, "education").empty());
  // Turn the standard unverified too: now 低保's "yes" rests on it, and so does 教育's.
  const CountyParams both = load(params_with_unverified({"rigid_expense_share", "dibao_standard_monthly.rural"}));
  const Json r2 = evaluate(shipped_catalog(), both, decode(h), kAsOf).to_json();
  EXPECT_EQ(unverified_of(r2, "education"), std::vector<std::string>{"dibao_standard_monthly.rural"});
}

TEST(UnverifiedNotes, ANumberShownInATraceSentenceIsCited) {
  const CountyParams params = load(params_with_unverified({"temporary_emergency_max"}));
  H h = one_adult(300);
  h.emergency = Json{{"kind", "fire"}, {"date", days_ago(3)}, {"loss", 30000}};
  const Json r = evaluate(shipped_catalog(), params, decode(h), kAsOf).to_json();
  EXPECT_EQ(unverified_of(r, "temporary_emergency"), std::vector<std::string>{"temporary_emergency_max"});
  EXPECT_TRUE(unverified_of(r, "dibao").empty());
  // Without an emergency, or with one too old, the sentence with the amount is not shown.
  const Json none = evaluate(shipped_catalog(), params, decode(one_adult(300)), kAsOf).to_json();
  EXPECT_TRUE(unverified_of(none, "temporary_emergency").empty());
  h.emergency["date"] = days_ago(100);
  const Json old = evaluate(shipped_catalog(), params, decode(h), kAsOf).to_json();
  EXPECT_EQ(entry(old, "temporary_emergency")->at("verdict"), "not_eligible");
  EXPECT_TRUE(unverified_of(old, "temporary_emergency").empty());
}

TEST(UnverifiedNotes, PersonLevelEntriesAndTheCombinedRefusal) {
  const CountyParams params = load(params_with_unverified({"asset_limits.deposits_per_capita_months"}));
  // A 70-year-old alone with no income: 特困 likely, its asset test read the deposit months.
  M old;
  old.birth = birth_for_age(70);
  old.income = 0;
  old.employment = "retired";
  H h;
  h.members = {old};
  const Json r = evaluate(shipped_catalog(), params, decode(h), kAsOf).to_json();
  const Json* tekun = entry(r, "tekun");
  ASSERT_NE(tekun, nullptr);
  EXPECT_EQ(tekun->at("verdict"), "likely_eligible");
  EXPECT_NE(tekun->at("who"), "household");
  EXPECT_EQ(unverified_of(r, "tekun"), std::vector<std::string>{"asset_limits.deposits_per_capita_months"});
  // One yuan over the deposit limit: refused on the assets alone, so the combined household
  // entry names the deposit months.
  h.deposits = 24 * 560 + 1;
  const Json over = evaluate(shipped_catalog(), params, decode(h), kAsOf).to_json();
  EXPECT_EQ(entry(over, "tekun")->at("who"), "household");
  EXPECT_EQ(entry(over, "tekun")->at("verdict"), "not_eligible");
  EXPECT_EQ(unverified_of(over, "tekun"), std::vector<std::string>{"asset_limits.deposits_per_capita_months"});
  // A 40-year-old with work ability is refused whatever the limit: no note.
  const Json young = evaluate(shipped_catalog(), params, decode(one_adult(0)), kAsOf).to_json();
  EXPECT_EQ(entry(young, "tekun")->at("verdict"), "not_eligible");
  EXPECT_TRUE(unverified_of(young, "tekun").empty());
}

TEST(UnverifiedNotes, SameAnswerWhenParamsWereLoadedAgainstAnotherCatalog) {
  auto other = Catalog::load_builtin();
  ASSERT_TRUE(other.ok());
  const Json p = params_with_unverified({"rigid_expense_share", "dibao_standard_monthly.rural"});
  auto rebound = CountyParams::from_json(*other, p);
  ASSERT_TRUE(rebound.ok());
  const CountyParams bound = load(p);
  const auto household = decode(one_adult(700));
  EXPECT_EQ(evaluate(shipped_catalog(), *rebound, household, kAsOf).to_json(),
            evaluate(shipped_catalog(), bound, household, kAsOf).to_json());
  const Json r = evaluate(shipped_catalog(), bound, household, kAsOf).to_json();
  std::vector<std::string> read = unverified_of(r, "rigid_expense");
  std::sort(read.begin(), read.end());
  EXPECT_EQ(read, (std::vector<std::string>{"dibao_standard_monthly.rural", "rigid_expense_share"}));
}

TEST(UnverifiedNotes, ShippedCountiesCiteTheirUnverifiedNumbers) {
  for (const char* county : {"450326", "370883"}) {
    auto params = CountyParams::load_county(shipped_catalog(), county);
    ASSERT_TRUE(params.ok()) << county;
    const Json r = evaluate(shipped_catalog(), *params, decode(one_adult(300)), kAsOf).to_json();
    // Whatever is verified later, the note must agree with the file, number by number.
    for (const std::string& name : unverified_of(r, "dibao")) EXPECT_FALSE(params->is_verified(name)) << name;
    if (!params->is_verified("dibao_standard_monthly.rural")) {
      const auto names = unverified_of(r, "dibao");
      EXPECT_NE(std::find(names.begin(), names.end(), "dibao_standard_monthly.rural"), names.end()) << county;
    }
  }
}

// --- the shipped numbers at their boundaries ----------------------------------------------
// Read from the files, so these stay exact when a verified number replaces a remembered one:
// income exactly at the standard is not below it (低保 fails, 边缘 applies), one yuan under it
// is; exactly 1.5 × the standard is not below the edge line; deposits exactly at
// months × standard × members pass and one yuan more fails; a vehicle fails when none is allowed.

struct Shipped {
  std::string county;
  const char* hukou;
};

class ShippedBoundaries : public ::testing::TestWithParam<Shipped> {
 protected:
  void SetUp() override {
    auto p = CountyParams::load_county(shipped_catalog(), GetParam().county);
    ASSERT_TRUE(p.ok()) << GetParam().county;
    params_ = std::move(p).value();
    standard_ = params_->get(std::string("dibao_standard_monthly.") + GetParam().hukou);
    ASSERT_GT(standard_, 0);
  }
  // One working-age adult of the case's hukou with this monthly income.
  Json run(double income, double deposits = 0, int vehicles = 0) const {
    H h = one_adult(income, GetParam().hukou);
    h.deposits = deposits;
    h.vehicles = vehicles;
    return evaluate(shipped_catalog(), *params_, decode(h), kAsOf).to_json();
  }
  static std::string verdict(const Json& r, const std::string& id) { return entry(r, id)->at("verdict"); }

  std::optional<CountyParams> params_;
  double standard_ = 0;
};

TEST_P(ShippedBoundaries, IncomeAtTheStandardAndAtOneAndAHalfTimes) {
  EXPECT_EQ(verdict(run(standard_ - 1), "dibao"), "likely_eligible");
  EXPECT_EQ(verdict(run(standard_), "dibao"), "not_eligible");
  EXPECT_EQ(verdict(run(standard_), "dibao_edge"), "likely_eligible");
  EXPECT_EQ(verdict(run(1.5 * standard_ - 1), "dibao_edge"), "likely_eligible");
  EXPECT_EQ(verdict(run(1.5 * standard_), "dibao_edge"), "not_eligible");
}

TEST_P(ShippedBoundaries, DepositsAtTheLimitAndAVehicle) {
  const double limit = params_->get("asset_limits.deposits_per_capita_months") * standard_ * 1;
  EXPECT_EQ(verdict(run(0, limit), "dibao"), "likely_eligible");
  EXPECT_EQ(verdict(run(0, limit + 1), "dibao"), "not_eligible");
  const int vehicles = static_cast<int>(params_->get("asset_limits.max_vehicles"));
  EXPECT_EQ(verdict(run(0, 0, vehicles), "dibao"), "likely_eligible");
  EXPECT_EQ(verdict(run(0, 0, vehicles + 1), "dibao"), "not_eligible");
}

INSTANTIATE_TEST_SUITE_P(BothSeedCounties, ShippedBoundaries,
                         ::testing::Values(Shipped{"450326", "rural"}, Shipped{"450326", "urban"},
                                           Shipped{"370883", "rural"}, Shipped{"370883", "urban"}),
                         [](const ::testing::TestParamInfo<Shipped>& info) {
                           return "c" + info.param.county + "_" + info.param.hukou;
                         });

}  // namespace
