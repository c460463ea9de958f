// The county view of the staff console (docs/console.md, 县级; docs/api.md): counts per township
// and program, the overdue cases list, the discovery run history, and the audit log's filters —
// numbers checked against what the test itself submitted, pagination, county scoping (another
// county's administrator sees none of it) and roles, on each back end. Each back end gets its
// own server, so that the counts are exactly those of this test.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "api_env.h"
#include "backend/discovery/synth.h"
#include "backend/store/database.h"
#include "backend/store/sql_query.h"
#include "core/date.h"

using namespace jiuzhu::test;
namespace fs = std::filesystem;

namespace {

struct CountyEnv {
  TempDir dir;
  std::string url, feeds_root;
  std::unique_ptr<ServerProcess> server;
  std::map<std::string, std::string> token;

  explicit CountyEnv(const std::string& backend) {
    feeds_root = dir.path() + "/feeds";
    jiuzhu::discovery::SynthOptions o;
    o.county = kCounty;
    o.residents = 1500;
    o.seed = 20261207;
    o.out_dir = feeds_root + "/run1";
    o.as_of = *jiuzhu::Date::parse_iso("2026-11-24");
    fs::create_directories(o.out_dir);
    auto st = jiuzhu::discovery::synthesize_county(o);
    if (!st.ok()) throw std::runtime_error("synth failed: " + st.error().message);
    url = database_url(backend, dir.path());
    token["kiosk"] = add_kiosk(url, "K-LJ-01", kTownship);
    token["kiosk2"] = add_kiosk(url, "K-BS-01", kOtherTownship);
    add_user(url, "cw", {"--role", "caseworker", "--township", kTownship});
    add_user(url, "hall", {"--role", "hall_staff", "--township", kTownship});
    add_user(url, "admin", {"--role", "county_admin", "--county", kCounty});
    add_user(url, "admin2", {"--role", "county_admin", "--county", kOtherCounty});
    add_user(url, "dept", {"--role", "department", "--department", "education", "--county", kCounty});
    server = std::make_unique<ServerProcess>(dir.path() + "/data", url,
                                             std::vector<std::string>{"--feeds-root", feeds_root});
    for (const char* u : {"cw", "hall", "admin", "admin2", "dept"}) token[u] = login(*server, u);
  }
};

class CountyApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static CountyEnv& env() {
    static std::map<std::string, std::unique_ptr<CountyEnv>> envs;
    auto& slot = envs[GetParam()];
    if (!slot) slot = std::make_unique<CountyEnv>(GetParam());
    return *slot;
  }
  const ServerProcess& srv() { return *env().server; }
  std::string tok(const std::string& who) { return env().token.at(who); }

  std::string submit(const std::string& kiosk, const std::string& township) {
    auto r = srv().post("/api/v1/applications", application(township, uuid()), tok(kiosk));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["application_no"];
  }

  // Moves an application's statutory due date into the past, as time passing would.
  void set_due(const std::string& no, const std::string& due) {
    auto db = jiuzhu::backend::open_database(env().url);
    ASSERT_TRUE(db.ok());
    auto st = (*db)->write([&](jiuzhu::backend::Tx& tx) -> jiuzhu::Status {
      jiuzhu::backend::sql::exec(tx, "UPDATE applications SET due_date = ? WHERE application_no = ?",
                                 {due, no});
      return jiuzhu::Ok{};
    });
    ASSERT_TRUE(st.ok());
  }

  static Json township(const Json& overview, const std::string& code) {
    for (const auto& t : overview["townships"]) {
      if (t["township"] == code) return t;
    }
    return Json();
  }
};

