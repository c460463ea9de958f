// Every default rule fires at its threshold and not just below or outside it (as of 2026-11-24).
#include <gtest/gtest.h>

#include <map>

#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;

// Builds households and feed rows, then writes them all.
class Builder {
 public:
  // A living person of household `h` born on `birth` (YYYY-MM-DD); returns the ID number.
  std::string add(const std::string& h, const std::string& birth, const std::string& relation = "head",
                  const std::string& deceased = "") {
    std::string compact = birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2);
    const std::string id = make_id(compact, ++seq_);
    files_["population.csv"] += person(id, h, relation, deceased);
    return id;
  }
  void row(const std::string& file, const std::string& line) { files_[file] += line + "\n"; }
  void write(const FeedDir& dir) const {
    static const std::map<std::string, std::string> headers = {
        {"population.csv", kPopHeader},
        {"civil_affairs.csv", "id_number,program,since,until\n"},
        {"disability.csv", "id_number,kind,grade,issued\n"},
        {"medical_insurance.csv", "id_number,settled_date,total_cost,out_of_pocket,inpatient\n"},
        {"health.csv", "id_number,diagnosis,date,serious\n"},
        {"hr.csv", "id_number,status,since,pension_monthly\n"},
        {"education.csv", "id_number,school,level,status,date\n"},
        {"housing.csv", "id_number,status,since\n"},
        {"emergency.csv", "id_number,event,date,loss\n"},
        {"rural_revitalization.csv", "id_number,category,since\n"},
        {"income.csv", "id_number,year,annual_income\n"},
    };
    for (const auto& [file, header] : headers) {
      auto it = files_.find(file);
      dir.write(file, header + (it == files_.end() ? "" : it->second));
    }
  }

 private:
  int seq_ = 0;
  std::map<std::string, std::string> files_;
};

class RulesTest : public ::testing::Test {
 protected:
  void finish() {
    b.write(dir);
    result = std::make_unique<RunResult>(run(dir, rules));
    EXPECT_TRUE(result->row_errors.empty()) << result->row_errors[0].file << ":" << result->row_errors[0].line << " "
                                            << result->row_errors[0].reason;
    EXPECT_TRUE(result->skipped_rules.empty());
  }
  bool fires(const std::string& h, const std::string& rule) { return flagged(*result, rules, h, rule); }

  FeedDir dir;
  Builder b;
  RuleSet rules = default_rules();
  std::unique_ptr<RunResult> result;
};

TEST_F(RulesTest, MedicalBurden) {
  auto rich = [&](const std::string& h, double income) {
    const std::string id = b.add(h, "1980-01-01");
    b.row("income.csv", id + ",2025," + std::to_string(income));
    return id;
  };
  b.row("medical_insurance.csv", rich("amount_at", 100000) + ",2026-01-01,20000,10000,true");
  b.row("medical_insurance.csv", rich("amount_below", 100000) + ",2026-01-01,20000,9999.99,true");
  b.row("medical_insurance.csv", rich("share_at", 10000) + ",2026-01-01,9000,5000,true");
  b.row("medical_insurance.csv", rich("share_below", 10000) + ",2026-01-01,9000,4999,true");
  b.row("medical_insurance.csv", rich("window_edge", 100000) + ",2025-11-24,30000,20000,true");
  b.row("medical_insurance.csv", rich("window_in", 100000) + ",2025-11-25,30000,20000,true");
  // Two members' settlements add up; a member's pension counts as income (12 × monthly).
  const std::string p1 = b.add("sum", "1950-01-01");
  const std::string p2 = b.add("sum", "1952-01-01", "spouse");
  b.row("hr.csv", p1 + ",pension,2010-01-01,2000");
  b.row("medical_insurance.csv", p1 + ",2026-02-01,9000,6000,true");
  b.row("medical_insurance.csv", p2 + ",2026-03-01,9000,6000,true");
  finish();
  EXPECT_TRUE(fires("amount_at", "medical_burden"));
  EXPECT_FALSE(fires("amount_below", "medical_burden"));
  EXPECT_TRUE(fires("share_at", "medical_burden"));
  EXPECT_FALSE(fires("share_below", "medical_burden"));
  EXPECT_FALSE(fires("window_edge", "medical_burden"));
  EXPECT_TRUE(fires("window_in", "medical_burden"));
  EXPECT_TRUE(fires("sum", "medical_burden"));
}

