// ops (issue #19): a request whose handler works longer than the header timeout is answered.
// The read deadline bounds how long a client may take to send its request; it used to stay armed
// while the handler ran, so a discovery run of a real county (seconds) had its connection shut
// down after header_timeout_seconds without an answer (found by tests/bench/backend/
// bench_province.py). Here the timeout is made short and the run is a county of 150,000 residents
// (0.18 s for 30,000 on an idle machine was shorter than the 0.2 s timeout: the test must outlast it).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "api_env.h"

using namespace jiuzhu::test;

namespace {

TEST(SlowHandler, ADiscoveryRunLongerThanTheHeaderTimeoutIsAnswered) {
  TempDir dir;
  const std::string url = database_url("sqlite", dir.path());
  add_user(url, "admin", {"--role", "county_admin", "--county", kCounty});
  std::filesystem::create_directories(dir.path() + "/feeds");
  ASSERT_EQ(run_server_command({"synth", "--county", kCounty, "--residents", "150000", "--seed", "5", "--out",
                                dir.path() + "/feeds/run1", "--as-of", "2026-11-24"})
                .exit_code,
            0);
  {
    std::ofstream cfg(dir.path() + "/server.json");
    cfg << R"({"header_timeout_seconds": 0.1})";
  }
  ServerProcess server(dir.path(), url, {"--config", dir.path() + "/server.json"});
  const std::string admin = login(server, "admin");
  const auto t0 = std::chrono::steady_clock::now();
  auto r = server.post("/api/v1/discovery/runs", Json{{"feeds_dir", "run1"}, {"as_of", "2026-11-24"}}, admin);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(r.status, 201) << "after " << seconds << " s: " << r.body;
  EXPECT_GT(r.json()["flagged"].get<int>(), 0);
  // The test means something only when the run outlasted the timeout.
  EXPECT_GT(seconds, 0.1);
  // And the run is counted (docs/operations.md, Health and metrics).
  const std::string m = server.get("/metrics").body;
  EXPECT_NE(m.find(std::string("\njiuzhu_discovery_runs_total{county=\"") + kCounty + "\",result=\"ok\"} 1\n"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find(std::string("\njiuzhu_discovery_last_run_timestamp_seconds{county=\"") + kCounty + "\"} "),
            std::string::npos);
}

}  // namespace