TEST_P(CountyApiTest, OverviewCountsPerTownshipAndProgramAndOverdueList) {
  const auto before = srv().get("/api/v1/county/overview", tok("admin")).json();
  const std::string a = submit("kiosk", kTownship);
  const std::string b = submit("kiosk", kTownship);
  const std::string c = submit("kiosk2", kOtherTownship);
  const std::string today = jiuzhu::Date::today_china().iso();
  const std::string ten_ago = jiuzhu::Date::today_china().plus_days(-10).iso();
  const std::string three_ago = jiuzhu::Date::today_china().plus_days(-3).iso();
  set_due(a, ten_ago);
  set_due(c, three_ago);
  set_due(b, today);  // due today: not overdue yet

  auto r = srv().get("/api/v1/county/overview", tok("admin"));
  ASSERT_EQ(r.status, 200) << r.body;
  const Json o = r.json();
  EXPECT_EQ(o["county"], kCounty);
  EXPECT_EQ(o["today"], today);
  const Json t1 = township(o, kTownship), t0 = township(before, kTownship);
  ASSERT_TRUE(t1.is_object()) << r.body;
  EXPECT_EQ(t1["township_name"], "罗锦镇");
  auto count = [](const Json& t, const char* key) -> int64_t {
    return t.is_object() ? t.value(key, int64_t{0}) : 0;
  };
  auto received = [](const Json& t) -> int64_t {
    return t.is_object() ? t["applications"].value("received", int64_t{0}) : 0;
  };
  EXPECT_EQ(received(t1) - received(t0), 2);
  EXPECT_EQ(count(t1, "overdue") - count(t0, "overdue"), 1);
  const Json t2 = township(o, kOtherTownship), t2b = township(before, kOtherTownship);
  EXPECT_EQ(received(t2) - received(t2b), 1);
  EXPECT_EQ(count(t2, "overdue") - count(t2b, "overdue"), 1);
  EXPECT_EQ(o["total"]["overdue"].get<int64_t>() - before["total"]["overdue"].get<int64_t>(), 2);
  // Per program: the test application asks for dibao (test_support application()).
  int64_t dibao_here = 0;
  for (const auto& p : o["programs"]) {
    if (p["township"] == kTownship) dibao_here += p["applications"]["total"].get<int64_t>();
  }
  EXPECT_GE(dibao_here, 2);

  // The overdue list: longest overdue first, with days overdue; by township; paginated.
  auto list = srv().get("/api/v1/county/overdue?limit=1", tok("admin"));
  ASSERT_EQ(list.status, 200) << list.body;
  const Json first = items(list);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0]["application_no"], a);
  EXPECT_EQ(first[0]["days_overdue"], 10);
  EXPECT_TRUE(first[0]["working_days_overdue"].is_number());
  EXPECT_GE(first[0]["working_days_overdue"].get<int>(), 5);
  const std::string cursor = list.json()["next_cursor"];
  auto second = srv().get("/api/v1/county/overdue?limit=1&cursor=" + cursor, tok("admin"));
  ASSERT_EQ(second.status, 200);
  ASSERT_EQ(items(second).size(), 1u);
  EXPECT_EQ(items(second)[0]["application_no"], c);
  EXPECT_EQ(items(second)[0]["days_overdue"], 3);
  auto third =
      srv().get("/api/v1/county/overdue?limit=1&cursor=" + second.json()["next_cursor"].get<std::string>(),
                tok("admin"));
  EXPECT_TRUE(items(third).empty());
  auto by_town = srv().get(std::string("/api/v1/county/overdue?township=") + kOtherTownship, tok("admin"));
  ASSERT_EQ(items(by_town).size(), 1u);
  EXPECT_EQ(items(by_town)[0]["application_no"], c);
  // A decided case is no longer overdue.
  for (const char* to : {"investigating"}) {
    ASSERT_EQ(
        srv()
            .post("/api/v1/cases/" + a + "/transitions", Json{{"to", to}, {"note", "开始核查"}}, tok("cw"))
            .status,
        200);
  }
  ASSERT_EQ(srv()
                .post("/api/v1/cases/" + a + "/transitions", Json{{"to", "withdrawn"}, {"note", "本人撤回"}},
                      tok("cw"))
                .status,
            200);
  auto after = srv().get("/api/v1/county/overdue", tok("admin"));
  for (const auto& it : items(after)) EXPECT_NE(it["application_no"], a);

  // Another county's administrator sees nothing of this county.
  auto other = srv().get("/api/v1/county/overview", tok("admin2"));
  ASSERT_EQ(other.status, 200);
  EXPECT_TRUE(township(other.json(), kTownship).is_null());
  EXPECT_EQ(other.json()["total"]["applications"]["total"], 0);
  EXPECT_TRUE(items(srv().get("/api/v1/county/overdue", tok("admin2"))).empty());
  EXPECT_TRUE(
      items(srv().get(std::string("/api/v1/county/overdue?township=") + kTownship, tok("admin2"))).empty());
}