TEST_F(RulesTest, SevereDisability) {
  b.row("disability.csv", b.add("physical2", "1980-01-01") + ",physical,2,2020-01-01");
  b.row("disability.csv", b.add("physical3", "1980-01-01") + ",physical,3,2020-01-01");
  b.row("disability.csv", b.add("mental3", "1980-01-01") + ",mental,3,2020-01-01");
  b.row("disability.csv", b.add("intellectual4", "1980-01-01") + ",intellectual,4,2020-01-01");
  finish();
  EXPECT_TRUE(fires("physical2", "severe_disability"));
  EXPECT_FALSE(fires("physical3", "severe_disability"));
  EXPECT_TRUE(fires("mental3", "severe_disability"));
  EXPECT_FALSE(fires("intellectual4", "severe_disability"));
}

TEST_F(RulesTest, SeriousIllness) {
  b.row("health.csv", b.add("serious", "1980-01-01") + ",恶性肿瘤,2026-06-01,true");
  b.row("health.csv", b.add("not_serious", "1980-01-01") + ",高血压,2026-06-01,false");
  b.row("health.csv", b.add("too_old", "1980-01-01") + ",恶性肿瘤,2025-11-24,true");
  finish();
  EXPECT_TRUE(fires("serious", "serious_illness"));
  EXPECT_FALSE(fires("not_serious", "serious_illness"));
  EXPECT_FALSE(fires("too_old", "serious_illness"));
}

TEST_F(RulesTest, ElderlyAlone) {
  b.add("sixty", "1966-11-24");
  b.add("fifty_nine", "1966-11-25");
  b.row("hr.csv", b.add("pensioner", "1950-01-01") + ",pension,2010-01-01,1800");
  b.add("couple", "1950-01-01");
  b.add("couple", "1951-01-01", "spouse");
  // A spouse who died leaves the survivor alone.
  b.add("widow", "1950-01-01");
  b.add("widow", "1949-01-01", "spouse", "2020-01-01");
  finish();
  EXPECT_TRUE(fires("sixty", "elderly_alone"));
  EXPECT_FALSE(fires("fifty_nine", "elderly_alone"));
  EXPECT_FALSE(fires("pensioner", "elderly_alone"));
  EXPECT_FALSE(fires("couple", "elderly_alone"));
  EXPECT_TRUE(fires("widow", "elderly_alone"));
}

TEST_F(RulesTest, UnemployedWithDependents) {
  b.row("hr.csv", b.add("child15", "1985-01-01") + ",unemployed_registered,2026-01-01,0");
  b.add("child15", "2011-11-24", "child");
  b.row("hr.csv", b.add("child16", "1985-01-01") + ",unemployed_registered,2026-01-01,0");
  b.add("child16", "2010-11-24", "child");
  b.row("hr.csv", b.add("earner", "1985-01-01") + ",unemployed_registered,2026-01-01,0");
  b.add("earner", "1950-01-01", "parent");
  b.row("hr.csv", b.add("earner", "1986-01-01", "spouse") + ",employed,2020-01-01,0");
  // Found work after registering: the latest status counts.
  const std::string later = b.add("reemployed", "1985-01-01");
  b.row("hr.csv", later + ",unemployed_registered,2025-01-01,0");
  b.row("hr.csv", later + ",employed,2026-03-01,0");
  b.add("reemployed", "2015-01-01", "child");
  finish();
  EXPECT_TRUE(fires("child15", "unemployed_with_dependents"));
  EXPECT_FALSE(fires("child16", "unemployed_with_dependents"));
  EXPECT_FALSE(fires("earner", "unemployed_with_dependents"));
  EXPECT_FALSE(fires("reemployed", "unemployed_with_dependents"));
}

