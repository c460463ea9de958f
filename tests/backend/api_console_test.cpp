// The endpoints the staff console added (docs/console.md, docs/api.md): the console's files
// with their Content-Security-Policy, help calls from kiosks to hall staff, and the audited full
// ID number of a case — roles, area scoping (another township's record is 404), idempotency and
// hostile input, on each back end.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api_env.h"
#include "core/date.h"

using namespace jiuzhu::test;

namespace {

class ConsoleApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  ApiEnv& env() { return ApiEnv::get(GetParam()); }
  const ServerProcess& srv() { return *env().server; }
  std::string tok(const std::string& who) { return env().token.at(who); }

  // A hall staff member of the other township, made once per back end.
  std::string hall2() {
    auto& t = env().token;
    if (!t.count("hall2")) {
      add_user(env().url, "hall2", {"--role", "hall_staff", "--township", kOtherTownship});
      t["hall2"] = login(srv(), "hall2");
    }
    return t.at("hall2");
  }

  static Json call(const std::string& screen = "help", const std::string& id = uuid()) {
    return Json{{"client_id", id}, {"screen", screen}, {"requested_at", "2026-12-06T09:30:00+08:00"}};
  }

  // The open calls hall staff `who` sees.
  Json open_calls(const std::string& token) {
    auto r = srv().get("/api/v1/help-calls", token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }

  static bool has_call(const Json& calls, int64_t id) {
    for (const auto& c : calls) {
      if (c["call_id"] == id) return true;
    }
    return false;
  }
};

TEST_P(ConsoleApiTest, HelpCallRingsTheHallOfItsTownshipOnly) {
  auto r = srv().post("/api/v1/help-calls", call("documents"), tok("kiosk"));
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = r.json()["call_id"];
  EXPECT_EQ(r.json()["status"], "open");
  EXPECT_EQ(r.json()["kiosk_id"], "K-LJ-01");
  EXPECT_EQ(r.json()["screen"], "documents");
  EXPECT_TRUE(has_call(open_calls(tok("hall")), id));
  EXPECT_FALSE(has_call(open_calls(hall2()), id));
  // Another township's hall cannot answer it, nor learn that it exists.
  EXPECT_EQ(
      srv().post("/api/v1/help-calls/" + std::to_string(id) + "/answer", Json::object(), hall2()).status,
      404);
  auto answered =
      srv().post("/api/v1/help-calls/" + std::to_string(id) + "/answer", Json::object(), tok("hall"));
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["status"], "answered");
  EXPECT_EQ(answered.json()["answered_by"], "user:hall");
  EXPECT_FALSE(has_call(open_calls(tok("hall")), id));
  // Answering again keeps the first answer.
  auto again =
      srv().post("/api/v1/help-calls/" + std::to_string(id) + "/answer", Json::object(), tok("hall"));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.json()["answered_at"], answered.json()["answered_at"]);
  // The answer is in the audit log.
  auto audit = srv().get("/api/v1/audit?limit=1000", tok("admin"));
  bool found = false;
  for (const auto& row : items(audit)) {
    found = found || (row["action"] == "answer" && row["record_type"] == "help_call" &&
                      row["record_id"] == std::to_string(id) && row["actor"] == "user:hall");
  }
  EXPECT_TRUE(found);
}

TEST_P(ConsoleApiTest, HelpCallIsIdempotentOnClientId) {
  const Json body = call("home");
  auto first = srv().post("/api/v1/help-calls", body, tok("kiosk"));
  ASSERT_EQ(first.status, 201) << first.body;
  auto retry = srv().post("/api/v1/help-calls", body, tok("kiosk"));
  EXPECT_EQ(retry.status, 200);
  EXPECT_EQ(retry.json()["call_id"], first.json()["call_id"]);
  int count = 0;
  for (const auto& c : open_calls(tok("hall"))) count += c["client_id"] == body["client_id"];
  EXPECT_EQ(count, 1);
  // The same client_id from another kiosk, or for another screen, is not this call.
  auto other = srv().post("/api/v1/help-calls", body, tok("kiosk2"));
  EXPECT_EQ(other.status, 409);
  EXPECT_EQ(other.json()["error"]["code"], "client_id_in_use");
  Json moved = body;
  moved["screen"] = "receipt";
  EXPECT_EQ(srv().post("/api/v1/help-calls", moved, tok("kiosk")).status, 409);
}