TEST_P(CountyApiTest, OverviewAndOverdueRefuseOtherRolesAndBadInput) {
  for (const char* who : {"cw", "hall", "dept", "kiosk"}) {
    EXPECT_EQ(srv().get("/api/v1/county/overview", tok(who)).status, 403) << who;
    EXPECT_EQ(srv().get("/api/v1/county/overdue", tok(who)).status, 403) << who;
    EXPECT_EQ(srv().get("/api/v1/discovery/runs", tok(who)).status, 403) << who;
  }
  EXPECT_EQ(srv().get("/api/v1/county/overview").status, 401);
  for (const char* bad : {"cursor=abc", "cursor=2026-01-01", "cursor=2026-13-01.5", "cursor=2026-01-01.x",
                          "limit=0", "limit=201", "township=1234567890123"}) {
    auto r = srv().get(std::string("/api/v1/county/overdue?") + bad, tok("admin"));
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
  }
  EXPECT_EQ(srv().get("/api/v1/discovery/runs?limit=0", tok("admin")).status, 400);
  EXPECT_EQ(srv().get("/api/v1/discovery/runs?before=-1", tok("admin")).status, 400);
}

TEST_P(CountyApiTest, RunHistoryListsRunsWithPerFileCountsNewestFirst) {
  auto before = srv().get("/api/v1/discovery/runs", tok("admin"));
  ASSERT_EQ(before.status, 200) << before.body;
  const size_t had = items(before).size();
  auto run = srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", "run1"}, {"as_of", "2026-11-24"}},
                        tok("admin"));
  ASSERT_EQ(run.status, 201) << run.body;
  const Json started = run.json();
  auto second = srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", "run1"}, {"as_of", "2026-11-25"}},
                           tok("admin"));
  ASSERT_EQ(second.status, 201) << second.body;

  auto r = srv().get("/api/v1/discovery/runs", tok("admin"));
  ASSERT_EQ(r.status, 200);
  const Json list = items(r);
  ASSERT_EQ(list.size(), had + 2);
  EXPECT_EQ(list[0]["run_id"], second.json()["run_id"]);
  const Json& mine = list[1];
  EXPECT_EQ(mine["run_id"], started["run_id"]);
  EXPECT_EQ(mine["as_of"], "2026-11-24");
  EXPECT_EQ(mine["created_by"], "user:admin");
  EXPECT_EQ(mine["result"], "stored");
  EXPECT_EQ(mine["flagged"], started["flagged"]);
  EXPECT_EQ(mine["households"], started["households"]);
  EXPECT_EQ(mine["row_errors"], started["row_errors"]);
  EXPECT_EQ(mine["row_warnings"], started["row_warnings"]);
  ASSERT_TRUE(mine["files"].contains("population.csv")) << mine.dump();
  EXPECT_GT(mine["files"]["population.csv"]["rows"].get<int64_t>(), 1000);
  EXPECT_EQ(mine["source"], "feeds_dir");
  EXPECT_EQ(second.json()["new"], 0);  // the same feeds again: nothing new

  // Pages: newest first, one at a time.
  auto p1 = srv().get("/api/v1/discovery/runs?limit=1", tok("admin"));
  ASSERT_EQ(items(p1).size(), 1u);
  const int64_t next = p1.json()["next_before"];
  auto p2 = srv().get("/api/v1/discovery/runs?limit=1&before=" + std::to_string(next), tok("admin"));
  ASSERT_EQ(items(p2).size(), 1u);
  EXPECT_EQ(items(p2)[0]["run_id"], started["run_id"]);
  // Another county sees none of these runs.
  EXPECT_TRUE(items(srv().get("/api/v1/discovery/runs", tok("admin2"))).empty());
  // The ledger says how old the feed data was when each rule fired: the first run (data of
  // 2026-11-24) flagged every item, today.
  const int age = jiuzhu::Date(2026, 11, 24).days_until(jiuzhu::Date::today_china());
  auto ledger = srv().get("/api/v1/discovery/ledger?from=2026-01-01", tok("admin"));
  ASSERT_EQ(ledger.status, 200) << ledger.body;
  int64_t flagged = 0;
  const Json lj = ledger.json();
  ASSERT_FALSE(lj["rules"].empty());
  for (const auto& r : lj["rules"]) {
    EXPECT_EQ(r["median_feed_age_days"], age) << r.dump();
    EXPECT_EQ(r["max_feed_age_days"], age) << r.dump();
  }
  for (const auto& r : lj["rows"]) flagged += r["flagged"].get<int64_t>();
  EXPECT_GE(flagged, started["flagged"].get<int64_t>());  // an item counts under each of its flags
  // The overview now counts the county's discovery queue: every flagged household is an item,
  // none closed yet.
  auto o = srv().get("/api/v1/county/overview", tok("admin")).json();
  EXPECT_EQ(o["total"]["discovery_open"], started["flagged"]) << o.dump();
  EXPECT_EQ(o["total"]["discovery_closed"], 0);
  int64_t open_sum = 0;
  for (const auto& t : o["townships"]) open_sum += t["discovery_open"].get<int64_t>();
  EXPECT_EQ(open_sum, started["flagged"].get<int64_t>());
}

