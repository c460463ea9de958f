// The whole run: missing feeds, households, exclusions, ordering, output JSON, incremental runs.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <unordered_map>

#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;
using nlohmann::json;

TEST(Engine, MissingFilesSkipTheirRules) {
  FeedDir dir;
  const std::string a = make_id("19500101", 1);
  dir.write("population.csv", std::string(kPopHeader) + person(a, "H1", "head"));
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  // Only the population-only rules can run.
  EXPECT_EQ(r.skipped_rules,
            (std::vector<std::string>{"medical_burden", "severe_disability", "serious_illness", "elderly_alone",
                                      "unemployed_with_dependents", "dropout", "disaster", "relapse_risk",
                                      "housing_hardship"}));
  const json q = queue_json(r, rules);
  EXPECT_EQ(q["summary"]["skipped_rules"].size(), 9u);
  EXPECT_EQ(q["summary"]["residents"], 1);
}

TEST(Engine, NoPopulationMeansNoHouseholdsAndEveryRuleSkipped) {
  FeedDir dir;
  dir.write("health.csv", "id_number,diagnosis,date,serious\n" + make_id("19800101") + ",x,2026-01-01,true\n");
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  EXPECT_EQ(r.skipped_rules.size(), rules.rules.size());
  EXPECT_EQ(r.households, 0u);
  EXPECT_TRUE(r.queue.empty());
  ASSERT_FALSE(r.row_errors.empty());
  EXPECT_EQ(r.row_errors.back().reason, "missing_file");
}

TEST(Engine, HouseholdsGroupLivingMembersOnly) {
  FeedDir dir;
  const std::string head = make_id("19800101", 1), dead = make_id("19820101", 3), child = make_id("20150101", 5),
                    future_death = make_id("19550101", 7);
  dir.write("population.csv", std::string(kPopHeader) + person(head, "H1", "head") +
                                  person(dead, "H1", "spouse", "2026-03-01") + person(child, "H1", "child") +
                                  person(future_death, "H2", "head", "2027-01-01"));
  // The dead spouse's disability must not flag the household; the living child's must.
  dir.write("disability.csv", "id_number,kind,grade,issued\n" + dead + ",physical,1,2020-01-01\n");
  const RuleSet rules = default_rules();
  RunResult r = run(dir, rules);
  EXPECT_EQ(r.residents, 3u);  // a death after the run date has not happened yet
  EXPECT_EQ(r.households, 2u);
  EXPECT_FALSE(flagged(r, rules, "H1", "severe_disability"));
  EXPECT_TRUE(flagged(r, rules, "H1", "earner_died"));  // the spouse, 44, died with a child of 11
  dir.write("disability.csv", "id_number,kind,grade,issued\n" + child + ",physical,1,2020-01-01\n");
  r = run(dir, rules);
  EXPECT_TRUE(flagged(r, rules, "H1", "severe_disability"));
}

TEST(Engine, CurrentRecipientsAreNotSuggestedTheirProgramsAgain) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1), b = make_id("19800101", 3), c = make_id("19800101", 5);
  dir.write("population.csv",
            std::string(kPopHeader) + person(a, "DIBAO", "head") + person(b, "ENDED", "head") + person(c, "SICK", "head"));
  dir.write("civil_affairs.csv", "id_number,program,since,until\n" + a + ",dibao,2024-01-01,\n" + b +
                                     ",dibao,2020-01-01,2026-01-01\n" + c + ",dibao,2024-01-01,2027-06-30\n");
  dir.write("rural_revitalization.csv", "id_number,category,since\n" + a + ",edge_vulnerable,2024-01-01\n" + b +
                                            ",edge_vulnerable,2024-01-01\n");
  dir.write("medical_insurance.csv",
            "id_number,settled_date,total_cost,out_of_pocket,inpatient\n" + c + ",2026-05-01,40000,15000,true\n");
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  // relapse_risk only points to dibao / dibao_edge: a dibao household keeps the flag and its
  // evidence (issue 17), but is suggested nothing it already has.
  EXPECT_TRUE(flagged(r, rules, "DIBAO", "relapse_risk"));
  // Ended dibao: queued again.
  EXPECT_TRUE(flagged(r, rules, "ENDED", "relapse_risk"));
  // Medical burden in a dibao household: still queued, for medical assistance only.
  ASSERT_TRUE(flagged(r, rules, "SICK", "medical_burden"));
  const json q = queue_json(r, rules);
  for (const auto& h : q["households"]) {
    if (h["household_id"] == "DIBAO") {
      EXPECT_EQ(h["already_receiving"], json({"dibao"}));
      EXPECT_EQ(h["suggested_programs"], json::array());
      ASSERT_EQ(h["flags"].size(), 1u);
      EXPECT_EQ(h["flags"][0]["evidence"][0]["facts"]["category"], "edge_vulnerable");
      EXPECT_EQ(h["score"], 2.0);
    }
    if (h["household_id"] != "SICK") continue;
    EXPECT_EQ(h["already_receiving"], json({"dibao"}));
    EXPECT_EQ(h["suggested_programs"], json({"medical"}));
  }
}

