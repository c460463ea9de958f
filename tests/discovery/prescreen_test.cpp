// The eligibility pre-screen over feed facts: the household it builds and the filtering.
#include <gtest/gtest.h>

#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;

TEST(Prescreen, HouseholdFromFeeds) {
  FeedDir dir;
  const std::string head = make_id("19800101", 1), kid = make_id("20150101", 3), gran = make_id("19500101", 5);
  dir.write("population.csv", std::string(kPopHeader) + person(head, "H", "head") + person(kid, "H", "child") +
                                  person(gran, "H", "parent"));
  dir.write("income.csv", "id_number,year,annual_income\n" + head + ",2024,12000\n" + head + ",2025,24000\n");
  dir.write("hr.csv", "id_number,status,since,pension_monthly\n" + gran + ",pension,2010-01-01,800\n" + head +
                          ",unemployed_registered,2026-02-01,0\n");
  dir.write("disability.csv", "id_number,kind,grade,issued\n" + gran + ",visual,3,2020-01-01\n" + gran +
                                  ",physical,1,2021-01-01\n");
  dir.write("education.csv", "id_number,school,level,status,date\n" + kid + ",小学,primary,enrolled,2026-09-01\n");
  dir.write("medical_insurance.csv", "id_number,settled_date,total_cost,out_of_pocket,inpatient\n" + gran +
                                         ",2026-03-01,9000,3000,true\n" + gran + ",2024-03-01,9000,3000,true\n");
  dir.write("emergency.csv", "id_number,event,date,loss\n" + head + ",fire,2026-10-01,5000\n");
  auto p = Prescreen::for_county("450326");
  ASSERT_TRUE(p.ok()) << p.error().message;
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  const model::Household h = (*p)->household(r.data, 0, {"medical"});
  ASSERT_EQ(h.members.size(), 3u);
  EXPECT_EQ(h.hukou, model::Hukou::rural);
  const auto& m0 = h.members[0];
  EXPECT_EQ(m0.id_number, head);
  EXPECT_EQ(m0.relation, model::Relation::self);
  EXPECT_DOUBLE_EQ(*m0.monthly_income, 2000);  // latest year only
  EXPECT_EQ(*m0.employment, model::Employment::unemployed);
  EXPECT_FALSE(m0.disability->has_value());     // disability.csv present, no row: none
  EXPECT_FALSE(m0.lives_together.has_value());  // no feed says: unknown
  const auto& m1 = h.members[1];
  EXPECT_FALSE(m1.monthly_income.has_value());  // no income row: unknown, not zero
  ASSERT_TRUE(m1.student->has_value());
  EXPECT_EQ((*m1.student)->level, model::StudentLevel::primary);
  const auto& m2 = h.members[2];
  EXPECT_DOUBLE_EQ(*m2.pension_monthly, 800);
  EXPECT_EQ(*m2.employment, model::Employment::retired);
  ASSERT_TRUE(m2.disability->has_value());
  EXPECT_EQ((*m2.disability)->kind, model::DisabilityKind::physical);  // the most severe
  EXPECT_EQ((*m2.disability)->grade, 1);
  EXPECT_DOUBLE_EQ(*h.rigid_expenses_12m.medical_out_of_pocket, 3000);  // last 12 months only
  ASSERT_TRUE(h.emergency->has_value());
  EXPECT_EQ((*h.emergency)->kind, model::EmergencyKind::fire);
  EXPECT_FALSE(h.assets.deposits.has_value());
  EXPECT_EQ(h.receiving, std::vector<std::string>{"medical"});
}

TEST(Prescreen, SuggestionsNeverIncludeWhatThePrescreenRulesOut) {
  FeedDir dir;
  SynthOptions o{"450326", 3000, 11, dir.path(), kAsOf, ""};
  ASSERT_TRUE(synthesize_county(o).ok());
  const RuleSet rules = default_rules();
  auto with = run_discovery(RunOptions{dir.path(), "450326", kAsOf, 2, true}, rules);
  auto without = run_discovery(RunOptions{dir.path(), "450326", kAsOf, 2, false}, rules);
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_TRUE(with->prescreen_used);
  EXPECT_FALSE(without->prescreen_used);
  ASSERT_EQ(with->queue.size(), without->queue.size());  // the pre-screen never drops a flag
  size_t verdicts = 0;
  for (const auto& item : with->queue) {
    for (const auto& v : item.prescreen) {
      ++verdicts;
      const bool suggested = std::find(item.suggested_programs.begin(), item.suggested_programs.end(), v.program) !=
                             item.suggested_programs.end();
      EXPECT_EQ(suggested, v.verdict != "not_eligible") << v.program;
    }
  }
  EXPECT_GT(verdicts, with->queue.size());
}

}  // namespace
}  // namespace jiuzhu::discovery
