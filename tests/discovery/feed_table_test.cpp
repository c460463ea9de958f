// Feed validation: every malformed row is reported with file, line and reason; good rows go on.
#include <gtest/gtest.h>

#include "backend/discovery/feed_table.h"
#include "core/regions.h"
#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;

TEST(FeedTable, MalformedRowsAreReportedAndGoodRowsKept) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1), b = make_id("19900202", 3), c = make_id("20000303", 5);
  std::string pop = kPopHeader;
  pop += person(a, "H1", "head");                                                       // line 2 ok
  pop += bad_checksum_id("19700101") + ",李四,H1,spouse,1970-01-01,rural,450326100,村,\n";  // 3 checksum
  pop += b + ",王五,H2,head,1990-02-30,rural,450326100,村,\n";                              // 4 bad date
  pop += b + ",王五,H2,boss,1990-02-02,rural,450326100,村,\n";                              // 5 bad enum
  pop += "\"" + c + ",赵六,H3,head,2000-03-03,rural,450326100,村,\n";                       // 6 unbalanced
  pop += c + ",赵六,H3\n";                                                                  // 7 too few
  pop += person(c, "H3", "head");                                                       // 8 ok
  dir.write("population.csv", pop);
  std::vector<RowError> errors;
  IdValidator v(RegionTable::builtin(), kAsOf);
  FeedTable t = load_feed(dir.path(), Feed::population, {kAsOf, "450326"}, v, errors);
  ASSERT_TRUE(t.present);
  EXPECT_EQ(t.rows, 2u);
  EXPECT_EQ(t.lines, (std::vector<uint32_t>{2, 8}));
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].file, "population.csv");
  EXPECT_EQ(errors[0].line, 3u);
  EXPECT_EQ(errors[0].reason, "id_number: bad_check_character");
  EXPECT_EQ(errors[1].line, 4u);
  EXPECT_EQ(errors[1].reason, "bad_date: birth_date");
  EXPECT_EQ(errors[2].line, 5u);
  EXPECT_EQ(errors[2].reason, "bad_enum: relation");
  EXPECT_EQ(errors[3].line, 6u);
  EXPECT_EQ(errors[3].reason, "unbalanced_quotes");
  EXPECT_EQ(errors[4].line, 7u);
  EXPECT_EQ(errors[4].reason, "too_few_fields");
}

TEST(FeedTable, AnyColumnOrderExtraColumnsAndQuoting) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1);
  dir.write("disability.csv", "note,grade,issued,id_number,kind\n\"x, \"\"y\"\"\",2,2020-05-01," + a + ",mental\n");
  std::vector<RowError> errors;
  IdValidator v(RegionTable::builtin(), kAsOf);
  FeedTable t = load_feed(dir.path(), Feed::disability, {kAsOf, ""}, v, errors);
  ASSERT_TRUE(t.present);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(t.rows, 1u);
  EXPECT_EQ(id_string(t.ids[0]), a);
  EXPECT_EQ(t.cols[2].ints[0], 2);       // grade
  EXPECT_EQ(t.cols[3].ints[0], 20200501);  // issued
  EXPECT_EQ(feed_spec(Feed::disability).columns[1].values[static_cast<size_t>(t.cols[1].ints[0])], "mental");
}

TEST(FeedTable, MissingColumnMakesTheFileUnusable) {
  FeedDir dir;
  dir.write("hr.csv", "id_number,status,since\n" + make_id("19800101") + ",employed,2020-01-01\n");
  std::vector<RowError> errors;
  IdValidator v(RegionTable::builtin(), kAsOf);
  FeedTable t = load_feed(dir.path(), Feed::hr, {kAsOf, ""}, v, errors);
  EXPECT_FALSE(t.present);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].file, "hr.csv");
  EXPECT_EQ(errors[0].line, 1u);
  EXPECT_EQ(errors[0].reason, "missing_column: pension_monthly");
}

TEST(FeedTable, NumbersIntegersBooleansAndTownship) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1);
  dir.write("medical_insurance.csv",
            "id_number,settled_date,total_cost,out_of_pocket,inpatient\n" + a + ",2026-01-01,100,-5,true\n" + a +
                ",2026-01-01,100,abc,true\n" + a + ",2026-01-01,100,50,maybe\n" + a + ",2026-01-01,100.5,50.25,1\n");
  dir.write("population.csv", std::string(kPopHeader) + a + ",张三,H1,head,1980-01-01,rural,450327100,村,\n" +
                                  a + ",张三,H1,head,1980-01-02,rural,450326100,村,\n");
  std::vector<RowError> errors;
  IdValidator v(RegionTable::builtin(), kAsOf);
  FeedTable m = load_feed(dir.path(), Feed::medical_insurance, {kAsOf, ""}, v, errors);
  FeedTable p = load_feed(dir.path(), Feed::population, {kAsOf, "450326"}, v, errors);
  EXPECT_EQ(m.rows, 1u);
  EXPECT_DOUBLE_EQ(m.cols[3].numbers[0], 50.25);
  EXPECT_EQ(p.rows, 0u);
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0].reason, "bad_number: out_of_pocket");
  EXPECT_EQ(errors[1].reason, "bad_number: out_of_pocket");
  EXPECT_EQ(errors[2].reason, "bad_boolean: inpatient");
  EXPECT_EQ(errors[3].reason, "township_outside_county");
  EXPECT_EQ(errors[4].reason, "birth_date_mismatch");
}

// The allocation-free fast path must agree with IdNumber::parse on every kind of number.
TEST(IdValidator, AgreesWithCoreParse) {
  IdValidator v(RegionTable::builtin(), kAsOf);
  std::vector<std::string> samples = {make_id("19800101"), make_id("20261124"), make_id("20261125"),
                                      bad_checksum_id("19800101"), "450326198002301234", "999999198001011234",
                                      "45032619800101123", "4503261980010112x", "45032619800101A234"};
  std::string lower = make_id("19800101", 2);
  for (int seq = 0; seq < 200 && lower.back() != 'X'; ++seq) lower = make_id("19800101", seq);
  ASSERT_EQ(lower.back(), 'X');
  samples.push_back(lower);
  lower.back() = 'x';
  samples.push_back(lower);
  // Mutations of one digit at each position.
  const std::string base = make_id("19751231", 7);
  for (size_t i = 0; i < 18; ++i) {
    std::string m = base;
    m[i] = m[i] == '9' ? '0' : static_cast<char>(m[i] + 1);
    samples.push_back(m);
  }
  for (const auto& s : samples) {
    IdKey key = 0;
    std::string reason;
    const bool ok = v.validate(s, key, reason);
    auto parsed = IdNumber::parse(s, &RegionTable::builtin(), kAsOf);
    ASSERT_EQ(ok, parsed.ok()) << s;
    if (ok) EXPECT_EQ(id_string(key), parsed->str()) << s;
    else EXPECT_EQ(reason, parsed.error().code) << s;
  }
}

}  // namespace
}  // namespace jiuzhu::discovery