TEST_P(CountyApiTest, AuditLogFiltersAndPagesOnTheServer) {
  const std::string no = submit("kiosk", kTownship);
  ASSERT_EQ(srv().get("/api/v1/cases/" + no, tok("cw")).status, 200);
  ASSERT_EQ(srv().get("/api/v1/cases/" + no, tok("cw")).status, 200);
  // By record: the application's creation by the kiosk and the two reads by the caseworker.
  auto r = srv().get("/api/v1/audit?record_id=" + no, tok("admin"));
  ASSERT_EQ(r.status, 200) << r.body;
  Json rows = items(r);
  ASSERT_EQ(rows.size(), 3u) << r.body;
  EXPECT_EQ(rows[0]["action"], "create");
  EXPECT_EQ(rows[0]["actor"], "kiosk:K-LJ-01");
  EXPECT_EQ(rows[1]["actor"], "user:cw");
  // By actor and action, newest first.
  auto desc = srv().get("/api/v1/audit?order=desc&actor=user:cw&action=read&record_id=" + no, tok("admin"));
  rows = items(desc);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_GT(rows[0]["seq"].get<int64_t>(), rows[1]["seq"].get<int64_t>());
  // Pages of one, newest first, following next_cursor.
  auto p1 = srv().get("/api/v1/audit?order=desc&limit=1&record_id=" + no, tok("admin"));
  ASSERT_EQ(items(p1).size(), 1u);
  const int64_t cursor = p1.json()["next_cursor"];
  auto p2 = srv().get(
      "/api/v1/audit?order=desc&limit=1&record_id=" + no + "&before=" + std::to_string(cursor), tok("admin"));
  ASSERT_EQ(items(p2).size(), 1u);
  EXPECT_LT(items(p2)[0]["seq"].get<int64_t>(), cursor);
  // By date: today has them; yesterday has none of them.
  const std::string today = jiuzhu::Date::today_china().iso();
  const std::string yesterday = jiuzhu::Date::today_china().plus_days(-1).iso();
  EXPECT_EQ(
      items(srv().get("/api/v1/audit?record_id=" + no + "&from=" + today + "&to=" + today, tok("admin")))
          .size(),
      3u);
  EXPECT_TRUE(items(srv().get("/api/v1/audit?record_id=" + no + "&to=" + yesterday, tok("admin"))).empty());
  // The county's own rows (listing the county view) are in the county's log.
  ASSERT_EQ(srv().get("/api/v1/county/overview", tok("admin")).status, 200);
  auto own = srv().get("/api/v1/audit?order=desc&limit=5&record_type=county_overview", tok("admin"));
  ASSERT_FALSE(items(own).empty()) << own.body;
  EXPECT_EQ(items(own)[0]["actor"], "user:admin");
  // Another county's administrator finds none of these rows.
  EXPECT_TRUE(items(srv().get("/api/v1/audit?record_id=" + no, tok("admin2"))).empty());
  EXPECT_TRUE(
      items(srv().get("/api/v1/audit?order=desc&record_type=county_overview&actor=user:admin", tok("admin2")))
          .empty());
  // Bad filters are refused with the field.
  for (const char* bad : {"from=2026-13-01", "to=yesterday", "order=up", "before=-5"}) {
    auto b = srv().get(std::string("/api/v1/audit?") + bad, tok("admin"));
    EXPECT_EQ(b.status, 400) << bad;
  }
  EXPECT_EQ(srv().get("/api/v1/audit?from=2026-13-01", tok("admin")).json()["error"]["field"], "from");
  EXPECT_EQ(srv().get("/api/v1/audit?record_id=" + no, tok("cw")).status, 403);
}

