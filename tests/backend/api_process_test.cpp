// The server as a process: kill -9 in the middle of a stream of submissions loses no
// acknowledged application and duplicates none; SIGTERM stops cleanly; progress is rate-limited.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "api_env.h"
#include "support/files.h"

using namespace jiuzhu::test;

namespace {

class ProcessTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ProcessTest, KillNineLosesNoAcknowledgedApplication) {
  TempDir dir;
  const std::string url = database_url(GetParam(), dir.path());
  const std::string kiosk = add_kiosk(url, "K-CRASH", kTownship);
  add_user(url, "crash-admin", {"--role", "county_admin", "--county", kCounty});
  auto server = std::make_unique<ServerProcess>(dir.path(), url);
  const int port = server->port();
  (void)port;

  std::mutex mu;
  std::map<std::string, std::string> acked;  // client_id → application_no
  std::vector<Json> sent;
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      while (!stop) {
        Json app = application(kTownship, uuid());
        {
          std::lock_guard lock(mu);
          sent.push_back(app);
        }
        try {
          auto r = server->post("/api/v1/applications", app, kiosk);
          if (r.status == 201) {
            std::lock_guard lock(mu);
            acked[app["client_id"]] = r.json()["application_no"];
          }
        } catch (const std::exception&) {
          // The server died under us: this one was not acknowledged.
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  server->kill9();
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_GT(acked.size(), 10u);

  ServerProcess restarted(dir.path(), url);
  // Every acknowledged application is there, under the same number: a retry says so.
  for (const auto& [client_id, no] : acked) {
    Json app;
    for (const auto& s : sent) {
      if (s["client_id"] == client_id) app = s;
    }
    auto r = restarted.post("/api/v1/applications", app, kiosk);
    ASSERT_EQ(r.status, 200) << r.body;
    ASSERT_EQ(r.json()["application_no"], no);
  }
  // And nothing is there twice: the county's whole intake has distinct numbers and at most
  // one entry per submission sent.
  const std::string admin = login(restarted, "crash-admin");
  std::set<std::string> numbers;
  size_t rows = 0;
  std::string cursor;
  for (;;) {
    auto page = restarted.get("/api/v1/intake?limit=200" + (cursor.empty() ? "" : "&cursor=" + cursor), admin);
    ASSERT_EQ(page.status, 200);
    for (const auto& item : items(page)) {
      numbers.insert(item["application_no"]);
      ++rows;
    }
    if (page.json()["next_cursor"].is_null()) break;
    cursor = page.json()["next_cursor"];
  }
  EXPECT_EQ(numbers.size(), rows);
  EXPECT_GE(rows, acked.size());
  EXPECT_LE(rows, sent.size());
  for (const auto& [client_id, no] : acked) EXPECT_TRUE(numbers.count(no)) << no;
}

TEST_P(ProcessTest, SigtermFinishesInFlightRequestsAndExitsZero) {
  TempDir dir;
  const std::string url = database_url(GetParam(), dir.path());
  const std::string kiosk = add_kiosk(url, "K-TERM", kTownship);
  ServerProcess server(dir.path(), url);
  std::atomic<int> ok{0}, failed{0};
  std::thread client([&] {
    for (int i = 0; i < 50; ++i) {
      try {
        auto r = server.post("/api/v1/applications", application(kTownship, uuid()), kiosk);
        (r.status == 201 ? ok : failed)++;
      } catch (const std::exception&) {
        break;  // connection refused once the server stopped accepting
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(server.terminate(), 0);
  client.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GT(ok.load(), 0);
}

// The log has a line per request and, once stopped, all of them; never an ID number or a name.
TEST_P(ProcessTest, LogHasEveryRequestAndNoPersonalData) {
  TempDir dir;
  const std::string url = database_url(GetParam(), dir.path());
  const std::string kiosk = add_kiosk(url, "K-LOG", kTownship);
  ServerProcess server(dir.path(), url);
  const std::string id = id_number("19480101", 457);
  constexpr int kSubmissions = 20;
  for (int i = 0; i < kSubmissions; ++i) {
    ASSERT_EQ(server.post("/api/v1/applications", application(kTownship, uuid(), id), kiosk).status, 201);
  }
  EXPECT_EQ(server.terminate(), 0);
  const std::string log = read_file(server.log_file());
  size_t lines = 0;
  for (size_t at = 0; (at = log.find("event=request method=POST route=/api/v1/applications status=201", at)) != std::string::npos; ++at) {
    ++lines;
  }
  EXPECT_EQ(lines, static_cast<size_t>(kSubmissions));
  EXPECT_EQ(log.find(id), std::string::npos);
  EXPECT_EQ(log.find(id.substr(0, 14)), std::string::npos);
  EXPECT_EQ(log.find("张三"), std::string::npos);
}

TEST_P(ProcessTest, ProgressIsRateLimitedPerAddress) {
  TempDir dir;
  {
    std::ofstream cfg(dir.path() + "/cfg.json");
    cfg << R"({"progress_burst": 3, "progress_per_minute": 1})";
  }
  ServerProcess server(dir.path(), database_url(GetParam(), dir.path()), {"--config", dir.path() + "/cfg.json"});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(server.get("/api/v1/progress?application_no=x-1&check=1234").status, 404);
  auto r = server.get("/api/v1/progress?application_no=x-1&check=1234");
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(r.headers.count("Retry-After"));
}

TEST_P(ProcessTest, MetricsOnlyFromLoopbackAndBadConfigFails) {
  TempDir dir;
  auto bad = run_server_command({"serve", "--listen", "nonsense"});
  EXPECT_EQ(bad.exit_code, 2);
  auto unknown = run_server_command({"serve", "--frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  auto help = run_server_command({"serve", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("usage"), std::string::npos);
  auto kiosk_bad = run_server_command({"kiosk", "add", "--id", "x", "--township", "999999001", "--data-dir", dir.path()});
  EXPECT_EQ(kiosk_bad.exit_code, 2);
  auto user_short = run_server_command({"user", "add", "--login", "a", "--role", "caseworker", "--township", kTownship,
                                        "--data-dir", dir.path()}, "short\n");
  EXPECT_EQ(user_short.exit_code, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProcessTest, ::testing::ValuesIn(backends()), [](const auto& info) { return info.param; });

}  // namespace
