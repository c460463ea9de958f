// Key-group rosters per township (重点人群分类造册) and their CSV.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "backend/discovery/csv_reader.h"
#include "backend/discovery/roster.h"
#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;

TEST(Roster, GroupsPerTownshipAsCsv) {
  FeedDir dir;
  const std::string d = make_id("19800101", 1), t = make_id("19500101", 3), kid = make_id("20150101", 5),
                    gp = make_id("19550101", 7), u = make_id("19900101", 9), old_dibao = make_id("19800101", 11);
  std::string pop = kPopHeader;
  pop += person(d, "D", "head") + person(t, "T", "head") + person(kid, "K", "grandchild") + person(gp, "K", "head") +
         person(u, "U", "head") + person(old_dibao, "E", "head");
  // Another township, with a comma in the village name (quoted in the CSV).
  pop += make_id("19700101", 13) + ",王五,W,head,1970-01-01,urban,450326101,\"东,西村\",\n";
  dir.write("population.csv", pop);
  dir.write("civil_affairs.csv", "id_number,program,since,until\n" + d + ",dibao,2024-01-01,\n" + t +
                                     ",tekun,2020-01-01,\n" + old_dibao + ",dibao,2020-01-01,2025-01-01\n");
  dir.write("hr.csv", "id_number,status,since,pension_monthly\n" + u + ",unemployed_registered,2026-01-01,0\n" + t +
                          ",pension,2010-01-01,1200\n");
  dir.write("housing.csv", "id_number,status,since\n" + u + ",public_rental,2025-01-01\n");
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  const auto entries = build_rosters(r);
  std::map<std::string, std::set<std::string>> groups;  // group → household ids
  for (const auto& e : entries) groups[e.group].insert(e.household_id);
  EXPECT_EQ(groups["dibao"], std::set<std::string>{"D"});  // E's dibao ended
  EXPECT_EQ(groups["tekun"], std::set<std::string>{"T"});
  EXPECT_EQ(groups["distressed_minor"], std::set<std::string>{"K"});
  EXPECT_EQ(groups["elderly_no_pension"], std::set<std::string>{"K"});  // T has a pension
  EXPECT_EQ(groups["unemployed"], std::set<std::string>{"U"});
  EXPECT_EQ(groups["public_rental"], std::set<std::string>{"U"});
  EXPECT_TRUE(groups["warned"].count("K"));  // orphaned_child
  // 说明 is read and printed by Chinese staff: plain Chinese, the start date when the feed has one.
  std::map<std::string, std::string> detail_of;  // group → a detail
  for (const auto& e : entries) detail_of[e.group] = e.detail;
  EXPECT_EQ(detail_of["dibao"], "最低生活保障 2024-01-01起");
  EXPECT_EQ(detail_of["tekun"], "特困人员救助供养 2020-01-01起");
  EXPECT_EQ(detail_of["unemployed"], "失业登记 2026-01-01起");
  EXPECT_EQ(detail_of["public_rental"], "租住公租房 2025-01-01起");
  EXPECT_EQ(detail_of["distressed_minor"], "户内无18至59周岁成员");
  EXPECT_EQ(detail_of["elderly_no_pension"], "年满60周岁，未领取养老金");
  EXPECT_EQ(detail_of["warned"].rfind("预警分 ", 0), 0u) << detail_of["warned"];
  // CSV of the first township only, parseable, with full columns.
  const std::string csv = roster_csv(r, entries, "450326100");
  CsvReader reader(csv);
  CsvRecord rec;
  ASSERT_TRUE(reader.next(rec));
  ASSERT_EQ(rec.fields.size(), 9u);
  EXPECT_EQ(rec.fields[0], "group");
  size_t rows = 0;
  while (reader.next(rec)) {
    ASSERT_EQ(rec.error, nullptr);
    ASSERT_EQ(rec.fields.size(), 9u);
    EXPECT_EQ(rec.fields[2], "450326100");
    ++rows;
  }
  EXPECT_GE(rows, 7u);
}

// Registries are messy: a relation the contract does not list ("儿子") or an empty one keeps its
// row, and the rosters must still be written. roster_csv indexed the contract's value list with
// the dictionary index, which overran it (std::bad_alloc, the roster file left empty).
TEST(Roster, RelationsTheContractDoesNotListAreWrittenAsTheFeedHadThem) {
  FeedDir dir;
  const std::string head = make_id("19800101", 1), son = make_id("20150101", 3), other = make_id("19500101", 5);
  std::string pop = kPopHeader;
  pop += person(head, "D", "head") + person(son, "D", "儿子") + person(other, "D", "");
  dir.write("population.csv", pop);
  dir.write("civil_affairs.csv", "id_number,program,since,until\n" + head + ",dibao,2024-01-01,\n" + son +
                                     ",dibao,2024-01-01,\n" + other + ",dibao,2024-01-01,\n");
  const RunResult r = run(dir, default_rules());
  const auto entries = build_rosters(r);
  std::map<std::string, std::string> relation_of;  // id number → relation column
  const std::string csv = roster_csv(r, entries, "");  // the reader keeps a view of it
  CsvReader reader(csv);
  CsvRecord rec;
  ASSERT_TRUE(reader.next(rec));
  while (reader.next(rec)) {
    ASSERT_EQ(rec.error, nullptr);
    ASSERT_EQ(rec.fields.size(), 9u);
    relation_of[std::string(rec.fields[4])] = std::string(rec.fields[7]);
  }
  EXPECT_EQ(relation_of[head], "head");
  EXPECT_EQ(relation_of[son], "儿子");
  ASSERT_TRUE(relation_of.count(other));
  EXPECT_EQ(relation_of[other], "");
  EXPECT_EQ(relation_zh("head"), "户主");
  EXPECT_EQ(relation_zh("儿子"), "儿子");
  EXPECT_EQ(relation_zh(""), "");
  // The files too (CSV and the masked PDF).
  FeedDir out;
  ASSERT_TRUE(write_rosters(r, default_rules(), out.path()).ok());
  EXPECT_GT(std::filesystem::file_size(out.file("roster_450326100.csv")), 100u);
  EXPECT_GT(std::filesystem::file_size(out.file("roster_450326100.pdf")), 1000u);
}

}  // namespace
}  // namespace jiuzhu::discovery