TEST(Engine, FreeTextEventsDuplicatesAndPerFileCounts) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1), b = make_id("19800101", 3);
  dir.write("population.csv", std::string(kPopHeader) + person(a, "FLOOD", "head") + person(b, "COPY", "head") +
                                  person(b, "COPY", "head"));
  // A flood is a disaster the contract's list does not name: kept, and it fires `disaster`.
  dir.write("emergency.csv", "id_number,event,date,loss\n" + a + ",flood,2026-10-01,5000\n");
  // A re-exported settlement counts once: 6,000 is not the 10,000 of medical_burden.
  dir.write("medical_insurance.csv", "id_number,settled_date,total_cost,out_of_pocket,inpatient\n" + b +
                                         ",2026-05-01,9000,6000,true\n" + b + ",2026-05-01,9000,6000,true\n");
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  ASSERT_TRUE(flagged(r, rules, "FLOOD", "disaster"));
  EXPECT_FALSE(flagged(r, rules, "COPY", "medical_burden"));
  const json q = queue_json(r, rules);
  EXPECT_EQ(q["households"][0]["flags"][0]["evidence"][0]["facts"]["event"], "flood");
  EXPECT_EQ(q["summary"]["row_errors"], 0);
  EXPECT_EQ(q["summary"]["row_warnings"], 2);  // the copied registry row and the copied settlement
  EXPECT_EQ(q["summary"]["files"]["medical_insurance.csv"], json({{"rows", 2}, {"errors", 0}, {"warnings", 1}}));
  EXPECT_EQ(q["summary"]["files"]["population.csv"], json({{"rows", 3}, {"errors", 0}, {"warnings", 1}}));
  EXPECT_EQ(q["row_warnings"][0]["reason"], "duplicate_row: same as line 2");
  EXPECT_NE(summary_line(r).find("medical_insurance.csv: 2 rows kept, 0 dropped, 1 warnings"), std::string::npos);
}

TEST(Engine, ScoreOrderEvidenceAndJsonShape) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1), b = make_id("19800101", 3), kid = make_id("20150101", 5);
  dir.write("population.csv", std::string(kPopHeader) + person(a, "ONE", "head") + person(b, "TWO", "head") +
                                  person(kid, "TWO", "child"));
  dir.write("housing.csv", "id_number,status,since\n" + a + ",dilapidated,2024-01-01\n" + b + ",dilapidated,2024-01-01\n");
  dir.write("emergency.csv", "id_number,event,date,loss\n" + b + ",fire,2026-11-20,8000\n");
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  const json q = queue_json(r, rules);
  EXPECT_EQ(q["county"], "450326");
  EXPECT_EQ(q["as_of"], "2026-11-24");
  ASSERT_EQ(q["households"].size(), 2u);
  const json& top = q["households"][0];
  EXPECT_EQ(top["household_id"], "TWO");
  EXPECT_EQ(top["township"], "450326100");
  EXPECT_DOUBLE_EQ(top["score"].get<double>(), 4.5);  // disaster 3 + housing 1.5
  EXPECT_EQ(top["visit_within_working_days"], 3);      // the urgent rule decides
  double sum = 0;
  for (const auto& f : top["flags"]) sum += f["weight"].get<double>();
  EXPECT_DOUBLE_EQ(sum, top["score"].get<double>());
  const json& ev = top["flags"][0]["evidence"][0];
  EXPECT_EQ(ev["source"], "emergency.csv");
  EXPECT_EQ(ev["id_number"], b);
  EXPECT_EQ(ev["facts"]["loss"], 8000.0);
  EXPECT_EQ(ev["facts"]["event"], "fire");
  EXPECT_FALSE(ev["facts"]["threshold"].get<std::string>().empty());
  EXPECT_EQ(q["households"][1]["household_id"], "ONE");
  for (const char* key : {"residents", "households", "flagged", "row_errors", "skipped_rules"}) {
    EXPECT_TRUE(q["summary"].contains(key)) << key;
  }
  EXPECT_TRUE(q["row_errors"].is_array());
  // The summary line never holds ID numbers.
  const std::string line = summary_line(r);
  EXPECT_EQ(line.find(a), std::string::npos);
  EXPECT_NE(line.find("2 flagged"), std::string::npos);
}

