// The queue JSON is rendered in blocks by worker threads and handed on in order (queue_output.cpp):
// the bytes must not depend on the number of threads, nor on whether the text is returned
// (queue_text) or written as it is rendered (write_queue, what `discover --out` does).
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "backend/discovery/engine.h"
#include "backend/discovery/synth.h"
#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;

TEST(QueueOutput, SameBytesWhateverTheThreadsWrittenOrReturned) {
  FeedDir dir;
  SynthOptions o;
  o.county = "450326";
  o.residents = 60000;  // ~6,800 queued households: more than one block of 4,096
  o.seed = 7;
  o.out_dir = dir.path();
  o.as_of = kAsOf;
  ASSERT_TRUE(synthesize_county(o).ok());
  const RuleSet rules = default_rules();
  const RunResult r = run(dir, rules);
  ASSERT_GT(r.queue.size(), 4096u);

  const std::string one = queue_text(r, rules, nullptr, 1);
  for (int threads : {2, 3, 8}) EXPECT_EQ(queue_text(r, rules, nullptr, threads), one) << threads << " threads";

  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(write_queue(f, r, rules, nullptr, 2));
  std::rewind(f);
  std::string written;
  char buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) written.append(buf, n);
  std::fclose(f);
  EXPECT_EQ(written, one);

  const auto doc = nlohmann::json::parse(one);
  ASSERT_EQ(doc["households"].size(), r.queue.size());
  EXPECT_EQ(doc["households"][0]["household_id"], std::string(r.data.household_id(static_cast<size_t>(r.queue[0].household))));
  EXPECT_EQ(doc["households"].back()["household_id"],
            std::string(r.data.household_id(static_cast<size_t>(r.queue.back().household))));
}

}  // namespace
}  // namespace jiuzhu::discovery
