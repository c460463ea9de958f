// jiuzhu-server discover / synth: exit codes and files (the commands run in-process).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "backend/commands.h"
#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using namespace testing;
using backend::Args;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Cli, HelpAndUsageErrors) {
  ::testing::internal::CaptureStdout();
  EXPECT_EQ(backend::discover_command({"--help"}), 0);
  EXPECT_EQ(backend::synth_command({"--help"}), 0);
  const std::string help = ::testing::internal::GetCapturedStdout();
  EXPECT_NE(help.find("--feeds"), std::string::npos);
  EXPECT_NE(help.find("--residents"), std::string::npos);
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(backend::discover_command({}), 2);
  EXPECT_EQ(backend::discover_command({"--feeds", "/tmp", "--county", "45032"}), 2);
  EXPECT_EQ(backend::discover_command({"--feeds", "/tmp", "--county", "450326", "--as-of", "2026-02-30"}), 2);
  EXPECT_EQ(backend::discover_command({"--feeds", "/tmp", "--county", "450326", "--bogus"}), 2);
  EXPECT_EQ(backend::discover_command({"--feeds"}), 2);
  EXPECT_EQ(backend::synth_command({"--county", "450326", "--residents", "0", "--seed", "1", "--out", "/tmp/x"}), 2);
  EXPECT_EQ(backend::synth_command({"--county", "450326", "--residents", "10", "--out", "/tmp/x"}), 2);
  EXPECT_EQ(backend::synth_command({"--county", "450326", "--residents", "ten", "--seed", "1", "--out", "/tmp/x"}), 2);
  ::testing::internal::GetCapturedStderr();
}

TEST(Cli, RuntimeFailuresExitOne) {
  FeedDir dir;
  ::testing::internal::CaptureStderr();
  EXPECT_EQ(backend::discover_command({"--feeds", dir.path() + "/nope", "--county", "450326"}), 1);
  EXPECT_EQ(backend::discover_command({"--feeds", dir.path(), "--county", "450326", "--params", dir.path() + "/none.json"}), 1);
  EXPECT_EQ(backend::synth_command({"--county", "999999", "--residents", "10", "--seed", "1", "--out", dir.path() + "/c"}), 1);
  ::testing::internal::GetCapturedStderr();
}

// contracts/cli.md: `discover ... [--params FILE]`, the same option name as `eligibility
// --params`. A county parameter file in exactly eligibility.md's shape is accepted (the default
// rules apply; the pre-screen uses its numbers), not refused as a malformed rules file.
TEST(Cli, ParamsInTheEligibilityContractShapeAreAccepted) {
  FeedDir dir;
  const std::string feeds = dir.path() + "/county", out = dir.path() + "/q.json";
  const std::string params = std::string(JIUZHU_SOURCE_DIR) + "/tests/policy/contract_params_example.json";
  ::testing::internal::CaptureStderr();
  ASSERT_EQ(backend::synth_command({"--county", "450326", "--residents", "300", "--seed", "3", "--out", feeds,
                                    "--as-of", "2026-11-24"}),
            0);
  EXPECT_EQ(backend::discover_command({"--feeds", feeds, "--county", "450326", "--as-of", "2026-11-24", "--params",
                                       params, "--prescreen", "--out", out}),
            0);
  ::testing::internal::GetCapturedStderr();
  const auto q = nlohmann::json::parse(slurp(out));
  EXPECT_EQ(q["summary"]["prescreen"], true);
  EXPECT_GT(q["households"].size(), 0u);
}

TEST(Cli, SynthThenDiscoverThenIncremental) {
  FeedDir dir;
  const std::string feeds = dir.path() + "/county", q1 = dir.path() + "/q1.json", q2 = dir.path() + "/q2.json";
  ::testing::internal::CaptureStderr();
  ASSERT_EQ(backend::synth_command({"--county", "450326", "--residents", "2000", "--seed", "5", "--out", feeds,
                                    "--as-of", "2026-11-24"}),
            0);
  ASSERT_EQ(backend::discover_command({"--feeds", feeds, "--county", "450326", "--as-of", "2026-11-24", "--out", q1,
                                       "--rosters", dir.path() + "/rosters"}),
            0);
  ASSERT_EQ(backend::discover_command({"--feeds", feeds, "--county", "450326", "--as-of", "2026-11-24", "--out", q2,
                                       "--previous", q1, "--threads", "1"}),
            0);
  const std::string err = ::testing::internal::GetCapturedStderr();
  // The summary lines never hold ID numbers (18 characters starting with the county code).
  EXPECT_EQ(err.find("450326" + std::string("19")), std::string::npos);
  EXPECT_NE(err.find("flagged"), std::string::npos);
  const auto first = nlohmann::json::parse(slurp(q1));
  const auto second = nlohmann::json::parse(slurp(q2));
  EXPECT_GT(first["households"].size(), 0u);
  EXPECT_EQ(first["summary"]["row_errors"], 0);
  // Same data again: nothing new, nothing resolved.
  EXPECT_EQ(second["summary"]["new"], 0);
  EXPECT_EQ(second["summary"]["resolved"], 0);
  EXPECT_EQ(second["summary"]["unchanged"], first["households"].size());
  // Rosters: a CSV and a PDF per township.
  size_t csv = 0, pdf = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path() + "/rosters")) {
    csv += e.path().extension() == ".csv";
    pdf += e.path().extension() == ".pdf";
  }
  EXPECT_EQ(csv, 9u);
  EXPECT_EQ(pdf, 9u);
}

}  // namespace
}  // namespace jiuzhu::discovery