TEST(Engine, OneThreadAndTwoThreadsAgree) {
  FeedDir dir;
  std::string pop = kPopHeader, dis = "id_number,kind,grade,issued\n";
  for (int i = 0; i < 300; ++i) {
    const std::string id = make_id("19600101", i);
    std::string household = "H";
    household += std::to_string(i % 97);
    pop += person(id, household, i % 97 == i ? "head" : "other");
    if (i % 7 == 0) dis += id + ",physical," + std::to_string(1 + i % 4) + ",2020-01-01\n";
  }
  dir.write("population.csv", pop);
  dir.write("disability.csv", dis);
  const RuleSet rules = default_rules();
  EXPECT_EQ(queue_json(run(dir, rules, kAsOf, 1), rules), queue_json(run(dir, rules, kAsOf, 2), rules));
}

TEST(Engine, ManyFlaggedHouseholdsGiveTheSameQueueOnAnyNumberOfThreads) {
  // 6,000 households, every one flagged, scores and ids spread: several chunks of households per
  // thread, the per-thread sorted keys merged, the items moved into order on two threads (at
  // least 4,096 queued). One thread's queue is the reference.
  FeedDir dir;
  std::string pop = kPopHeader, dis = "id_number,kind,grade,issued\n", med = "id_number,settled_date,total_cost,out_of_pocket,inpatient\n";
  for (int i = 0; i < 12000; ++i) {
    char birth[9];
    std::snprintf(birth, sizeof birth, "%04d0101", 1950 + i / 1000);
    const std::string id = make_id(birth, i % 1000);
    pop += person(id, "H" + std::to_string((i / 2) * 7919 % 6000), i % 2 ? "spouse" : "head");
    if (i % 2 == 0) dis += id + ",physical," + std::to_string(1 + i % 4) + ",2020-01-01\n";
    if (i % 3 == 0) med += id + ",2026-06-01,90000,60000,true\n";
  }
  dir.write("population.csv", pop);
  dir.write("disability.csv", dis);
  dir.write("medical_insurance.csv", med);
  const RuleSet rules = default_rules();
  const RunResult one = run(dir, rules, kAsOf, 1);
  ASSERT_GE(one.queue.size(), 4096u);
  const json want = queue_json(one, rules);
  EXPECT_EQ(queue_json(run(dir, rules, kAsOf, 2), rules), want);
  EXPECT_EQ(queue_json(run(dir, rules, kAsOf, 3), rules), want);
}

