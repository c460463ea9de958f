// Feed validation: a row is dropped (an error with file, line, reason) only when its ID number or a
// value the rules read is unusable; other doubtful values are warnings and the row is kept.
#include <gtest/gtest.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <random>

#include "backend/discovery/feed_table.h"
#include "core/regions.h"
#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;

// parse_part takes a value written exactly as listed for that listed value without the
// case-insensitive search, which is only the same answer when no two listed values of a column
// differ only in case.
TEST(FeedSchema, ListedValuesAreDistinctIgnoringCase) {
  size_t enumerations = 0;
  for (const FeedSpec& spec : feed_specs()) {
    for (const ColumnSpec& col : spec.columns) {
      if (col.type != ColType::enumeration) continue;
      ++enumerations;
      for (size_t a = 0; a < col.values.size(); ++a) {
        for (size_t b = a + 1; b < col.values.size(); ++b) {
          std::string x(col.values[a]), y(col.values[b]);
          for (auto* s : {&x, &y}) {
            for (char& ch : *s) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
          }
          EXPECT_NE(x, y) << spec.file << " " << col.name;
        }
      }
    }
  }
  EXPECT_GT(enumerations, 5u);
}

TEST(FeedTable, UnusableRowsAreDroppedDoubtfulOnesKept) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1), b = make_id("19900202", 3), c = make_id("20000303", 5);
  std::string pop = kPopHeader;
  pop += person(a, "H1", "head");                                                       // line 2 ok
  pop += bad_checksum_id("19700101") + ",李四,H1,spouse,1970-01-01,rural,450326100,村,\n";  // 3 checksum
  pop += b + ",王五,H2,head,1990-02-30,rural,450326100,村,\n";                              // 4 bad birth_date: warning
  pop += b + ",王五,H2,boss,1990-02-02,rural,450326100,村,\n";                              // 5 relation is descriptive
  pop += "\"" + c + ",赵六,H3,head,2000-03-03,rural,450326100,村,\n";                       // 6 unbalanced
  pop += c + ",赵六,H3\n";                                                                  // 7 too few
  pop += person(c, "H3", "head");                                                       // 8 ok
  dir.write("population.csv", pop);
  std::vector<RowError> errors, warnings;
  IdValidator v(RegionTable::builtin(), kAsOf);
  FeedTable t = load_feed(dir.path(), Feed::population, {kAsOf, "450326"}, v, errors, &warnings);
  ASSERT_TRUE(t.present);
  EXPECT_EQ(t.rows, 4u);
  EXPECT_EQ(t.lines, (std::vector<uint32_t>{2, 4, 5, 8}));
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].file, "population.csv");
  EXPECT_EQ(errors[0].line, 3u);
  EXPECT_EQ(errors[0].reason, "id_number: bad_check_character");
  EXPECT_EQ(errors[0].column, "id_number");
  EXPECT_EQ(errors[1].line, 6u);
  EXPECT_EQ(errors[1].reason, "unbalanced_quotes");
  EXPECT_EQ(errors[2].line, 7u);
  EXPECT_EQ(errors[2].reason, "too_few_fields");
  // The birth date comes from the ID number; the unreadable one is a warning.
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].line, 4u);
  EXPECT_EQ(warnings[0].column, "birth_date");
  EXPECT_EQ(warnings[0].reason, "bad_date: birth_date");
  EXPECT_EQ(t.cols[pop::birth_date].ints[1], 19900202);
  // "boss" is kept as written (relation is descriptive).
  EXPECT_EQ(enum_text(t.cols[pop::relation], 2), "boss");
}

