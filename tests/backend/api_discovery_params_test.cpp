// A discovery run's pre-screen uses the county parameters in force on the run's as_of
// (services/run_discovery.h): the shipped example file until the county enters a version, the
// entered version once it is effective on or before as_of, never one effective after it — and the
// run says which (POST /api/v1/discovery/runs and the run history). On each back end.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>

#include "api_env.h"

using namespace jiuzhu::test;

namespace {

struct ParamsEnv {
  TempDir dir;
  std::string url;
  std::unique_ptr<ServerProcess> server;
  std::map<std::string, std::string> token;

  explicit ParamsEnv(const std::string& backend) {
    url = database_url(backend, dir.path());
    add_user(url, "admin", {"--role", "county_admin", "--county", kCounty});
    add_user(url, "cw", {"--role", "caseworker", "--township", kTownship});
    add_user(url, "prov", {"--role", "province_admin", "--province", "45"});  // 广西
    server = std::make_unique<ServerProcess>(dir.path() + "/data", url);
    for (const char* u : {"admin", "cw", "prov"}) token[u] = login(*server, u);
  }
};

class DiscoveryParamsTest : public ::testing::TestWithParam<std::string> {
 protected:
  static ParamsEnv& env() {
    static std::map<std::string, std::unique_ptr<ParamsEnv>> envs;
    auto& slot = envs[GetParam()];
    if (!slot) slot = std::make_unique<ParamsEnv>(GetParam());
    return *slot;
  }
  const ServerProcess& srv() { return *env().server; }
  std::string tok(const std::string& who) { return env().token.at(who); }

  // One rural resident aged 76 living alone without a pension (the elderly_alone rule suggests
  // tekun and dibao), with 8 400 yuan of income last year: 700 a month — above the shipped rural
  // 低保 standard of 450326 (560), below the 900 the county enters here. 特困 asks that the
  // person's own income be below the 低保 standard (assets/policies/tekun.json), which the feeds
  // answer; 低保's household test stays unknown (no feed says who lives together), so dibao is
  // needs_review — kept — either way.
  static Json feeds() {
    const std::string id = id_number("19500301", 21);
    return Json{{"population.csv",
                 "id_number,name,household_id,relation,birth_date,hukou_type,township,village,deceased_date\n" + id +
                     ",李四,H-PARAMS-1,head,1950-03-01,rural," + kTownship + ",山水村,\n"},
                {"hr.csv", "id_number,status,since,pension_monthly\n"},
                {"income.csv", "id_number,year,annual_income\n" + id + ",2025,8400\n"}};
  }

