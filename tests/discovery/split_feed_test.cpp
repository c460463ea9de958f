// A feed parsed in line-aligned parts on several threads (SplitFeed) must give exactly what one
// load_feed gives: the same rows, line numbers, dictionaries (first-appearance order), errors and
// warnings — on messy input where households, duplicates, blank lines and bad rows straddle the
// cuts, and when a quoted field makes cutting unsafe.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <random>
#include <thread>

#include "backend/discovery/split_feed.h"
#include "core/regions.h"
#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;

void expect_same_errors(const std::vector<RowError>& a, const std::vector<RowError>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].file, b[i].file) << i;
    EXPECT_EQ(a[i].line, b[i].line) << i;
    EXPECT_EQ(a[i].reason, b[i].reason) << i;
    EXPECT_EQ(a[i].column, b[i].column) << i;
  }
}

void expect_same_table(const FeedTable& a, const FeedTable& b) {
  ASSERT_EQ(a.present, b.present);
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.bytes, b.bytes);
  EXPECT_EQ(a.ids, b.ids);
  EXPECT_EQ(a.lines, b.lines);
  ASSERT_EQ(a.cols.size(), b.cols.size());
  for (size_t c = 1; c < a.cols.size(); ++c) {
    const Column &x = a.cols[c], &y = b.cols[c];
    EXPECT_EQ(x.type, y.type) << c;
    EXPECT_EQ(x.ints, y.ints) << c;
    EXPECT_EQ(x.blob, y.blob) << c;
    EXPECT_EQ(x.offsets, y.offsets) << c;
    EXPECT_EQ(x.dict, y.dict) << c;
    ASSERT_EQ(x.numbers.size(), y.numbers.size()) << c;
    for (size_t r = 0; r < x.numbers.size(); ++r) {
      EXPECT_TRUE(x.numbers[r] == y.numbers[r] || (std::isnan(x.numbers[r]) && std::isnan(y.numbers[r]))) << c << " " << r;
    }
  }
}