TEST(FeedTable, EmptyOptionalValuesAndFreeTextAreNotErrors) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1), b = make_id("19500101", 3);
  // Empty pension_monthly on employed / unemployed rows: nothing to say. On a pension row: kept,
  // warned, the pension still counts. An unlisted status: kept, warned.
  dir.write("hr.csv", "id_number,status,since,pension_monthly\n" + a + ",employed,2020-01-01,\n" + a +
                          ",unemployed_registered,2026-01-01,\n" + b + ",pension,2010-01-01,\n" + b +
                          ",retired,2010-01-01,\n");
  // Free-text events, spaces, case, CRLF, a BOM.
  dir.write("emergency.csv", "\xEF\xBB\xBFid_number,event,date,loss\r\n" + a + ",flood,2026-10-01,5000\r\n " + a +
                                 " ,Landslide , 2026-10-02 ,\" 7000 \"\r\n" + a + ",洪涝,2026-10-03,\r\n");
  std::vector<RowError> errors, warnings;
  IdValidator v(RegionTable::builtin(), kAsOf);
  FeedTable hr = load_feed(dir.path(), Feed::hr, {kAsOf, ""}, v, errors, &warnings);
  EXPECT_EQ(hr.rows, 4u);
  EXPECT_TRUE(errors.empty());
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].line, 4u);
  EXPECT_EQ(warnings[0].reason, "empty: pension_monthly");
  EXPECT_EQ(warnings[1].line, 5u);
  EXPECT_EQ(warnings[1].reason, "unlisted_value: status");
  EXPECT_EQ(warnings[1].column, "status");
  EXPECT_EQ(enum_text(hr.cols[1], 3), "retired");
  warnings.clear();
  FeedTable em = load_feed(dir.path(), Feed::emergency, {kAsOf, ""}, v, errors, &warnings);
  EXPECT_EQ(em.rows, 2u);
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(errors.size(), 1u);  // the loss the disaster rule reads is empty
  EXPECT_EQ(errors[0].line, 4u);
  EXPECT_EQ(errors[0].reason, "empty: loss");
  EXPECT_EQ(enum_text(em.cols[1], 0), "flood");
  EXPECT_EQ(enum_text(em.cols[1], 1), "Landslide");
  EXPECT_EQ(em.cols[2].ints[1], 20261002);
  EXPECT_DOUBLE_EQ(em.cols[3].numbers[1], 7000);
}

TEST(FeedTable, DateIsoWritesWhatDateIsoWrites) {
  // Every day-of-month 00..32 of every month 00..13 in years at and around the fast path's ends,
  // and values that are no date at all: the same text as date_from_int(v).iso().
  std::vector<int32_t> values = {0, 1, -1, 99991232, 100000101, -20240101};
  for (int year : {0, 1, 999, 1000, 1001, 1849, 1850, 1999, 2000, 2024, 2100, 9998, 9999, 10000}) {
    for (int32_t month = 0; month <= 13; ++month) {
      for (int32_t day = 0; day <= 32; ++day) values.push_back(year * 10000 + month * 100 + day);
    }
  }
  std::array<char, 24> buf;
  for (int32_t v : values) EXPECT_EQ(date_iso(v, buf), date_from_int(v).iso()) << v;
}

TEST(FeedTable, DatesAgreeWithTheCalendar) {
  // Every day-of-month 00..32 of every month 00..13 in leap and common years (and centuries),
  // plus malformed spellings: a date is read exactly when std::chrono calls it a real day from
  // 1850 on; otherwise the (non-critical) cell is a bad_date warning and reads as 0.
  std::string csv = "id_number,event,date,loss\n";
  std::vector<std::pair<std::string, int32_t>> cases;
  for (int year : {1849, 1850, 1900, 1999, 2000, 2023, 2024, 2100}) {
    for (unsigned month = 0; month <= 13; ++month) {
      for (unsigned day = 0; day <= 32; ++day) {
        char iso[16];
        std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", year, month, day);
        const std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
        cases.emplace_back(iso, ymd.ok() && year >= 1850 ? year * 10000 + static_cast<int32_t>(month * 100 + day) : 0);
      }
    }
  }
  for (const char* bad : {"2024-1-01", "2024/01/01", "2024-01-1x", "x024-01-01", "20240101", "2024-01-011", "-024-01-01"}) {
    cases.emplace_back(bad, 0);
  }
  const std::string a = make_id("19800101", 1);
  for (const auto& [iso, want] : cases) csv += a + ",fire," + iso + ",1\n";
  IdValidator v(RegionTable::builtin(), kAsOf);
  std::vector<RowError> errors, warnings;
  FeedTable t = parse_feed(csv, Feed::emergency, {kAsOf, "", engine_reads()}, v, errors, &warnings);
  ASSERT_EQ(t.rows, cases.size());
  size_t bad = 0;
  for (size_t r = 0; r < cases.size(); ++r) {
    EXPECT_EQ(t.cols[2].ints[r], cases[r].second) << cases[r].first;
    bad += cases[r].second == 0;
  }
  EXPECT_EQ(warnings.size(), bad);
  EXPECT_GT(bad, 0u);
  EXPECT_LT(bad, cases.size());
}