TEST(IdIndex, FindAllAgreesWithFindAndDuplicatesKeepTheFirst) {
  // Keys with repeats (every 5th key again later), looked up present and absent, in one batch
  // (slots fetched ahead) and one by one.
  std::mt19937_64 rng(7);
  std::vector<IdKey> keys;
  for (int i = 0; i < 50000; ++i) keys.push_back(i % 5 == 4 ? keys[static_cast<size_t>(i / 2)] : (rng() | 1));
  IdIndex index;
  std::vector<int32_t> duplicates;
  index.build(keys, duplicates);
  std::vector<int32_t> want_duplicates;
  std::unordered_map<IdKey, int32_t> first_of;
  for (int i = 0; i < 50000; ++i) {
    const int32_t first = first_of.emplace(keys[static_cast<size_t>(i)], i).first->second;
    if (first < i) want_duplicates.push_back(i);
    if (i % 97 == 0) {
      EXPECT_EQ(index.find(keys[static_cast<size_t>(i)]), first) << i;
    }
  }
  EXPECT_EQ(duplicates, want_duplicates);
  std::vector<IdKey> probe = keys;
  for (int i = 0; i < 20000; ++i) probe.push_back(rng() | 1);  // absent (with odds of 1 in 2^60)
  std::vector<int32_t> all;
  index.find_all(probe, all);
  ASSERT_EQ(all.size(), probe.size());
  for (size_t r = 0; r < probe.size(); ++r) ASSERT_EQ(all[r], index.find(probe[r])) << r;
  EXPECT_EQ(all.back(), -1);
  IdIndex empty;
  empty.find_all(probe, all);
  EXPECT_EQ(std::count(all.begin(), all.end(), -1), static_cast<long>(probe.size()));
}

TEST(Engine, IncrementalRunsMarkNewChangedAndResolved) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1), b = make_id("19800101", 3), c = make_id("19800101", 5);
  dir.write("population.csv", std::string(kPopHeader) + person(a, "A", "head") + person(b, "B", "head") +
                                  person(c, "C", "head"));
  dir.write("housing.csv", "id_number,status,since\n" + a + ",dilapidated,2024-01-01\n" + b + ",dilapidated,2024-01-01\n");
  const RuleSet rules = default_rules();
  const json first = queue_json(run(dir, rules), rules);
  // Next month: A unchanged, B also had a disaster, C is new, and nothing else changes.
  dir.write("emergency.csv", "id_number,event,date,loss\n" + b + ",fire,2026-11-20,8000\n");
  dir.write("rural_revitalization.csv", "id_number,category,since\n" + c + ",sudden_hardship,2026-11-01\n");
  json second = queue_json(run(dir, rules), rules, &first);
  std::map<std::string, std::string> change;
  for (const auto& h : second["households"]) change[h["household_id"]] = h["change"];
  EXPECT_EQ(change["A"], "unchanged");
  EXPECT_EQ(change["B"], "changed");
  EXPECT_EQ(change["C"], "new");
  EXPECT_TRUE(second["resolved"].empty());
  // Then A's house is repaired: A is resolved.
  dir.write("housing.csv", "id_number,status,since\n" + b + ",dilapidated,2024-01-01\n");
  const json third = queue_json(run(dir, rules), rules, &second);
  ASSERT_EQ(third["resolved"].size(), 1u);
  EXPECT_EQ(third["resolved"][0]["household_id"], "A");
  EXPECT_EQ(third["resolved"][0]["previous_flags"], json({"housing_hardship"}));
  EXPECT_EQ(third["summary"]["resolved"], 1);
  EXPECT_EQ(third["summary"]["unchanged"], 2);
}

TEST(Engine, RowErrorsInOutputWithFileLineReason) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1);
  dir.write("population.csv", std::string(kPopHeader) + person(a, "A", "head") + bad_checksum_id("19800101", 3) +
                                  ",x,B,head,1980-01-01,rural,450326100,v,\n");
  dir.write("housing.csv", "id_number,status,since\n" + a + ",collapsed,2024-01-01\n" + a + ",dilapidated,2024-01-01\n");
  const RuleSet rules = default_rules();
  const json q = queue_json(run(dir, rules), rules);
  ASSERT_EQ(q["row_errors"].size(), 1u);
  EXPECT_EQ(q["row_errors"][0], json({{"file", "population.csv"},
                                      {"line", 3},
                                      {"reason", "id_number: bad_check_character"},
                                      {"column", "id_number"}}));
  EXPECT_EQ(q["summary"]["row_errors"], 1);
  // A status outside feeds.md's list is doubtful, not unusable: kept and warned.
  ASSERT_EQ(q["row_warnings"].size(), 1u);
  EXPECT_EQ(q["row_warnings"][0], json({{"file", "housing.csv"},
                                        {"line", 2},
                                        {"reason", "unlisted_value: status"},
                                        {"column", "status"}}));
  EXPECT_EQ(q["households"].size(), 1u);  // the good housing row still flags A
}

}  // namespace
}  // namespace jiuzhu::discovery
