// The synthetic county: same seed same bytes, different seed different bytes, plausible rates.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "backend/discovery/synth.h"
#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;

const char* kFiles[] = {"population.csv", "civil_affairs.csv", "disability.csv", "medical_insurance.csv",
                        "health.csv", "hr.csv", "education.csv", "housing.csv", "emergency.csv",
                        "rural_revitalization.csv", "income.csv"};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

SynthStats synth(const FeedDir& dir, uint64_t seed, size_t residents) {
  SynthOptions o;
  o.county = "450326";
  o.residents = residents;
  o.seed = seed;
  o.out_dir = dir.path();
  o.as_of = kAsOf;
  auto s = synthesize_county(o);
  if (!s.ok()) throw std::runtime_error(s.error().message);
  return *s;
}

TEST(Synth, SameSeedSameBytesDifferentSeedDiffers) {
  FeedDir a, b, c;
  synth(a, 42, 3000);
  synth(b, 42, 3000);
  synth(c, 43, 3000);
  for (const char* f : kFiles) {
    const std::string x = slurp(a.path() + "/" + f);
    EXPECT_FALSE(x.empty()) << f;
    EXPECT_EQ(x, slurp(b.path() + "/" + f)) << f;
  }
  EXPECT_NE(slurp(a.path() + "/population.csv"), slurp(c.path() + "/population.csv"));
}

TEST(Synth, PlausibleCounty) {
  FeedDir dir;
  const SynthStats s = synth(dir, 7, 20000);
  EXPECT_EQ(s.residents, 20000u);
  const double mean_size = static_cast<double>(s.residents) / static_cast<double>(s.households);
  EXPECT_NEAR(mean_size, 2.7, 0.15);
  // Every row is valid for the engine; townships are the county's real ones.
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  EXPECT_TRUE(r.row_errors.empty()) << r.row_errors.size() << " errors, first " << r.row_errors[0].file << ":"
                                    << r.row_errors[0].line << " " << r.row_errors[0].reason;
  EXPECT_TRUE(r.skipped_rules.empty());
  const auto& towns = r.data.table(Feed::population).cols[pop::township].dict;
  const std::set<std::string> real = {"450326100", "450326101", "450326102", "450326103", "450326104",
                                      "450326105", "450326202", "450326204", "450326205"};
  EXPECT_EQ(std::set<std::string>(towns.begin(), towns.end()), real);
  const double living = static_cast<double>(r.residents);
  // Rates over living residents.
  auto distinct_people = [&](Feed f) {
    std::set<int32_t> people;
    for (int32_t p : r.data.person_of_row[static_cast<size_t>(f)]) {
      if (p >= 0 && r.data.alive(p)) people.insert(p);
    }
    return static_cast<double>(people.size()) / living;
  };
  EXPECT_NEAR(distinct_people(Feed::disability), 0.06, 0.015);
  // Current recipients ≈ 4 %.
  std::set<int32_t> recipients;
  const FeedTable& ca = r.data.table(Feed::civil_affairs);
  for (size_t row = 0; row < ca.rows; ++row) {
    const int32_t p = r.data.person_of_row[static_cast<size_t>(Feed::civil_affairs)][row];
    const int32_t until = ca.cols[3].ints[row];
    if (p >= 0 && r.data.alive(p) && (until == 0 || until > r.data.as_of_int)) recipients.insert(p);
  }
  EXPECT_NEAR(static_cast<double>(recipients.size()) / living, 0.04, 0.015);
  // Age structure close to the census: ≈ 18–20 % aged 60+, ≈ 17–19 % under 15.
  size_t old = 0, young = 0;
  for (size_t h = 0; h < r.data.households; ++h) {
    for (int32_t p : r.data.living.of(h)) {
      old += r.data.age(p) >= 60;
      young += r.data.age(p) < 15;
    }
  }
  EXPECT_NEAR(static_cast<double>(old) / living, 0.19, 0.05);
  EXPECT_NEAR(static_cast<double>(young) / living, 0.18, 0.05);
  // Registered unemployment, serious illness, dropouts and disasters all occur, rarely.
  EXPECT_NEAR(distinct_people(Feed::rural_revitalization), 0.01, 0.01);
  EXPECT_GT(r.data.table(Feed::emergency).rows, 20u);
  EXPECT_LT(r.data.table(Feed::emergency).rows, 400u);
  // The queue is a minority of households, and every rule fires somewhere.
  EXPECT_GT(r.queue.size(), s.households / 50);
  EXPECT_LT(r.queue.size(), s.households / 3);
  std::set<std::string> fired;
  for (const auto& item : r.queue) {
    for (const auto& f : item.flags) fired.insert(rules.rules[static_cast<size_t>(f.rule)].id);
  }
  EXPECT_EQ(fired.size(), rules.rules.size());
}

TEST(Synth, UnknownCountyIsAnError) {
  FeedDir dir;
  SynthOptions o;
  o.county = "999999";
  o.residents = 10;
  o.out_dir = dir.path();
  o.as_of = kAsOf;
  auto s = synthesize_county(o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "unknown_county");
}

}  // namespace
}  // namespace jiuzhu::discovery