  Json run() {
    auto r = srv().post("/api/v1/discovery/runs", Json{{"feeds", feeds()}, {"as_of", "2026-11-24"}}, tok("admin"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json();
  }

  std::vector<std::string> suggested() {
    auto q = srv().get("/api/v1/discovery/queue?status=all", tok("cw"));
    EXPECT_EQ(q.status, 200) << q.body;
    const Json list = q.json()["items"];
    for (const auto& it : list) {
      if (it["household_id"] == "H-PARAMS-1") return it["suggested_programs"].get<std::vector<std::string>>();
    }
    ADD_FAILURE() << "household not queued: " << q.body;
    return {};
  }

  static bool has(const std::vector<std::string>& list, const std::string& p) {
    return std::find(list.begin(), list.end(), p) != list.end();
  }

  Json document(double rural) {
    std::ifstream in(std::string(JIUZHU_SOURCE_ASSETS) + "/params/450326.json");
    Json doc = Json::parse(in);
    doc["dibao_standard_monthly"]["rural"] = rural;
    doc["sources"]["dibao_standard_monthly.rural"] = {{"source", "县民政局通知"},
                                                      {"verified", true},
                                                      {"issuer", "永福县民政局"},
                                                      {"document_number", "永民发〔2026〕9号"},
                                                      {"title", "关于提高城乡低保标准的通知"},
                                                      {"date", "2026-05-20"},
                                                      {"url", "https://example.gov.cn/yf/9"},
                                                      {"quote", "农村低保标准提高到每人每月900元。"}};
    return doc;
  }

  int64_t put_params(const std::string& effective_from, double rural) {
    auto r = srv().request("PUT", std::string("/api/v1/params/") + kCounty,
                           Json{{"effective_from", effective_from}, {"params", document(rural)}}.dump(), tok("admin"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("version", int64_t{0});
  }
};

TEST_P(DiscoveryParamsTest, TheRunScreensWithTheVersionInForceOnItsDate) {
  // Shipped numbers: 700 a month is above the rural standard, so the pre-screen drops 特困.
  Json shipped = run();
  EXPECT_EQ(shipped["prescreen"], true) << shipped.dump();
  EXPECT_EQ(shipped["params"]["source"], "shipped");
  EXPECT_EQ(shipped["params"]["note"], "shipped example, unverified");
  EXPECT_EQ(shipped["flagged"], 1);
  EXPECT_FALSE(has(suggested(), "tekun"));
  EXPECT_TRUE(has(suggested(), "dibao"));

  // A higher standard effective after as_of changes nothing on as_of.
  const int64_t later = put_params("2026-12-01", 900);
  Json before_effective = run();
  EXPECT_EQ(before_effective["params"]["source"], "shipped");
  EXPECT_FALSE(has(suggested(), "tekun"));

  // The same standard effective before as_of is the one in force: 700 < 900, 特困 suggested.
  const int64_t earlier = put_params("2026-06-01", 900);
  ASSERT_GT(earlier, later);
  Json entered = run();
  EXPECT_EQ(entered["params"]["source"], "county");
  EXPECT_EQ(entered["params"]["version"], earlier);
  EXPECT_EQ(entered["params"]["effective_from"], "2026-06-01");
  EXPECT_EQ(entered["params"]["verified"]["rural"], true);
  EXPECT_NE(entered["params"]["citation"].get<std::string>().find("永民发〔2026〕9号"), std::string::npos);
  EXPECT_TRUE(has(suggested(), "tekun"));

  // Without the pre-screen the rule mapping alone applies, and no parameters are named.
  auto plain = srv().post("/api/v1/discovery/runs",
                          Json{{"feeds", feeds()}, {"as_of", "2026-11-24"}, {"prescreen", false}}, tok("admin"));
  ASSERT_EQ(plain.status, 201) << plain.body;
  EXPECT_EQ(plain.json()["prescreen"], false);
  EXPECT_FALSE(plain.json().contains("params"));
  EXPECT_TRUE(has(suggested(), "tekun"));
  EXPECT_TRUE(has(suggested(), "dibao"));
  EXPECT_EQ(srv().post("/api/v1/discovery/runs", Json{{"feeds", feeds()}, {"prescreen", "yes"}}, tok("admin")).status,
            400);

  // The run history keeps which version each run used, newest first.
  auto h = srv().get("/api/v1/discovery/runs", tok("admin"));
  ASSERT_EQ(h.status, 200) << h.body;
  const Json items = h.json()["items"];
  ASSERT_GE(items.size(), 4u);
  EXPECT_EQ(items[0]["prescreen"], false);
  EXPECT_EQ(items[1]["params"]["version"], earlier);
  EXPECT_EQ(items[2]["params"]["source"], "shipped");
}

// #16 "provisional due dates become final": a visit due date the run counted on 2027's provisional
// calendar (weekends only) is counted again when the State Council notice for 2027 is entered.
TEST_P(DiscoveryParamsTest, AnEnteredHolidayNoticeMovesTheQueuesVisitDueDates) {
  auto cal = srv().get("/api/v1/calendar/2027", tok("admin"));
  ASSERT_EQ(cal.status, 200) << cal.body;
  if (!cal.json()["in_force"]["provisional"].get<bool>() || !cal.json()["versions"].empty()) {
    GTEST_SKIP() << "2027 is not provisional here";
  }
  Json f = feeds();
  for (auto& [file, text] : f.items()) {
    std::string t = text.get<std::string>();
    for (size_t at = t.find("H-PARAMS-1"); at != std::string::npos; at = t.find("H-PARAMS-1")) t.replace(at, 10, "H-CAL-1");
    text = t;
  }
  // Monday 2027-03-01; elderly_alone asks for a visit within 10 working days: 2027-03-15.
  auto run = srv().post("/api/v1/discovery/runs", Json{{"feeds", f}, {"as_of", "2027-03-01"}}, tok("admin"));
  ASSERT_EQ(run.status, 201) << run.body;
  auto due_of = [&]() -> std::string {
    auto q = srv().get("/api/v1/discovery/queue?status=all", tok("cw"));
    const Json list = q.json()["items"];
    for (const auto& it : list) {
      if (it["household_id"] == "H-CAL-1") return it["visit_due"];
    }
    return "";
  };
  ASSERT_EQ(due_of(), "2027-03-15");
  // Two days off in that fortnight (Wednesday and Thursday) push it two working days later.
  const Json notice = {{"document_number", "国办发明电〔2026〕99号"},
                       {"title", "测试通知"},
                       {"published_on", "2026-11-04"},
                       {"holidays", Json::array({Json{{"date", "2027-03-03"}, {"name", "测试假日"}},
                                                 Json{{"date", "2027-03-04"}, {"name", "测试假日"}}})},
                       {"workdays", Json::array()}};
  auto put = srv().request("PUT", "/api/v1/calendar/2027", notice.dump(), tok("admin"));
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_GE(put.json()["visit_dues_changed"].get<int>(), 1) << put.body;
  EXPECT_EQ(due_of(), "2027-03-17");
  // A second notice with a make-up Saturday in between brings it one day back.
  Json makeup = notice;
  makeup["workdays"] = Json::array({Json{{"date", "2027-03-06"}, {"name", "调休"}}});
  ASSERT_EQ(srv().request("PUT", "/api/v1/calendar/2027", makeup.dump(), tok("admin")).status, 201);
  EXPECT_EQ(due_of(), "2027-03-16");
  std::set<std::string> actions;
  for (const auto& row : items(srv().get("/api/v1/audit?record_type=calendar_notice", tok("admin")))) {
    actions.insert(row["action"].get<std::string>());
  }
  EXPECT_TRUE(actions.count("recompute_visit_dues"));
}

// A province administrator (additive role) enters the national holiday notice, and nothing else.
TEST_P(DiscoveryParamsTest, AProvinceAdministratorEntersTheCalendarNoticeOnly) {
  auto me = srv().get("/api/v1/me", tok("prov"));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["role"], "province_admin");
  EXPECT_EQ(me.json()["province"], "45");
  EXPECT_FALSE(me.json().contains("county"));
  const Json notice = {{"document_number", "国办发明电〔2027〕7号"},
                       {"title", "国务院办公厅关于2028年部分节假日安排的通知"},
                       {"published_on", "2027-11-04"},
                       {"holidays", Json::array({Json{{"date", "2028-01-01"}, {"name", "元旦"}}})},
                       {"workdays", Json::array()}};
  auto put = srv().request("PUT", "/api/v1/calendar/2028", notice.dump(), tok("prov"));
  ASSERT_EQ(put.status, 201) << put.body;
  auto cal = srv().get("/api/v1/calendar/2028", tok("cw"));  // national: every county's staff see it
  EXPECT_EQ(cal.json()["in_force"]["source"], "notice");
  EXPECT_EQ(cal.json()["versions"][0]["created_by"], "user:prov");
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/intake"},
           {"GET", "/api/v1/discovery/queue"},
           {"GET", "/api/v1/discovery/runs"},
           {"POST", "/api/v1/discovery/runs"},
           {"GET", "/api/v1/staff"},
           {"PUT", std::string("/api/v1/params/") + kCounty},
           {"GET", "/api/v1/audit"}}) {
    EXPECT_EQ(srv().request(method, path, method == "GET" ? "" : "{}", tok("prov")).status, 403) << method << " " << path;
  }
  EXPECT_EQ(srv().request("POST", "/api/v1/auth/logout", "", tok("prov")).status, 200);
  // Made with `user add --province`, never by a county administrator; an unknown province refused.
  auto made = srv().post("/api/v1/staff", Json{{"login", "prov2"}, {"role", "province_admin"}}, tok("admin"));
  EXPECT_EQ(made.status, 400) << made.body;
  EXPECT_EQ(made.json()["error"]["code"], "bad_role");
  auto bad = run_server_command({"user", "add", "--login", "prov3", "--role", "province_admin", "--province", "99", "--db",
                                 env().url},
                                "pw-prov3-secret\n");
  EXPECT_NE(bad.exit_code, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, DiscoveryParamsTest, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
