// ops (issue #19): the kiosk heartbeat, POST /api/v1/kiosks/self/status, decoded strictly; the
// kiosk list staff see (GET /api/v1/kiosks) with enabled / last_seen_at / online / clock offset /
// status, scoped to the caller's area; and the /metrics families built from them and from
// discovery runs. On every database back end.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <thread>

#include "api_env.h"
#include "core/timestamp.h"

using namespace jiuzhu::test;

namespace {

class KioskStatusTest : public ::testing::TestWithParam<std::string> {};

Json report(const std::string& reported_at) {
  return Json{{"reported_at", reported_at}, {"reader", "ok"},      {"camera", "fault"},
              {"printer", "ok"},            {"paper", "low"},      {"outbox_backlog", 3},
              {"outbox_oldest_at", "2026-11-24T09:00:00+08:00"},   {"app_version", "0.1.0"}};
}

const Json* item_of(const Json& list, const std::string& id) {
  for (const auto& k : list["items"])
    if (k["kiosk_id"] == id) return &k;
  return nullptr;
}

// The value of a metric line `name{labels} value`, or NaN.
double metric(const std::string& text, const std::string& name_and_labels) {
  const auto p = text.find("\n" + name_and_labels + " ");
  if (p == std::string::npos) return std::nan("");
  return std::stod(text.substr(p + name_and_labels.size() + 2));
}

TEST_P(KioskStatusTest, HeartbeatIsStoredAndShownToStaffOfTheArea) {
  TempDir dir;
  const std::string url = database_url(GetParam(), dir.path());
  const std::string k1 = add_kiosk(url, "K-HB-1", kTownship);
  const std::string k2 = add_kiosk(url, "K-HB-2", kOtherTownship);
  add_kiosk(url, "K-HB-3", kTownship);  // never reports
  add_user(url, "hall", {"--role", "hall_staff", "--township", kTownship});
  add_user(url, "admin", {"--role", "county_admin", "--county", kCounty});
  add_user(url, "admin2", {"--role", "county_admin", "--county", kOtherCounty});
  ServerProcess server(dir.path(), url);
  const std::string hall = login(server, "hall"), admin = login(server, "admin"), admin2 = login(server, "admin2");

  // The kiosk's clock 10 minutes behind the server's.
  const int64_t now = jiuzhu::unix_seconds_now();
  auto r = server.post("/api/v1/kiosks/self/status", report(jiuzhu::rfc3339_china(now - 600)), k1);
  ASSERT_EQ(r.status, 200) << r.body;
  const Json answer = r.json();
  EXPECT_EQ(answer.size(), 3u);
  EXPECT_TRUE(answer["enabled"].get<bool>());
  EXPECT_NEAR(answer["clock_offset_seconds"].get<double>(), 600, 5);
  const std::string server_time = answer["server_time"];
  ASSERT_TRUE(jiuzhu::parse_rfc3339(server_time)) << server_time;
  EXPECT_EQ(server_time.substr(server_time.size() - 6), "+08:00");
  EXPECT_NEAR(static_cast<double>(*jiuzhu::parse_rfc3339(server_time)), static_cast<double>(now), 5);
  // An empty outbox, a good clock: the latest report replaces the first.
  Json second = report(jiuzhu::rfc3339_china(jiuzhu::unix_seconds_now()));
  second["outbox_backlog"] = 0;
  second["outbox_oldest_at"] = nullptr;
  second["paper"] = "out";
  ASSERT_EQ(server.post("/api/v1/kiosks/self/status", second, k2).status, 200);
  ASSERT_EQ(server.post("/api/v1/kiosks/self/status", report(jiuzhu::rfc3339_china(now - 600)), k1).status, 200);

  auto list = server.get("/api/v1/kiosks", admin);
  ASSERT_EQ(list.status, 200) << list.body;
  const Json all = list.json();
  ASSERT_EQ(all["items"].size(), 3u);
  const Json* one = item_of(all, "K-HB-1");
  ASSERT_TRUE(one);
  EXPECT_TRUE((*one)["enabled"].get<bool>());
  EXPECT_TRUE((*one)["online"].get<bool>());
  EXPECT_TRUE(jiuzhu::parse_rfc3339((*one)["last_seen_at"].get<std::string>()));
  EXPECT_NEAR((*one)["clock_offset_seconds"].get<double>(), 600, 5);
  const Json& st = (*one)["status"];
  EXPECT_EQ(st["reader"], "ok");
  EXPECT_EQ(st["camera"], "fault");
  EXPECT_EQ(st["printer"], "ok");
  EXPECT_EQ(st["paper"], "low");
  EXPECT_EQ(st["outbox_backlog"], 3);
  EXPECT_EQ(st["outbox_oldest_at"], "2026-11-24T09:00:00+08:00");
  const Json* two = item_of(all, "K-HB-2");
  ASSERT_TRUE(two);
  EXPECT_TRUE((*two)["status"]["outbox_oldest_at"].is_null());
  EXPECT_EQ((*two)["status"]["paper"], "out");
  const Json* never = item_of(all, "K-HB-3");
  ASSERT_TRUE(never);
  EXPECT_TRUE((*never)["last_seen_at"].is_null());
  EXPECT_FALSE((*never)["online"].get<bool>());
  EXPECT_TRUE((*never)["clock_offset_seconds"].is_null());
  EXPECT_TRUE((*never)["status"].is_null());
  EXPECT_TRUE((*never)["enabled"].get<bool>());
  EXPECT_EQ((*never)["township"], kTownship);

  // Area scope: the hall sees its township's kiosks, another county none.
  auto mine = server.get("/api/v1/kiosks", hall).json();
  EXPECT_EQ(mine["items"].size(), 2u);
  EXPECT_FALSE(item_of(mine, "K-HB-2"));
  EXPECT_TRUE(server.get("/api/v1/kiosks", admin2).json()["items"].empty());
  // Only kiosks report, only staff read.
  EXPECT_EQ(server.post("/api/v1/kiosks/self/status", second, hall).status, 403);
  EXPECT_EQ(server.post("/api/v1/kiosks/self/status", second).status, 401);
  EXPECT_EQ(server.get("/api/v1/kiosks", k1).status, 403);

  // Metrics: backlog, age, clock offset per kiosk; enabled for every kiosk.
  auto m = server.get("/metrics");
  ASSERT_EQ(m.status, 200);
  const std::string k1_labels = std::string("{kiosk=\"K-HB-1\",township=\"") + kTownship + "\"}";
  const std::string k3_labels = std::string("{kiosk=\"K-HB-3\",township=\"") + kTownship + "\"}";
  EXPECT_EQ(metric(m.body, "jiuzhu_kiosk_outbox_backlog" + k1_labels), 3);
  EXPECT_NEAR(metric(m.body, "jiuzhu_kiosk_clock_offset_seconds" + k1_labels), 600, 5);
  EXPECT_NEAR(metric(m.body, "jiuzhu_kiosk_last_seen_seconds" + k1_labels), 0, 5);
  EXPECT_GT(metric(m.body, "jiuzhu_kiosk_outbox_oldest_age_seconds" + k1_labels), 3600);
  EXPECT_EQ(metric(m.body, "jiuzhu_kiosk_enabled" + k3_labels), 1);
  EXPECT_TRUE(std::isnan(metric(m.body, "jiuzhu_kiosk_last_seen_seconds" + k3_labels)));

  // Disabled centrally: the heartbeat's token is refused, the list and metrics say so.
  ASSERT_EQ(run_server_command({"kiosk", "disable", "--id", "K-HB-3", "--db", url}).exit_code, 0);
  EXPECT_FALSE(item_of(server.get("/api/v1/kiosks", admin).json(), "K-HB-3")->at("enabled").get<bool>());
  EXPECT_EQ(metric(server.get("/metrics").body, "jiuzhu_kiosk_enabled" + k3_labels), 0);
}

TEST_P(KioskStatusTest, ReportsAreDecodedStrictly) {
  auto& env = ApiEnv::get(GetParam());
  const std::string kiosk = env.token["kiosk"];
  const std::string at = jiuzhu::rfc3339_china(jiuzhu::unix_seconds_now());
  auto code_of = [&](const Json& body) {
    auto r = env.server->post("/api/v1/kiosks/self/status", body, kiosk);
    return std::to_string(r.status) + " " + (r.status == 200 ? "" : r.json()["error"].value("code", ""));
  };
  EXPECT_EQ(code_of(report(at)), "200 ");
  auto with = [&](const char* key, Json v) {
    Json b = report(at);
    b[key] = std::move(v);
    return b;
  };
  auto without = [&](const char* key) {
    Json b = report(at);
    b.erase(key);
    return b;
  };
  EXPECT_EQ(code_of(with("reader", "broken")), "400 bad_device_state");
  EXPECT_EQ(code_of(with("camera", "OK")), "400 bad_device_state");
  EXPECT_EQ(code_of(with("printer", "")), "400 bad_device_state");
  EXPECT_EQ(code_of(with("paper", "fault")), "400 bad_paper_state");
  EXPECT_EQ(code_of(with("reader", 1)), "400 wrong_type");
  EXPECT_EQ(code_of(with("outbox_backlog", -1)), "400 bad_backlog");
  EXPECT_EQ(code_of(with("outbox_backlog", 1.5)), "400 bad_backlog");
  EXPECT_EQ(code_of(with("outbox_backlog", "3")), "400 bad_backlog");
  EXPECT_EQ(code_of(with("reported_at", "2026-11-24 09:00:00")), "400 bad_timestamp");
  EXPECT_EQ(code_of(with("reported_at", "2026-11-24T09:00:00")), "400 bad_timestamp");  // no offset
  EXPECT_EQ(code_of(with("outbox_oldest_at", "yesterday")), "400 bad_timestamp");
  EXPECT_EQ(code_of(with("app_version", std::string(65, 'v'))), "400 too_long");
  EXPECT_EQ(code_of(with("extra", 1)), "400 unknown_field");
  EXPECT_EQ(code_of(without("paper")), "400 missing_field");
  EXPECT_EQ(code_of(without("outbox_backlog")), "400 missing_field");
  EXPECT_EQ(code_of(without("outbox_oldest_at")), "200 ");  // absent = null: an empty outbox
  EXPECT_EQ(code_of(Json::array()), "400 not_object");
  auto raw = env.server->request("POST", "/api/v1/kiosks/self/status", "{\"reader\":", kiosk);
  EXPECT_EQ(raw.status, 400);
}

TEST_P(KioskStatusTest, DiscoveryRunsAreCountedPerCountyAndResult) {
  auto& env = ApiEnv::get(GetParam());
  auto m0 = env.server->get("/metrics").body;
  const std::string failed = std::string("jiuzhu_discovery_runs_total{county=\"") + kCounty + "\",result=\"failed\"}";
  const std::string ok = std::string("jiuzhu_discovery_runs_total{county=\"") + kOtherCounty + "\",result=\"ok\"}";
  const double failed0 = std::isnan(metric(m0, failed)) ? 0 : metric(m0, failed);
  const double ok0 = std::isnan(metric(m0, ok)) ? 0 : metric(m0, ok);
  EXPECT_EQ(env.server->post("/api/v1/discovery/runs", Json{{"feeds_dir", "nope"}}, env.token["admin"]).status, 400);
  // An uploaded population feed of the header alone: a run that finds nobody, but a run.
  auto r = env.server->post("/api/v1/discovery/runs",
                            Json{{"feeds", {{"population.csv", "id_number,name,sex,birth_date,household_id,relation,township,address\n"}}}},
                            env.token["admin2"]);
  const bool ran = r.status == 201;
  auto m = env.server->get("/metrics").body;
  EXPECT_EQ(metric(m, failed), failed0 + 1);
  if (ran) {
    EXPECT_EQ(metric(m, ok), ok0 + 1) << m;
    const double last = metric(m, std::string("jiuzhu_discovery_last_run_timestamp_seconds{county=\"") + kOtherCounty + "\"}");
    EXPECT_NEAR(last, static_cast<double>(jiuzhu::unix_seconds_now()), 120);
  } else {
    EXPECT_EQ(metric(m, std::string("jiuzhu_discovery_runs_total{county=\"") + kOtherCounty + "\",result=\"failed\"}"),
              1)
        << r.body;
  }
  EXPECT_NE(m.find("# TYPE jiuzhu_discovery_runs_total counter"), std::string::npos);
  EXPECT_NE(m.find("# TYPE jiuzhu_discovery_last_run_timestamp_seconds gauge"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, KioskStatusTest, ::testing::ValuesIn(backends()));

}  // namespace