// Loads `feed` whole and in 2..5 parts (each part on its own thread) and compares.
void expect_split_same(const FeedDir& dir, Feed feed, const LoadOptions& lo) {
  std::vector<RowError> errors, warnings;
  IdValidator v(RegionTable::builtin(), kAsOf);
  const FeedTable whole = load_feed(dir.path(), feed, lo, v, errors, &warnings);
  for (size_t parts : {1, 2, 3, 5}) {
    SCOPED_TRACE("parts " + std::to_string(parts));
    SplitFeed split(dir.path(), feed, lo, parts);
    std::vector<std::thread> threads;
    std::atomic<int> finished_last{0};
    for (size_t p = 0; p < parts; ++p) {
      threads.emplace_back([&split, &finished_last, p] {
        IdValidator own(RegionTable::builtin(), kAsOf);
        finished_last += split.parse(p, own) ? 1 : 0;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(finished_last, 1);  // exactly one thread is told it may merge
    std::vector<RowError> split_errors, split_warnings;
    const FeedTable merged = split.merge(v, split_errors, &split_warnings);
    expect_same_table(whole, merged);
    expect_same_errors(errors, split_errors);
    expect_same_errors(warnings, split_warnings);
  }
}

// A messy registry: households of 1–5, unlisted and differently cased relations, exact and
// differing duplicates, bad ID numbers, bad dates, other counties, blank lines, CRLF, short rows.
std::string messy_population(uint64_t seed, bool quoted_field_late) {
  std::mt19937_64 rng(seed);
  std::string out = "\xEF\xBB\xBF";
  out += kPopHeader;
  const char* relations[] = {"head", "spouse", "child", "Parent", "boss", "", "grandchild"};
  std::string previous;
  int seq = 0;
  for (int h = 0; h < 400; ++h) {
    const int members = 1 + static_cast<int>(rng() % 5);
    const std::string hh = "H" + std::to_string(rng() % 600);  // households recur out of order
    for (int m = 0; m < members; ++m) {
      const std::string birth = std::to_string(1940 + rng() % 80) + "0" + std::to_string(1 + rng() % 9) + "1" +
                                std::to_string(rng() % 9);
      std::string id = make_id(birth, ++seq);
      std::string iso = birth.substr(0, 4) + "-" + birth.substr(4, 2) + "-" + birth.substr(6, 2);
      const uint64_t r = rng() % 40;
      if (r == 0) id = bad_checksum_id(birth, seq);
      if (r == 1) iso = "1999-02-30";
      std::string town = r == 2 ? "450327100" : "450326100";
      std::string hukou = r == 3 ? "nomad" : (rng() % 2 ? "rural" : "URBAN");
      std::string row = id + ",名" + std::to_string(rng() % 50) + "," + hh + "," + relations[rng() % 7] + "," + iso + "," +
                        hukou + "," + town + ",村" + std::to_string(rng() % 20) + "," + (r == 4 ? "2020-01-01" : "") +
                        (r == 5 ? "\r\n" : "\n");
      if (r == 6) row = id + ",短\n";
      if (r == 7 && !previous.empty()) row = previous;                             // an exact copy
      if (r == 8 && !previous.empty()) row = previous.substr(0, 18) + ",别名," + hh + ",head,,rural,450326100,村,\n";
      if (r == 9) out += "\n\r\n";                                                 // blank lines
      out += row;
      previous = row;
    }
  }
  if (quoted_field_late) out += make_id("19800101", 999) + ",\"名,\n字\",H1,head,1980-01-01,rural,450326100,村,\n";
  return out;
}

TEST(SplitFeed, PartsMergeToTheWholeFilesTable) {
  for (uint64_t seed : {1, 2, 3}) {
    FeedDir dir;
    dir.write("population.csv", messy_population(seed, false));
    SCOPED_TRACE("seed " + std::to_string(seed));
    expect_split_same(dir, Feed::population, {kAsOf, "450326"});
  }
}

TEST(SplitFeed, AQuoteAfterTheFirstCutFallsBackToTheWholeFile) {
  FeedDir dir;
  dir.write("population.csv", messy_population(4, true));
  expect_split_same(dir, Feed::population, {kAsOf, "450326"});
}

TEST(SplitFeed, NumbersTextAndClosedEnumerationsMerge) {
  FeedDir dir;
  std::mt19937_64 rng(5);
  std::string hr = "id_number,status,since,pension_monthly\n";
  const char* statuses[] = {"employed", "unemployed", "pension", "Retired", "", "PENSION"};
  for (int i = 0; i < 2000; ++i) {
    const std::string id = make_id("19600101", static_cast<int>(rng() % 300));
    const uint64_t r = rng() % 10;
    hr += id + "," + statuses[rng() % 6] + "," + (r == 0 ? "2020-13-01" : "2019-0" + std::to_string(1 + rng() % 9) + "-01") + "," +
          (r == 1 ? "abc" : r == 2 ? "" : std::to_string(rng() % 5000) + "." + std::to_string(rng() % 100)) + "\n";
  }
  dir.write("hr.csv", hr);
  expect_split_same(dir, Feed::hr, {kAsOf, ""});
}

TEST(SplitFeed, HeaderOnlyMissingColumnAndMissingFile) {
  FeedDir dir;
  dir.write("population.csv", kPopHeader);
  expect_split_same(dir, Feed::population, {kAsOf, "450326"});
  dir.write("population.csv", "id_number,name\n" + make_id("19800101") + ",张三\n" + make_id("19800101", 2) + ",李四\n");
  expect_split_same(dir, Feed::population, {kAsOf, "450326"});
  dir.write("population.csv", "");
  expect_split_same(dir, Feed::population, {kAsOf, "450326"});
  expect_split_same(dir, Feed::income, {kAsOf, ""});  // no such file
}

}  // namespace
}  // namespace jiuzhu::discovery