TEST_P(ConsoleApiTest, HelpCallInputIsCheckedField_by_field) {
  struct Case {
    Json body;
    const char* code;
    const char* field;
  };
  const std::vector<Case> cases = {
      {Json{{"client_id", "not-a-uuid"}, {"screen", "help"}, {"requested_at", "2026-12-06T09:30:00+08:00"}},
       "bad_client_id", "client_id"},
      {Json{{"client_id", uuid()}, {"screen", "Help Me"}, {"requested_at", "2026-12-06T09:30:00+08:00"}},
       "bad_screen", "screen"},
      {Json{{"client_id", uuid()},
            {"screen", std::string(65, 'a')},
            {"requested_at", "2026-12-06T09:30:00+08:00"}},
       "too_long", "screen"},
      {Json{{"client_id", uuid()}, {"screen", "help"}, {"requested_at", "2026-12-06 9:30"}}, "bad_timestamp",
       "requested_at"},
      {Json{{"client_id", uuid()}, {"screen", "help"}}, "missing_field", "requested_at"},
      {Json{{"client_id", uuid()}, {"screen", "help"}, {"requested_at", "2026-12-06T09:30:00Z"}, {"x", 1}},
       "unknown_field", "x"},
      {Json{{"client_id", 7}, {"screen", "help"}, {"requested_at", "2026-12-06T09:30:00Z"}}, "wrong_type",
       "client_id"},
  };
  for (const auto& c : cases) {
    auto r = srv().post("/api/v1/help-calls", c.body, tok("kiosk"));
    SCOPED_TRACE(c.body.dump() + " → " + r.body);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(r.json()["error"]["code"], c.code);
    EXPECT_EQ(r.json()["error"]["field"], c.field);
  }
  EXPECT_EQ(srv().request("POST", "/api/v1/help-calls", "{", tok("kiosk")).status, 400);
  EXPECT_EQ(srv().request("POST", "/api/v1/help-calls", "{}", tok("kiosk"), "text/plain").status, 415);
  EXPECT_EQ(srv().post("/api/v1/help-calls/abc/answer", Json::object(), tok("hall")).status, 404);
  EXPECT_EQ(srv().post("/api/v1/help-calls/99999999/answer", Json::object(), tok("hall")).status, 404);
  EXPECT_EQ(srv().post("/api/v1/help-calls/1/answer", Json{{"note", "x"}}, tok("hall")).status, 400);
  EXPECT_EQ(srv().get("/api/v1/help-calls?limit=0", tok("hall")).status, 400);
}

TEST_P(ConsoleApiTest, HelpCallRoles) {
  auto made = srv().post("/api/v1/help-calls", call(), tok("kiosk"));
  ASSERT_EQ(made.status, 201);
  const std::string answer =
      "/api/v1/help-calls/" + std::to_string(made.json()["call_id"].get<int64_t>()) + "/answer";
  for (const char* who : {"cw", "admin", "dept", "hall"}) {
    EXPECT_EQ(srv().post("/api/v1/help-calls", call(), tok(who)).status, 403) << who;
  }
  for (const char* who : {"kiosk", "cw", "admin", "dept"}) {
    EXPECT_EQ(srv().get("/api/v1/help-calls", tok(who)).status, 403) << who;
    EXPECT_EQ(srv().post(answer, Json::object(), tok(who)).status, 403) << who;
  }
  EXPECT_EQ(srv().post("/api/v1/help-calls", call()).status, 401);
  EXPECT_EQ(srv().get("/api/v1/help-calls").status, 401);
  EXPECT_EQ(srv().post(answer, Json::object()).status, 401);
}