TEST_F(RulesTest, Dropout) {
  b.row("education.csv", b.add("dropped", "2011-01-01") + ",永福初中,junior,dropped_out,2026-09-01");
  b.row("education.csv", b.add("suspended_old", "2011-01-01") + ",永福初中,junior,suspended,2025-11-24");
  b.row("education.csv", b.add("suspended", "2011-01-01") + ",永福初中,junior,suspended,2025-11-25");
  b.row("education.csv", b.add("enrolled", "2011-01-01") + ",永福初中,junior,enrolled,2026-09-01");
  finish();
  EXPECT_TRUE(fires("dropped", "dropout"));
  EXPECT_FALSE(fires("suspended_old", "dropout"));
  EXPECT_TRUE(fires("suspended", "dropout"));
  EXPECT_FALSE(fires("enrolled", "dropout"));
}

TEST_F(RulesTest, Disaster) {
  b.row("emergency.csv", b.add("flood", "1980-01-01") + ",disaster,2026-05-25,3000");
  b.row("emergency.csv", b.add("too_old", "1980-01-01") + ",disaster,2026-05-24,3000");
  b.row("emergency.csv", b.add("no_loss", "1980-01-01") + ",fire,2026-10-01,0");
  finish();
  EXPECT_TRUE(fires("flood", "disaster"));
  EXPECT_FALSE(fires("too_old", "disaster"));
  EXPECT_FALSE(fires("no_loss", "disaster"));
}

TEST_F(RulesTest, RelapseRiskAndHousing) {
  b.row("rural_revitalization.csv", b.add("monitored", "1980-01-01") + ",unstable_lifted,2023-01-01");
  b.add("not_monitored", "1980-01-01");
  b.row("housing.csv", b.add("dilapidated", "1980-01-01") + ",dilapidated,2024-01-01");
  b.row("housing.csv", b.add("hardship", "1980-01-01") + ",hardship_registered,2024-01-01");
  b.row("housing.csv", b.add("rental", "1980-01-01") + ",public_rental,2024-01-01");
  finish();
  EXPECT_TRUE(fires("monitored", "relapse_risk"));
  EXPECT_FALSE(fires("not_monitored", "relapse_risk"));
  EXPECT_TRUE(fires("dilapidated", "housing_hardship"));
  EXPECT_TRUE(fires("hardship", "housing_hardship"));
  EXPECT_FALSE(fires("rental", "housing_hardship"));
}

TEST_F(RulesTest, EarnerDied) {
  b.add("died40", "1986-01-01", "head", "2026-01-01");
  b.add("died40", "2016-01-01", "child");
  b.add("died40", "1987-01-01", "spouse");
  b.add("died60", "1966-01-01", "head", "2026-06-01");  // 60 at death
  b.add("died60", "2016-01-01", "grandchild");
  b.add("died_long_ago", "1986-01-01", "head", "2025-11-24");
  b.add("died_long_ago", "2016-01-01", "child");
  b.add("no_dependents", "1986-01-01", "head", "2026-01-01");
  b.add("no_dependents", "1987-01-01", "spouse");
  b.add("died18", "2008-01-01", "child", "2026-02-01");
  b.add("died18", "1950-01-01", "head");
  finish();
  EXPECT_TRUE(fires("died40", "earner_died"));
  EXPECT_FALSE(fires("died60", "earner_died"));
  EXPECT_FALSE(fires("died_long_ago", "earner_died"));
  EXPECT_FALSE(fires("no_dependents", "earner_died"));
  EXPECT_TRUE(fires("died18", "earner_died"));
}