TEST_P(CountyApiTest, StaffAccountsAddDisableEnableAndResetWithinTheCounty) {
  auto has = [](const Json& list, const std::string& login) {
    for (const auto& a : list) {
      if (a["login"] == login) return true;
    }
    return false;
  };
  auto list = srv().get("/api/v1/staff", tok("admin"));
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_TRUE(has(items(list), "cw"));
  EXPECT_TRUE(has(items(list), "admin"));
  EXPECT_FALSE(has(items(list), "admin2"));
  // A new caseworker: the password is in the answer once, and works.
  const std::string login = "cw-new-" + GetParam();
  auto made =
      srv().post("/api/v1/staff",
                 Json{{"login", login}, {"role", "caseworker"}, {"township", kOtherTownship}}, tok("admin"));
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["county"], kCounty);
  EXPECT_EQ(made.json()["active"], true);
  const std::string pw = made.json()["password"];
  EXPECT_EQ(pw.size(), 12u);
  auto in = srv().post("/api/v1/auth/login", Json{{"login", login}, {"password", pw}});
  ASSERT_EQ(in.status, 200) << in.body;
  const std::string token = in.json()["token"];
  EXPECT_EQ(srv().get("/api/v1/intake", token).status, 200);
  EXPECT_FALSE(has(items(srv().get("/api/v1/staff", tok("admin2"))), login));
  // Refused: a taken login, a township of another county, bad role, missing login, other roles.
  EXPECT_EQ(srv()
                .post("/api/v1/staff",
                      Json{{"login", login}, {"role", "caseworker"}, {"township", kTownship}}, tok("admin"))
                .status,
            409);
  auto foreign =
      srv().post("/api/v1/staff", Json{{"login", "x1"}, {"role", "caseworker"}, {"township", "370102001"}},
                 tok("admin"));
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(foreign.json()["error"]["field"], "township");
  EXPECT_EQ(srv()
                .post("/api/v1/staff", Json{{"login", "x2"}, {"role", "root"}}, tok("admin"))
                .json()["error"]["field"],
            "role");
  EXPECT_EQ(srv().post("/api/v1/staff", Json{{"role", "caseworker"}}, tok("admin")).status, 400);
  EXPECT_EQ(
      srv().post("/api/v1/staff", Json{{"login", "a b"}, {"role", "county_admin"}}, tok("admin")).status,
      400);
  EXPECT_EQ(srv()
                .post("/api/v1/staff", Json{{"login", "x3"}, {"role", "hall_staff"}, {"township", kTownship}},
                      tok("cw"))
                .status,
            403);
  // Disabled: the session ends at once and the login is refused; enabled: it works again.
  ASSERT_EQ(srv().post("/api/v1/staff/" + login + "/disable", Json::object(), tok("admin")).status, 200);
  EXPECT_EQ(srv().get("/api/v1/intake", token).status, 401);
  EXPECT_EQ(srv().post("/api/v1/auth/login", Json{{"login", login}, {"password", pw}}).status, 401);
  for (const auto& a : items(srv().get("/api/v1/staff", tok("admin")))) {
    if (a["login"] == login) {
      EXPECT_EQ(a["active"], false);
    }
  }
  ASSERT_EQ(srv().post("/api/v1/staff/" + login + "/enable", Json::object(), tok("admin")).status, 200);
  auto again = srv().post("/api/v1/auth/login", Json{{"login", login}, {"password", pw}});
  ASSERT_EQ(again.status, 200);
  // A new password: the old one and its sessions stop working.
  auto reset = srv().post("/api/v1/staff/" + login + "/password", Json::object(), tok("admin"));
  ASSERT_EQ(reset.status, 200) << reset.body;
  const std::string pw2 = reset.json()["password"];
  EXPECT_NE(pw2, pw);
  EXPECT_EQ(srv().get("/api/v1/intake", again.json()["token"].get<std::string>()).status, 401);
  EXPECT_EQ(srv().post("/api/v1/auth/login", Json{{"login", login}, {"password", pw}}).status, 401);
  EXPECT_EQ(srv().post("/api/v1/auth/login", Json{{"login", login}, {"password", pw2}}).status, 200);
  // Another county's administrator cannot touch it (404), nor can one disable oneself.
  for (const char* what : {"/disable", "/enable", "/password"}) {
    EXPECT_EQ(srv().post("/api/v1/staff/" + login + what, Json::object(), tok("admin2")).status, 404) << what;
  }
  EXPECT_EQ(srv().post("/api/v1/staff/nobody/disable", Json::object(), tok("admin")).status, 404);
  EXPECT_EQ(srv().post("/api/v1/staff/admin/disable", Json::object(), tok("admin")).status, 409);
  // Every change is in the audit log, under the account.
  std::set<std::string> actions;
  for (const auto& row :
       items(srv().get("/api/v1/audit?record_type=user&record_id=" + login, tok("admin")))) {
    actions.insert(row["action"].get<std::string>());
    EXPECT_EQ(row["actor"], "user:admin");
    EXPECT_EQ(row["detail"].get<std::string>().find(pw2), std::string::npos);
  }
  EXPECT_EQ(actions, (std::set<std::string>{"create", "disable", "enable", "reset_password"}));
}