TEST_P(ConsoleApiTest, FullIdNumberIsOneAuditedRequestAway) {
  const Json app = application(kTownship, uuid(), id_number("19461203", 321));
  auto ack = srv().post("/api/v1/applications", app, tok("kiosk"));
  ASSERT_EQ(ack.status, 201) << ack.body;
  const std::string no = ack.json()["application_no"];
  const std::string full = app["applicant"]["id_number"];

  auto c = srv().get("/api/v1/cases/" + no, tok("cw"));
  ASSERT_EQ(c.status, 200);
  EXPECT_EQ(c.body.find(full), std::string::npos) << "the case view holds no full ID number";
  EXPECT_EQ(c.json()["application"]["household"]["members"][0]["id_number"],
            full.substr(0, 6) + "********" + full.substr(14));

  const std::string path = "/api/v1/cases/" + no + "/reveal-id";
  auto r = srv().post(path, Json{{"person", "member:0"}}, tok("cw"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["id_number"], full);
  EXPECT_EQ(r.headers.count("Cache-Control") ? r.headers.at("Cache-Control") : "", "no-store");
  EXPECT_EQ(srv().post(path, Json{{"person", "applicant"}}, tok("admin")).json()["id_number"], full);

  auto audit = srv().get("/api/v1/audit?limit=1000", tok("admin"));
  int reveals = 0;
  for (const auto& row : items(audit)) {
    if (row["action"] == "reveal_id" && row["record_id"] == no) {
      ++reveals;
      EXPECT_TRUE(row["detail"] == "person=member:0" || row["detail"] == "person=applicant");
    }
  }
  EXPECT_EQ(reveals, 2);

  // Out of area: 404, like a case that does not exist. No such person: 404. Bad person: 400.
  EXPECT_EQ(srv().post(path, Json{{"person", "applicant"}}, tok("cw2")).status, 404);
  EXPECT_EQ(srv().post(path, Json{{"person", "applicant"}}, tok("admin2")).status, 404);
  EXPECT_EQ(srv().post("/api/v1/cases/NOPE/reveal-id", Json{{"person", "applicant"}}, tok("cw")).status, 404);
  EXPECT_EQ(srv().post(path, Json{{"person", "member:9"}}, tok("cw")).status, 404);
  EXPECT_EQ(srv().post(path, Json{{"person", "proxy"}}, tok("cw")).status, 404);  // proxy is null
  for (const char* bad : {"member:", "member:-1", "member:1x", "spouse", ""}) {
    auto b = srv().post(path, Json{{"person", bad}}, tok("cw"));
    EXPECT_EQ(b.status, 400) << bad << " " << b.body;
  }
  EXPECT_EQ(srv().post(path, Json{{"person", "applicant"}, {"why", "x"}}, tok("cw")).status, 400);
  for (const char* who : {"kiosk", "hall", "dept"})
    EXPECT_EQ(srv().post(path, Json{{"person", "applicant"}}, tok(who)).status, 403);
}

TEST_P(ConsoleApiTest, ConsoleFilesWithStrictContentSecurityPolicy) {
  // Its own server with a console directory of known files.
  TempDir dir;
  const std::string files = dir.path() + "/console";
  std::filesystem::create_directories(files);
  std::ofstream(files + "/index.html") << "<!doctype html><html lang=\"zh-CN\"><title>t</title></html>";
  std::ofstream(files + "/app.js") << "export {};";
  std::ofstream(dir.path() + "/secret.txt") << "not for the web";
  ServerProcess s(dir.path(), database_url(GetParam(), dir.path()), {"--console-dir", files});

  auto root = s.get("/");
  EXPECT_EQ(root.status, 302);
  EXPECT_EQ(root.headers["Location"], "/console/");
  EXPECT_EQ(s.get("/console").headers["Location"], "/console/");
  auto index = s.get("/console/");
  ASSERT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("lang=\"zh-CN\""), std::string::npos);
  const std::string csp = index.headers["Content-Security-Policy"];
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("script-src 'self';"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("http"), std::string::npos) << csp;
  EXPECT_EQ(index.headers["X-Content-Type-Options"], "nosniff");
  auto js = s.get("/console/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_FALSE(js.headers["Content-Security-Policy"].empty());
  // Nothing outside the directory, no hidden files, no unknown types.
  for (const char* bad :
       {"/console/..%2Fsecret.txt", "/console/%2E%2E/secret.txt", "/console/.htaccess", "/console/nope.js",
        "/console/secret.txt", "/console/a%00.js", "/console/app.js/x"}) {
    auto r = s.get(bad);
    EXPECT_EQ(r.status, 404) << bad << " " << r.body;
    EXPECT_EQ(r.body.find("not for the web"), std::string::npos);
  }
  EXPECT_EQ(s.request("POST", "/console/", "{}").status, 405);
}

// The ledger row of `rule` in township `t` (zeros when absent).
Json ledger_row(const Json& ledger, const std::string& rule, const std::string& t) {
  for (const auto& r : ledger["rows"]) {
    if (r["rule"] == rule && r["township"] == t) return r;
  }
  return Json{{"flagged", 0}, {"visited", 0}, {"confirmed", 0}, {"closed_declined", 0}};
}

TEST_P(ConsoleApiTest, DiscoveryLedgerCountsFlagsVisitsAndClosesInTheCallersArea) {
  const auto before = srv().get("/api/v1/discovery/ledger", tok("cw")).json();
  // An urgent lead enters the township's queue flagged "urgent"; a visit finds the household in
  // need; a second lead is visited and declined (救助自愿).
  std::vector<int64_t> ids;
  for (int i = 0; i < 2; ++i) {
    auto r = srv().post("/api/v1/leads", lead(kTownship, true), tok("kiosk"));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string lead_id = r.json()["lead_id"];
    for (const auto& it : items(srv().get("/api/v1/discovery/queue?limit=1000", tok("cw")))) {
      if (it["lead_id"] == lead_id) ids.push_back(it["id"].get<int64_t>());
    }
  }
  ASSERT_EQ(ids.size(), 2u);
  const std::string today = jiuzhu::Date::today_china().iso();
  auto v1 = srv().post("/api/v1/visits",
                       Json{{"queue_id", ids[0]}, {"visited_on", today}, {"outcome", "needs_assistance"}},
                       tok("cw"));
  ASSERT_EQ(v1.status, 201) << v1.body;
  auto v2 = srv().post("/api/v1/visits",
                       Json{{"queue_id", ids[1]}, {"visited_on", today}, {"outcome", "no_need"}}, tok("cw"));
  ASSERT_EQ(v2.status, 201) << v2.body;
  auto declined = srv().post("/api/v1/discovery/queue/" + std::to_string(ids[1]) + "/transitions",
                             Json{{"to", "declined"}, {"reason", "本人表示暂不申请"}}, tok("cw"));
  ASSERT_EQ(declined.status, 200) << declined.body;

  auto after = srv().get("/api/v1/discovery/ledger", tok("cw"));
  ASSERT_EQ(after.status, 200) << after.body;
  const Json a = ledger_row(after.json(), "urgent", kTownship);
  const Json b = ledger_row(before, "urgent", kTownship);
  EXPECT_EQ(a["flagged"].get<int>() - b["flagged"].get<int>(), 2);
  EXPECT_EQ(a["visited"].get<int>() - b["visited"].get<int>(), 2);
  EXPECT_EQ(a["confirmed"].get<int>() - b["confirmed"].get<int>(), 1);
  EXPECT_EQ(a["closed_declined"].get<int>() - b["closed_declined"].get<int>(), 1);
  EXPECT_EQ(a["median_working_days_flag_to_visit"], 0);
  EXPECT_EQ(after.json()["to"], today);

  // Scoping: the other township's caseworker and the other county's admin see none of it.
  // Each answer is kept in a variable: a range-for over `reply.json()["rows"]` would walk a
  // temporary document that is already destroyed.
  const Json other_township = srv().get("/api/v1/discovery/ledger", tok("cw2")).json();
  for (const auto& r : other_township["rows"]) {
    EXPECT_EQ(r["township"], kOtherTownship);
  }
  const Json other_county = srv().get("/api/v1/discovery/ledger", tok("admin2")).json();
  for (const auto& r : other_county["rows"]) {
    EXPECT_NE(r["township"].get<std::string>().substr(0, 6), kCounty);
  }
  const Json county =
      ledger_row(srv().get("/api/v1/discovery/ledger", tok("admin")).json(), "urgent", kTownship);
  EXPECT_EQ(county["flagged"], a["flagged"]);
  // A period before the leads counts none of them.
  const Json old = srv().get("/api/v1/discovery/ledger?from=2025-01-01&to=2025-12-31", tok("cw")).json();
  EXPECT_EQ(ledger_row(old, "urgent", kTownship)["flagged"], 0);

  for (const char* bad : {"?from=2026-13-01", "?to=yesterday", "?from=2026-12-05&to=2026-12-01",
                          "?from=2020-01-01&to=2026-01-01"}) {
    auto r = srv().get(std::string("/api/v1/discovery/ledger") + bad, tok("cw"));
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.json()["error"]["code"], "bad_parameter");
  }
  for (const char* who : {"kiosk", "hall", "dept"})
    EXPECT_EQ(srv().get("/api/v1/discovery/ledger", tok(who)).status, 403);
  EXPECT_EQ(srv().get("/api/v1/discovery/ledger").status, 401);
}