TEST_F(RulesTest, OrphanedChild) {
  b.add("with_grandparent", "1955-01-01", "grandparent");
  b.add("with_grandparent", "2016-01-01", "grandchild");
  b.add("with_parent", "1986-01-01");
  b.add("with_parent", "2016-01-01", "child");
  b.add("with_sibling18", "2008-11-24");
  b.add("with_sibling18", "2012-01-01", "sibling");
  b.add("with_sibling17", "2008-11-25");
  b.add("with_sibling17", "2012-01-01", "sibling");
  // The only adult died: the child is left alone.
  b.add("parent_died", "1986-01-01", "head", "2024-01-01");
  b.add("parent_died", "2016-01-01", "child");
  finish();
  EXPECT_TRUE(fires("with_grandparent", "orphaned_child"));
  EXPECT_FALSE(fires("with_parent", "orphaned_child"));
  EXPECT_FALSE(fires("with_sibling18", "orphaned_child"));
  EXPECT_TRUE(fires("with_sibling17", "orphaned_child"));
  EXPECT_TRUE(fires("parent_died", "orphaned_child"));
}

// A new rule of an existing kind is data only: a stricter disaster rule from JSON.
TEST(RulesAsData, NewInstanceNeedsNoCode) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1), c = make_id("19800101", 3);
  dir.write("population.csv", std::string(kPopHeader) + person(a, "big", "head") + person(c, "small", "head"));
  dir.write("emergency.csv", "id_number,event,date,loss\n" + a + ",fire,2026-11-01,60000\n" + c + ",fire,2026-11-01,500\n");
  const nlohmann::json doc = {
      {"rules",
       {{{"id", "big_loss"}, {"kind", "member_row"}, {"weight", 5}, {"programs", {"temporary_emergency"}},
         {"visit_within_working_days", 2},
         {"params",
          {{"source", "emergency.csv"}, {"any_of", {{{"at_least", {{"loss", 50000}}}}}},
           {"date_column", "date"}, {"window_months", 1}}}}}}};
  auto rules = parse_rules(doc, kAsOf);
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  const RunResult r = run(dir, *rules);
  EXPECT_TRUE(flagged(r, *rules, "big", "big_loss"));
  EXPECT_FALSE(flagged(r, *rules, "small", "big_loss"));
  ASSERT_EQ(r.queue.size(), 1u);
  EXPECT_EQ(r.queue[0].visit_within_working_days, 2);
  EXPECT_DOUBLE_EQ(r.queue[0].score, 5);
}

TEST(RulesAsData, BadDocumentsAreErrors) {
  auto unknown = parse_rules(nlohmann::json::parse(R"({"rules":[{"id":"x","kind":"nope","weight":1}]})"), kAsOf);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, "unknown_rule_kind");
  auto bad_col = parse_rules(nlohmann::json::parse(
                                 R"({"rules":[{"id":"x","kind":"member_row","weight":1,"params":{"source":"health.csv","any_of":[{"at_most":{"nope":1}}]}}]})"),
                             kAsOf);
  ASSERT_FALSE(bad_col.ok());
  EXPECT_EQ(bad_col.error().code, "bad_rules");
  auto dup = parse_rules(nlohmann::json::parse(
                             R"({"rules":[{"id":"x","kind":"earner_died","weight":1,"params":{"min_age":18,"max_age":59,"child_under":16,"elder_from":60,"window_months":12}},{"id":"x","kind":"earner_died","weight":1,"params":{"min_age":18,"max_age":59,"child_under":16,"elder_from":60,"window_months":12}}]})"),
                         kAsOf);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().code, "duplicate_rule_id");
  auto missing = parse_rules(nlohmann::json::parse(R"({"rules":[{"id":"x","kind":"elderly_alone","weight":1,"params":{}}]})"), kAsOf);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message.find("min_age"), std::string::npos);
}

}  // namespace
}  // namespace jiuzhu::discovery