TEST(FeedTable, OnlyTheColumnsRulesReadDropARow) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1);
  dir.write("emergency.csv", "id_number,event,date,loss\n" + a + ",fire,2026-13-01,100\n" + a + ",fire,2026-10-01,n/a\n");
  IdValidator v(RegionTable::builtin(), kAsOf);
  {
    std::vector<RowError> errors, warnings;
    FeedTable t = load_feed(dir.path(), Feed::emergency, {kAsOf, ""}, v, errors, &warnings);
    EXPECT_EQ(t.rows, 0u);  // the default rules read emergency date and loss
    EXPECT_EQ(errors.size(), 2u);
  }
  {
    // A rule set that reads neither: both rows kept, the values unknown and warned.
    std::vector<RowError> errors, warnings;
    FeedTable t = load_feed(dir.path(), Feed::emergency, {kAsOf, "", engine_reads()}, v, errors, &warnings);
    EXPECT_EQ(t.rows, 2u);
    EXPECT_TRUE(errors.empty());
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0].reason, "bad_date: date");
    EXPECT_EQ(warnings[1].reason, "bad_number: loss");
    EXPECT_EQ(t.cols[2].ints[0], 0);
    EXPECT_TRUE(std::isnan(t.cols[3].numbers[1]));
  }
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
  EXPECT_EQ(enum_text(t.cols[1], 0), "mental");
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
  std::vector<RowError> errors, warnings;
  IdValidator v(RegionTable::builtin(), kAsOf);
  FeedTable m = load_feed(dir.path(), Feed::medical_insurance, {kAsOf, ""}, v, errors, &warnings);
  FeedTable p = load_feed(dir.path(), Feed::population, {kAsOf, "450326"}, v, errors, &warnings);
  // out_of_pocket is read by medical_burden: -5 and abc drop their rows. inpatient is read by no
  // rule: "maybe" is a warning and the row stays.
  EXPECT_EQ(m.rows, 2u);
  EXPECT_EQ(m.cols[4].ints[0], -1);
  EXPECT_DOUBLE_EQ(m.cols[3].numbers[1], 50.25);
  EXPECT_EQ(p.rows, 1u);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].reason, "bad_number: out_of_pocket");
  EXPECT_EQ(errors[1].reason, "bad_number: out_of_pocket");
  EXPECT_EQ(errors[2].reason, "township_outside_county");
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].reason, "bad_boolean: inpatient");
  EXPECT_EQ(warnings[1].reason, "birth_date_mismatch");
  EXPECT_EQ(p.cols[pop::birth_date].ints[0], 19800101);  // the ID number's
}

// Numbers are read by a fast path for plain decimals; it must give exactly std::from_chars.
TEST(FeedTable, DecimalsReadExactlyAsFromChars) {
  FeedDir dir;
  const std::string a = make_id("19800101", 1);
  std::mt19937_64 rng(11);
  std::vector<std::string> texts = {"0", "0.1", "0.3", "1.", ".5", "123456789012345", "1234567890123456",
                                    "9007199254740993", "0.000000000000001", "17.2", "99999.99", "1e3", "0012.50"};
  for (int i = 0; i < 3000; ++i) {
    const uint64_t m = rng() % 100000000000ULL;
    const int frac = static_cast<int>(rng() % 8);
    std::string t = std::to_string(m);
    if (frac > 0 && static_cast<int>(t.size()) > frac) t.insert(t.size() - static_cast<size_t>(frac), ".");
    texts.push_back(t);
  }
  std::string csv = "id_number,year,annual_income\n";
  for (size_t i = 0; i < texts.size(); ++i) csv += a + "," + std::to_string(2000 + i % 100) + "," + texts[i] + "\n";
  dir.write("income.csv", csv);
  std::vector<RowError> errors;
  IdValidator v(RegionTable::builtin(), kAsOf);
  FeedTable t = load_feed(dir.path(), Feed::income, {kAsOf, ""}, v, errors);
  ASSERT_TRUE(errors.empty());
  ASSERT_EQ(t.rows, texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    double expected = 0;
    std::from_chars(texts[i].data(), texts[i].data() + texts[i].size(), expected);
    EXPECT_EQ(t.cols[2].numbers[i], expected) << texts[i];
  }
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