TEST_P(CountyApiTest, KiosksGetOneTimeCodesAndAreDisabledWithinTheCounty) {
  const std::string id = "K-NEW-" + GetParam();
  auto issued = srv().post("/api/v1/kiosks/enrol-codes", Json{{"kiosk_id", id}, {"township", kOtherTownship}},
                           tok("admin"));
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string code = issued.json()["code"];
  EXPECT_EQ(code.size(), 19u);  // XXXX-XXXX-XXXX-XXXX
  auto enrolled = srv().post("/api/v1/kiosks/enrol", Json{{"code", code}});
  ASSERT_EQ(enrolled.status, 200) << enrolled.body;
  const std::string token = enrolled.json()["token"];
  EXPECT_EQ(srv().get("/api/v1/kiosks/self", token).status, 200);
  EXPECT_EQ(srv().post("/api/v1/kiosks/enrol", Json{{"code", code}}).status, 401);  // once only
  bool listed = false;
  for (const auto& k : items(srv().get("/api/v1/kiosks", tok("admin"))))
    listed = listed || k["kiosk_id"] == id;
  EXPECT_TRUE(listed);
  // Disabled: its token stops at once; enabled: it works again.
  ASSERT_EQ(srv().post("/api/v1/kiosks/" + id + "/disable", Json::object(), tok("admin")).status, 200);
  EXPECT_EQ(srv().get("/api/v1/kiosks/self", token).status, 401);
  EXPECT_EQ(srv()
                .post("/api/v1/kiosks/enrol-codes", Json{{"kiosk_id", id}, {"township", kOtherTownship}},
                      tok("admin"))
                .status,
            409);
  ASSERT_EQ(srv().post("/api/v1/kiosks/" + id + "/enable", Json::object(), tok("admin")).status, 200);
  EXPECT_EQ(srv().get("/api/v1/kiosks/self", token).status, 200);
  // Another county: 404 for the kiosk, 400 for a township outside its own county.
  EXPECT_EQ(srv().post("/api/v1/kiosks/" + id + "/disable", Json::object(), tok("admin2")).status, 404);
  auto foreign = srv().post("/api/v1/kiosks/enrol-codes", Json{{"kiosk_id", "K-X"}, {"township", kTownship}},
                            tok("admin2"));
  EXPECT_EQ(foreign.status, 400);
  EXPECT_EQ(foreign.json()["error"]["field"], "township");
  // The same id in another township of this county is refused; bad input is refused by field.
  EXPECT_EQ(
      srv()
          .post("/api/v1/kiosks/enrol-codes", Json{{"kiosk_id", id}, {"township", kTownship}}, tok("admin"))
          .status,
      409);
  EXPECT_EQ(srv()
                .post("/api/v1/kiosks/enrol-codes", Json{{"kiosk_id", "../x"}, {"township", kTownship}},
                      tok("admin"))
                .json()["error"]["field"],
            "kiosk_id");
  EXPECT_EQ(srv()
                .post("/api/v1/kiosks/enrol-codes",
                      Json{{"kiosk_id", "K-Y"}, {"township", kTownship}, {"valid_hours", 1000}}, tok("admin"))
                .json()["error"]["field"],
            "valid_hours");
  EXPECT_EQ(
      srv()
          .post("/api/v1/kiosks/enrol-codes", Json{{"kiosk_id", "K-Y"}, {"township", kTownship}}, tok("cw"))
          .status,
      403);
  std::set<std::string> actions;
  for (const auto& row : items(srv().get("/api/v1/audit?record_type=kiosk&record_id=" + id, tok("admin")))) {
    actions.insert(row["action"].get<std::string>());
  }
  EXPECT_EQ(actions, (std::set<std::string>{"enrol_code", "enrol", "disable", "enable"}));
}

