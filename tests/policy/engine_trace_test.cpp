// The result JSON and its trace: contract shape, numbers in the sentences, person prefixes,
// 先行救助, purity.
#include <gtest/gtest.h>

#include "core/policy/engine.h"
#include "tests/policy/household_builder.h"

namespace {

using namespace policy_test;
using jiuzhu::policy::evaluate;

Json run(const H& h) { return evaluate(shipped_catalog(), example_params(), decode(h), kAsOf).to_json(); }

H two_members(double self_income, double spouse_income) {
  M self;
  self.income = self_income;
  M spouse;
  spouse.birth = "19880101";
  spouse.relation = "spouse";
  spouse.income = spouse_income;
  spouse.seq = 224;
  H h;
  h.members = {self, spouse};
  return h;
}

const Json* program(const Json& result, const std::string& id) {
  for (const Json& p : result.at("programs")) {
    if (p.at("program") == id) return &p;
  }
  return nullptr;
}

TEST(EligibilityJson, HasTheContractShape) {
  const Json r = run(two_members(700, 140));
  EXPECT_EQ(r.at("as_of"), "2026-11-24");
  EXPECT_DOUBLE_EQ(r.at("per_capita_monthly_income").get<double>(), 420.0);
  ASSERT_TRUE(r.at("programs").is_array());
  EXPECT_EQ(r.at("programs").size(), 11u);
  for (const Json& p : r.at("programs")) {
    for (const char* key : {"program", "verdict", "who", "reasons", "missing", "next_steps", "time_limit_working_days"}) {
      EXPECT_TRUE(p.contains(key)) << key;
    }
    EXPECT_FALSE(p.at("next_steps").get<std::string>().empty());
    for (const Json& reason : p.at("reasons")) {
      EXPECT_TRUE(reason.at("rule").get<std::string>().starts_with(p.at("program").get<std::string>() + "."));
      EXPECT_TRUE(reason.at("passed").is_boolean());
      EXPECT_FALSE(reason.at("text").get<std::string>().empty());
    }
  }
  const Json* dibao = program(r, "dibao");
  ASSERT_NE(dibao, nullptr);
  EXPECT_EQ(dibao->at("verdict"), "likely_eligible");
  EXPECT_EQ(dibao->at("time_limit_working_days"), 30);
  EXPECT_EQ(program(r, "tekun")->at("time_limit_working_days"), 30);
  EXPECT_EQ(program(r, "rigid_expense")->at("time_limit_working_days"), 30);
  EXPECT_TRUE(program(r, "medical")->at("time_limit_working_days").is_null());
}

TEST(EligibilityJson, TraceSentencesCarryTheNumbersCompared) {
  const Json r = run(two_members(700, 140));
  const Json& reason = program(r, "dibao")->at("reasons").at(0);
  EXPECT_EQ(reason.at("rule"), "dibao.income_below_standard");
  EXPECT_TRUE(reason.at("passed").get<bool>());
  const std::string text = reason.at("text");
  EXPECT_NE(text.find("420"), std::string::npos) << text;
  EXPECT_NE(text.find("840"), std::string::npos) << text;  // household total
  EXPECT_NE(text.find("560"), std::string::npos) << text;  // the standard
  EXPECT_NE(text.find("2 人"), std::string::npos) << text;

  const Json& edge = program(r, "dibao_edge")->at("reasons").at(0);
  EXPECT_FALSE(edge.at("passed").get<bool>());
}

TEST(EligibilityJson, NumbersAreRoundedForPeople) {
  const Json r = run(two_members(700, 0.02));
  EXPECT_DOUBLE_EQ(r.at("per_capita_monthly_income").get<double>(), 350.01);
  const std::string text = program(r, "dibao")->at("reasons").at(0).at("text");
  EXPECT_NE(text.find("350.01"), std::string::npos) << text;
}

TEST(EligibilityJson, PersonLevelNotEligibleListsEveryMemberByRelation) {
  const Json r = run(two_members(3000, 3000));
  int tekun_entries = 0;
  for (const Json& p : r.at("programs")) {
    if (p.at("program") != "tekun") continue;
    ++tekun_entries;
    EXPECT_EQ(p.at("who"), "household");
    EXPECT_EQ(p.at("verdict"), "not_eligible");
    bool self = false, spouse = false;
    for (const Json& reason : p.at("reasons")) {
      const std::string t = reason.at("text");
      self |= t.starts_with("本人：");
      spouse |= t.starts_with("配偶：");
    }
    EXPECT_TRUE(self && spouse);
  }
  EXPECT_EQ(tekun_entries, 1);
}

TEST(EligibilityJson, PersonLevelEntriesNameThePersonByIdNumber) {
  M a;
  a.birth = birth_for_age(75);
  a.income = 0;
  a.employment = "none";
  H h;
  h.members = {a};
  const Json r = run(h);
  const Json* tekun = program(r, "tekun");
  ASSERT_NE(tekun, nullptr);
  EXPECT_EQ(tekun->at("who"), id_number(birth_for_age(75)));
  EXPECT_EQ(tekun->at("verdict"), "likely_eligible");
  const std::string first = tekun->at("reasons").at(1).at("text");
  EXPECT_NE(first.find("75 岁"), std::string::npos) << first;
}

TEST(EligibilityJson, AssistFirstChangesTheNextStep) {
  M m;
  m.income = 2000;
  H h;
  h.members = {m};
  h.emergency = Json{{"kind", "fire"}, {"date", days_ago(3)}, {"loss", 30000}};
  const Json r = run(h);
  const Json* te = program(r, "temporary_emergency");
  ASSERT_NE(te, nullptr);
  EXPECT_EQ(te->at("flags"), Json::array({"assist_first"}));
  EXPECT_NE(te->at("next_steps").get<std::string>().find("先行救助"), std::string::npos);
  EXPECT_NE(te->at("reasons").at(1).at("text").get<std::string>().find("3 天前"), std::string::npos);
  EXPECT_FALSE(program(r, "dibao")->contains("flags"));
}

TEST(EligibilityJson, MissingFactSaysSoInPlainChinese) {
  M m;
  m.income = kOmit;
  H h;
  h.members = {m};
  const Json r = run(h);
  EXPECT_TRUE(r.at("per_capita_monthly_income").is_null());
  const Json* dibao = program(r, "dibao");
  EXPECT_EQ(dibao->at("verdict"), "needs_review");
  EXPECT_EQ(dibao->at("missing"), Json::array({"members[0].monthly_income"}));
  EXPECT_NE(dibao->at("reasons").at(0).at("text").get<std::string>().find("收入"), std::string::npos);
}

TEST(EligibilityEngine, IsPureAndRepeatable) {
  const H h = two_members(500, 100);
  const auto household = decode(h);
  const Json a = evaluate(shipped_catalog(), example_params(), household, kAsOf).to_json();
  const Json b = evaluate(shipped_catalog(), example_params(), household, kAsOf).to_json();
  EXPECT_EQ(a, b);
}

TEST(EligibilityEngine, ParamsFromAnotherLoadOfTheCatalogMatchByName) {
  auto other = jiuzhu::policy::Catalog::load_builtin();
  ASSERT_TRUE(other.ok());
  auto params = jiuzhu::policy::CountyParams::from_json(*other, example_params_json());
  ASSERT_TRUE(params.ok());
  const auto household = decode(two_members(500, 100));
  EXPECT_EQ(evaluate(shipped_catalog(), *params, household, kAsOf).to_json(),
            evaluate(shipped_catalog(), example_params(), household, kAsOf).to_json());
}

TEST(EligibilityEngine, ResultOutlivesTheCatalogObject) {
  jiuzhu::policy::EligibilityResult result;
  {
    auto catalog = jiuzhu::policy::Catalog::load_builtin();
    ASSERT_TRUE(catalog.ok());
    auto params = jiuzhu::policy::CountyParams::from_json(*catalog, example_params_json());
    ASSERT_TRUE(params.ok());
    result = evaluate(*catalog, *params, decode(two_members(500, 100)), kAsOf);
  }
  EXPECT_EQ(result.to_json().at("programs").size(), 11u);
}

TEST(EligibilityEngine, AgeCountsOnTheBirthday) {
  M m;
  m.income = 0;
  m.employment = "none";
  m.birth = "19661124";
  H h;
  h.members = {m};
  const auto household = decode(h);
  auto tekun = [&](jiuzhu::Date d) {
    return evaluate(shipped_catalog(), example_params(), household, d).find("tekun").front()->verdict;
  };
  EXPECT_EQ(tekun(jiuzhu::Date(2026, 11, 23)), jiuzhu::policy::Verdict::not_eligible);
  EXPECT_EQ(tekun(jiuzhu::Date(2026, 11, 24)), jiuzhu::policy::Verdict::likely_eligible);
}

}  // namespace