// The shipped parameters of 永福县 (assets/params/450326.json) as the document of `county`.
Json params_document(const std::string& county) {
  std::ifstream in(std::string(JIUZHU_SOURCE_ASSETS) + "/params/450326.json");
  Json doc = Json::parse(in);
  doc["county"] = county;
  return doc;
}

TEST_P(ConsoleApiTest, CountyParametersAreVersionedWithCitationsAndUsedOnTheirDates) {
  // 370102 ships no parameters: eligibility does not know it until its administrator enters them.
  Json household = Json::parse(R"({"hukou": "rural", "members": [{"id_number": null, "name": "甲",
      "relation": "self", "lives_together": true, "monthly_income": 0, "pension_monthly": 650, "disability": null,
      "serious_illness": false, "employment": "none", "student": null, "in_prison": false}],
      "assets": {"deposits": 0, "vehicles": 0, "extra_housing": 0}, "has_able_supporter": false, "receiving": []})");
  household["members"][0]["id_number"] = id_number("19480101", 42);
  auto eligibility = [&]() {
    return srv().post("/api/v1/eligibility", Json{{"params_county", kOtherCounty}, {"household", household}});
  };
  if (srv().get(std::string("/api/v1/params/") + kOtherCounty).status == 404) {
    EXPECT_EQ(eligibility().status, 404);
  }
  const std::string path = std::string("/api/v1/params/") + kOtherCounty;
  Json doc = params_document(kOtherCounty);
  doc["dibao_standard_monthly"]["rural"] = 600;
  auto first = srv().request("PUT", path, Json{{"effective_from", "2026-01-01"}, {"params", doc}}.dump(),
                             tok("admin2"));
  ASSERT_EQ(first.status, 201) << first.body;
  // A second version from 2027, with a verified citation for the rural standard.
  doc["dibao_standard_monthly"]["rural"] = 900;
  doc["sources"]["dibao_standard_monthly.rural"] = {{"source", "县民政局通知"},
                                                    {"verified", true},
                                                    {"issuer", "某县民政局"},
                                                    {"title", "关于提高低保标准的通知"},
                                                    {"date", "2026-12-01"},
                                                    {"url", "https://example.gov.cn/1"},
                                                    {"quote", "农村低保标准每人每月900元。"}};
  auto second = srv().request("PUT", path, Json{{"effective_from", "2027-01-01"}, {"params", doc}}.dump(),
                              tok("admin2"));
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_GT(second.json()["version"].get<int64_t>(), first.json()["version"].get<int64_t>());

  auto on2026 = srv().get(path + "?on=2026-06-01").json();
  EXPECT_EQ(on2026["in_force"]["source"], "county");
  EXPECT_EQ(on2026["in_force"]["version"], first.json()["version"]);
  EXPECT_EQ(on2026["in_force"]["params"]["dibao_standard_monthly"]["rural"], 600);
  auto on2027 = srv().get(path + "?on=2027-02-01").json();
  EXPECT_EQ(on2027["in_force"]["params"]["dibao_standard_monthly"]["rural"], 900);
  bool rural_unverified = false;
  for (const auto& n : on2027["in_force"]["unverified"])
    rural_unverified = rural_unverified || n == "dibao_standard_monthly.rural";
  EXPECT_FALSE(rural_unverified);
  EXPECT_EQ(on2027["versions"].size(), 2u);                   // both kept
  EXPECT_EQ(srv().get(path + "?on=2025-12-31").status, 404);  // before any version, nothing shipped

  // Today (2026) the 600 standard is in force: 650 a month is above it.
  if (jiuzhu::Date::today_china().year() == 2026) {
    auto r = eligibility();
    ASSERT_EQ(r.status, 200) << r.body;
    const Json verdicts = r.json();
    for (const auto& p : verdicts["programs"]) {
      if (p["program"] == "dibao") {
        EXPECT_EQ(p["verdict"], "not_eligible");
      }
    }
  }

  // Another county's administrator, other roles, no credentials. (The refused roles send a small
  // body: the router answers 403 before reading a body, and a large unread one makes the server's
  // close reset the connection before the client reads the answer — reported to the hardening work.)
  EXPECT_EQ(
      srv()
          .request("PUT", path, Json{{"effective_from", "2027-01-01"}, {"params", doc}}.dump(), tok("admin"))
          .status,
      404);
  for (const char* who : {"cw", "hall", "dept", "kiosk"}) {
    EXPECT_EQ(srv().request("PUT", path, "{}", tok(who)).status, 403);
  }
  EXPECT_EQ(srv().request("PUT", path, "{}", "").status, 401);

  // The strict loader's checks, with the field under params.
  auto put = [&](const Json& body) { return srv().request("PUT", path, body.dump(), tok("admin2")); };
  Json no_quote = doc;
  no_quote["sources"]["dibao_standard_monthly.rural"].erase("quote");
  auto r1 = put(Json{{"effective_from", "2027-03-01"}, {"params", no_quote}});
  EXPECT_EQ(r1.status, 400);
  EXPECT_EQ(r1.json()["error"]["code"], "missing_citation") << r1.body;
  Json no_number = doc;
  no_number.erase("rigid_expense_share");
  auto r2 = put(Json{{"effective_from", "2027-03-01"}, {"params", no_number}});
  EXPECT_EQ(r2.status, 400);
  EXPECT_EQ(r2.json()["error"]["code"], "missing_parameter") << r2.body;
  EXPECT_EQ(r2.json()["error"]["field"].get<std::string>().rfind("params", 0), 0u);
  auto r3 = put(Json{{"effective_from", "2027-03-01"}, {"params", params_document(kCounty)}});
  EXPECT_EQ(r3.json()["error"]["code"], "wrong_county") << r3.body;
  for (const char* bad : {"2027-3-1", "tomorrow", "2027-02-30"}) {
    auto r = put(Json{{"effective_from", bad}, {"params", doc}});
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.json()["error"]["code"], "bad_date") << r.body;
  }
  EXPECT_EQ(put(Json{{"effective_from", "2027-03-01"}}).status, 400);
  EXPECT_EQ(put(Json{{"effective_from", "2027-03-01"}, {"params", doc}, {"x", 1}}).status, 400);
  EXPECT_EQ(srv().get(path).json()["versions"].size(), 2u);  // nothing refused was stored
  EXPECT_EQ(srv().get("/api/v1/params/99").status, 404);
}

TEST_P(ConsoleApiTest, MeNamesTheCallerAndArea) {
  auto cw = srv().get("/api/v1/me", tok("cw")).json();
  EXPECT_EQ(cw["login"], "cw");
  EXPECT_EQ(cw["role"], "caseworker");
  EXPECT_EQ(cw["township"], kTownship);
  EXPECT_EQ(cw["county"], kCounty);
  auto admin = srv().get("/api/v1/me", tok("admin2")).json();
  EXPECT_EQ(admin["county"], kOtherCounty);
  EXPECT_FALSE(admin.contains("township"));
  EXPECT_EQ(srv().get("/api/v1/me", tok("kiosk")).status, 403);
  EXPECT_EQ(srv().get("/api/v1/me").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleApiTest, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