TEST_P(CountyApiTest, AnEnteredHolidayNoticeMakesProvisionalDueDatesFinal) {
  // A case received today; its due date falls in some year.
  const std::string no = submit("kiosk", kTownship);
  auto c = srv().get("/api/v1/cases/" + no, tok("cw"));
  ASSERT_EQ(c.status, 200) << c.body;
  const std::string due = c.json()["deadlines"]["due_date"];
  const int year = std::stoi(due.substr(0, 4));
  auto before = srv().get("/api/v1/calendar/" + std::to_string(year), tok("cw"));
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(c.json()["deadlines"]["provisional"], before.json()["in_force"]["provisional"]);
  if (!before.json()["in_force"]["provisional"].get<bool>()) {
    GTEST_SKIP() << "the due date " << due << " is in a year with final holiday data";
  }
  EXPECT_EQ(before.json()["in_force"]["source"], "shipped");
  EXPECT_FALSE(before.json()["days"].empty());
  auto receipt = srv().get("/api/v1/applications/" + no + "/receipt", tok("cw"));
  ASSERT_EQ(receipt.status, 200);
  EXPECT_EQ(receipt.json()["due_date_provisional"], true);

  // The notice: the due date itself becomes a day off, so the deadline moves later.
  const auto due_date = *jiuzhu::Date::parse_iso(due);
  ASSERT_LE(due_date.iso_weekday(), 5);
  Json saturday;
  for (auto d = jiuzhu::Date(year, 3, 1);; d = d.plus_days(1)) {
    if (d.iso_weekday() == 6) {
      saturday = d.iso();
      break;
    }
  }
  const Json notice = {
      {"document_number", "国办发明电〔" + std::to_string(year - 1) + "〕9号"},
      {"title", "国务院办公厅关于" + std::to_string(year) + "年部分节假日安排的通知"},
      {"published_on", std::to_string(year - 1) + "-11-04"},
      {"holidays", Json::array({Json{{"date", std::to_string(year) + "-01-01"}, {"name", "元旦"}},
                                Json{{"date", due}, {"name", "测试假日"}}})},
      {"workdays", Json::array({Json{{"date", saturday}, {"name", "调休"}}})}};
  const std::string path = "/api/v1/calendar/" + std::to_string(year);
  // Refused: other roles, a make-up day on a weekday, a missing title, a date of another year.
  EXPECT_EQ(srv().request("PUT", path, notice.dump(), tok("cw")).status, 403);
  Json weekday = notice;
  weekday["workdays"] = Json::array({Json{{"date", due}, {"name", "x"}}});
  weekday["holidays"] = Json::array({Json{{"date", std::to_string(year) + "-01-01"}, {"name", "元旦"}}});
  auto bad = srv().request("PUT", path, weekday.dump(), tok("admin"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.json()["error"]["code"], "bad_calendar_notice");
  Json untitled = notice;
  untitled.erase("title");
  EXPECT_EQ(srv().request("PUT", path, untitled.dump(), tok("admin")).json()["error"]["field"], "title");
  Json elsewhere = notice;
  elsewhere["holidays"][0]["date"] = std::to_string(year - 1) + "-12-31";
  EXPECT_EQ(srv().request("PUT", path, elsewhere.dump(), tok("admin")).status, 400);
  EXPECT_EQ(srv().request("PUT", "/api/v1/calendar/20x7", notice.dump(), tok("admin")).status, 400);
  EXPECT_EQ(srv().get("/api/v1/calendar/" + std::to_string(year), tok("cw")).json()["versions"].size(), 0u);

  auto put = srv().request("PUT", path, notice.dump(), tok("admin"));
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(put.json()["provisional"], false);
  EXPECT_GE(put.json()["due_dates_changed"].get<int>(), 1);
  auto after = srv().get("/api/v1/cases/" + no, tok("cw"));
  const std::string moved = after.json()["deadlines"]["due_date"];
  EXPECT_GT(moved, due);
  EXPECT_EQ(after.json()["deadlines"]["provisional"], false);
  EXPECT_EQ(srv().get("/api/v1/applications/" + no + "/receipt", tok("cw")).json()["due_date_provisional"],
            false);
  auto now = srv().get(path, tok("admin2"));  // the calendar is national
  EXPECT_EQ(now.json()["in_force"]["source"], "notice");
  EXPECT_EQ(now.json()["in_force"]["provisional"], false);
  EXPECT_EQ(now.json()["in_force"]["document_number"], notice["document_number"]);
  // A second entry is a new version; the first is kept.
  ASSERT_EQ(srv().request("PUT", path, notice.dump(), tok("admin")).status, 201);
  EXPECT_EQ(srv().get(path, tok("cw")).json()["versions"].size(), 2u);
  // Both the entry and the recomputation are in the audit log.
  std::set<std::string> actions;
  for (const auto& row : items(srv().get("/api/v1/audit?record_type=calendar_notice", tok("admin")))) {
    actions.insert(row["action"].get<std::string>());
  }
  EXPECT_TRUE(actions.count("create") && actions.count("recompute_due_dates"));
}

INSTANTIATE_TEST_SUITE_P(Backends, CountyApiTest, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
