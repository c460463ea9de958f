// The whole life of an application over HTTP, idempotent retry, progress, leads, referrals,
// audit — on each back end.
#include <gtest/gtest.h>

#include <set>

#include "api_env.h"
#include "backend/util/crypto.h"
#include "core/calendar.h"
#include "core/date.h"

using namespace jiuzhu::test;

namespace {

class ApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  ApiEnv& env() { return ApiEnv::get(GetParam()); }
  const ServerProcess& srv() { return *env().server; }
  std::string tok(const std::string& who) { return env().token.at(who); }

  // Uploads a small PDF and returns its hash.
  std::string upload(const std::string& text) {
    const std::string pdf = "%PDF-1.4\n" + text + "\n%%EOF\n";
    const std::string h = jiuzhu::backend::sha256_hex(pdf);
    auto r = srv().request("PUT", "/api/v1/documents/" + h, pdf, tok("kiosk"), "application/pdf");
    EXPECT_TRUE(r.status == 201 || r.status == 200) << r.body;
    return h;
  }

  Json submit(const Json& app, int expect = 201) {
    auto r = srv().post("/api/v1/applications", app, tok("kiosk"));
    EXPECT_EQ(r.status, expect) << r.body;
    return r.json();
  }

  HttpReply transition(const std::string& no, const std::string& to, const std::string& note = "", const std::string& who = "cw") {
    return srv().post("/api/v1/cases/" + no + "/transitions", Json{{"to", to}, {"note", note}}, tok(who));
  }
};

TEST_P(ApiTest, Health) {
  auto r = srv().get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json(), (Json{{"status", "ok"}, {"db", "ok"}}));
  auto m = srv().get("/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.body.find("jiuzhu_http_requests_total"), std::string::npos);
  EXPECT_NE(m.body.find("jiuzhu_db_pending_writes"), std::string::npos);
}

TEST_P(ApiTest, WholeLifeOfAnApplication) {
  const std::string doc = upload("hukou " + uuid());
  Json app = application(kTownship, uuid());
  app["documents"] = Json::array({{{"kind", "hukou_booklet"}, {"sha256", doc}, {"pages", 2}}});
  Json ack = submit(app);
  const std::string no = ack["application_no"];
  EXPECT_EQ(no.substr(0, 19).size(), 19u);
  EXPECT_EQ(no.rfind(std::string(kTownship) + "-", 0), 0u);
  EXPECT_EQ(ack["status"], "received");
  const auto today = jiuzhu::Date::today_china();
  EXPECT_EQ(ack["due_date"], jiuzhu::WorkingCalendar::builtin().add_working_days(today, 30)->iso());
  EXPECT_EQ(ack.size(), 4u);

  // A retry (same client_id) answers the same, with 200, and stores nothing new.
  Json again = submit(app, 200);
  EXPECT_EQ(again, ack);

  // Progress: only the five fields; the wrong check is 404.
  const std::string last4 = app["applicant"]["id_number"].get<std::string>().substr(14);
  auto p = srv().get("/api/v1/progress?application_no=" + no + "&check=" + last4);
  ASSERT_EQ(p.status, 200) << p.body;
  EXPECT_EQ(p.json().size(), 5u);
  EXPECT_EQ(p.json()["status"], "received");
  EXPECT_FALSE(p.json()["status_text"].get<std::string>().empty());
  EXPECT_EQ(srv().get("/api/v1/progress?application_no=" + no + "&check=0000").status, 404);
  EXPECT_EQ(srv().get("/api/v1/progress?application_no=450326101-20200101-9999&check=" + last4).status, 404);

  // The township's caseworker and hall staff see it in the intake queue; the other township does not.
  auto intake = srv().get("/api/v1/intake?limit=200", tok("cw"));
  ASSERT_EQ(intake.status, 200);
  int found = 0;
  for (const auto& item : items(intake)) found += item["application_no"] == no;
  EXPECT_EQ(found, 1);
  EXPECT_EQ(srv().get("/api/v1/intake?limit=200", tok("hall")).status, 200);
  for (const auto& item : items(srv().get("/api/v1/intake?limit=200", tok("cw2")))) {
    EXPECT_NE(item["application_no"], no);
  }

  // The case, with history and deadlines; other areas get 404.
  auto c = srv().get("/api/v1/cases/" + no, tok("cw"));
  ASSERT_EQ(c.status, 200) << c.body;
  // ID numbers are masked in the case view; the full one is an audited request (api_console_test).
  const std::string full_id = app["applicant"]["id_number"];
  EXPECT_EQ(c.json()["application"]["applicant"]["id_number"], full_id.substr(0, 6) + "********" + full_id.substr(14));
  EXPECT_EQ(c.json()["history"].size(), 1u);
  EXPECT_EQ(c.json()["deadlines"]["overdue"], false);
  EXPECT_EQ(c.json()["documents"].size(), 1u);
  EXPECT_EQ(srv().get("/api/v1/cases/" + no, tok("cw2")).status, 404);
  EXPECT_EQ(srv().get("/api/v1/cases/" + no, tok("admin")).status, 200);
  EXPECT_EQ(srv().get("/api/v1/cases/" + no, tok("admin2")).status, 404);

  // Workflow: illegal jumps are 409; the legal path reaches approved.
  EXPECT_EQ(transition(no, "approved").status, 409);
  EXPECT_EQ(transition(no, "investigating", "安排入户调查").status, 200);
  EXPECT_EQ(transition(no, "public_notice").status, 409);
  EXPECT_EQ(transition(no, "under_review", "", "cw2").status, 404);
  EXPECT_EQ(transition(no, "under_review").status, 200);
  EXPECT_EQ(transition(no, "public_notice", "", "admin").status, 200);
  auto done = transition(no, "approved");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "approved");
  EXPECT_EQ(transition(no, "withdrawn").status, 409);
  EXPECT_EQ(srv().get("/api/v1/progress?application_no=" + no + "&check=" + last4).json()["status"], "approved");
  // Approved dibao cases form the township's key-group roster; the other township's does not list it.
  int listed = 0;
  for (const auto& item : items(srv().get("/api/v1/registry?category=dibao&limit=1000", tok("cw")))) listed += item["application_no"] == no;
  EXPECT_EQ(listed, 1);
  for (const auto& item : items(srv().get("/api/v1/registry?category=dibao&limit=1000", tok("cw2")))) EXPECT_NE(item["application_no"], no);
  EXPECT_EQ(srv().get("/api/v1/registry?category=nonsense", tok("cw")).status, 400);
  auto history = srv().get("/api/v1/cases/" + no, tok("cw")).json()["history"];
  EXPECT_EQ(history.size(), 5u);

  // Every staff read and change is in the audit log, and the chain holds.
  auto audit = srv().get("/api/v1/audit?limit=1000&verify=1", tok("admin"));
  ASSERT_EQ(audit.status, 200) << audit.body;
  EXPECT_EQ(audit.json()["chain"]["ok"], true);
  int reads = 0, transitions = 0;
  for (const auto& row : items(audit)) {
    if (row["record_id"] != no) continue;
    reads += row["action"] == "read";
    transitions += row["action"] == "transition";
    EXPECT_EQ(row.dump().find(app["applicant"]["id_number"].get<std::string>()), std::string::npos);
  }
  EXPECT_EQ(reads, 3);  // cw, admin, cw again; the 404s of other areas read nothing
  EXPECT_EQ(transitions, 4);
}

TEST_P(ApiTest, RejectionNeedsAReason) {
  Json ack = submit(application(kTownship, uuid()));
  const std::string no = ack["application_no"];
  auto r = transition(no, "rejected");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "note");
  EXPECT_EQ(transition(no, "rejected", "家庭人均收入高于当地低保标准").status, 200);
}

TEST_P(ApiTest, MissingDocumentsAreNamed) {
  Json app = application(kTownship, uuid());
  const std::string missing = jiuzhu::backend::sha256_hex("never uploaded " + uuid());
  app["documents"] = Json::array({{{"kind", "hukou_booklet"}, {"sha256", missing}}});
  auto r = srv().post("/api/v1/applications", app, tok("kiosk"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["code"], "missing_documents");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find(missing), std::string::npos);
  EXPECT_EQ(r.json()["error"]["missing"], Json::array({missing}));
}

TEST_P(ApiTest, DocumentsAreCheckedAndDeduplicated) {
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + uuid();
  const std::string h = jiuzhu::backend::sha256_hex(png);
  EXPECT_EQ(srv().request("PUT", "/api/v1/documents/" + h, png, tok("kiosk"), "image/png").status, 201);
  EXPECT_EQ(srv().request("PUT", "/api/v1/documents/" + h, png, tok("kiosk"), "image/png").status, 200);
  EXPECT_EQ(srv().request("PUT", "/api/v1/documents/" + jiuzhu::backend::sha256_hex("x"), png, tok("kiosk"), "image/png").status, 400);
  EXPECT_EQ(srv().request("PUT", "/api/v1/documents/" + h, png, tok("kiosk"), "text/plain").status, 415);
  EXPECT_EQ(srv().request("PUT", "/api/v1/documents/" + h, png, tok("cw"), "image/png").status, 403);
  EXPECT_EQ(srv().request("PUT", "/api/v1/documents/" + h, png, "", "image/png").status, 401);
  const std::string big(10 * 1024 * 1024 + 1, 'x');
  EXPECT_EQ(srv().request("PUT", "/api/v1/documents/" + jiuzhu::backend::sha256_hex(big), big, tok("kiosk"), "application/pdf").status, 413);
}

TEST_P(ApiTest, FirstAidJumpsTheQueue) {
  submit(application(kTownship, uuid()));
  Json urgent = application(kTownship, uuid());
  urgent["programs"] = {"temporary_emergency"};
  urgent["household"]["emergency"] = {{"kind", "fire"}, {"date", jiuzhu::Date::today_china().plus_days(-1).iso()}, {"loss", 20000}};
  Json ack = submit(urgent);
  EXPECT_EQ(ack["due_date"], jiuzhu::WorkingCalendar::builtin().add_working_days(jiuzhu::Date::today_china(), 1)->iso());
  submit(application(kTownship, uuid()));
  auto intake = srv().get("/api/v1/intake?status=received&limit=5", tok("cw")).json();
  ASSERT_FALSE(intake["items"].empty());
  EXPECT_EQ(intake["items"][0]["first_aid"], true);
  // 先行救助: approve first, paperwork after.
  EXPECT_EQ(transition(ack["application_no"], "approved", "先行救助").status, 200);
}

TEST_P(ApiTest, IntakePaginatesWithinTheArea) {
  std::set<std::string> mine;
  for (int i = 0; i < 5; ++i) {
    auto r = srv().post("/api/v1/applications", application(kOtherTownship, uuid()), tok("kiosk2"));
    ASSERT_EQ(r.status, 201) << r.body;
    mine.insert(r.json()["application_no"].get<std::string>());
  }
  // A kiosk submits for its own township only.
  EXPECT_EQ(srv().post("/api/v1/applications", application(kOtherTownship, uuid()), tok("kiosk")).status, 403);
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  for (;;) {
    auto page = srv().get("/api/v1/intake?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), tok("cw2"));
    ASSERT_EQ(page.status, 200) << page.body;
    ++pages;
    for (const auto& item : items(page)) {
      EXPECT_EQ(item["township"], kOtherTownship);
      EXPECT_TRUE(seen.insert(item["application_no"].get<std::string>()).second) << "listed twice";
    }
    if (page.json()["next_cursor"].is_null()) break;
    cursor = page.json()["next_cursor"];
  }
  EXPECT_GE(pages, 3);
  for (const auto& no : mine) EXPECT_TRUE(seen.count(no)) << no;
}

TEST_P(ApiTest, LeadsEnterTheTownshipQueue) {
  auto r = srv().post("/api/v1/leads", lead(kTownship, true), tok("kiosk"));
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string id = r.json()["lead_id"];
  EXPECT_EQ(r.json()["visit_due"], jiuzhu::WorkingCalendar::builtin().add_working_days(jiuzhu::Date::today_china(), 1)->iso());
  EXPECT_EQ(srv().post("/api/v1/leads", lead(kTownship, false), tok("cw")).status, 201);
  EXPECT_EQ(srv().post("/api/v1/leads", lead(kTownship, false), tok("cw2")).status, 403);
  Json nobody = lead(kTownship, false);
  nobody["subject"] = Json::object();
  EXPECT_EQ(srv().post("/api/v1/leads", nobody, tok("kiosk")).status, 400);
  auto q = srv().get("/api/v1/discovery/queue", tok("cw"));
  ASSERT_EQ(q.status, 200);
  int64_t queue_id = 0;
  for (const auto& item : items(q)) {
    if (item["lead_id"] == id) {
      queue_id = item["id"];
      EXPECT_EQ(item["flags"], Json::array({"urgent"}));
      EXPECT_EQ(item["source"], "lead");
    }
  }
  ASSERT_NE(queue_id, 0);
  for (const auto& item : items(srv().get("/api/v1/discovery/queue", tok("cw2")))) EXPECT_NE(item["lead_id"], id);
  auto due = srv().get("/api/v1/visits/due?by=2030-01-01", tok("cw"));
  ASSERT_EQ(due.status, 200);
  EXPECT_FALSE(due.json()["items"].empty());
  auto v = srv().post("/api/v1/visits", Json{{"queue_id", queue_id}, {"visited_on", jiuzhu::Date::today_china().iso()},
                                              {"outcome", "needs_assistance"}, {"note", "已入户"}}, tok("cw"));
  EXPECT_EQ(v.status, 201) << v.body;
  EXPECT_EQ(srv().post("/api/v1/visits", Json{{"queue_id", queue_id}, {"visited_on", "2026-11-24"}, {"outcome", "no_need"}},
                       tok("cw2")).status, 404);
}

TEST_P(ApiTest, ReferralsReachTheirDepartment) {
  Json ack = submit(application(kTownship, uuid()));
  const std::string no = ack["application_no"];
  auto r = srv().post("/api/v1/cases/" + no + "/referrals", Json{{"department", "education"}, {"note", "孙子读初中"}}, tok("cw"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(srv().post("/api/v1/cases/" + no + "/referrals", Json{{"department", "space"}}, tok("cw")).status, 400);
  EXPECT_EQ(srv().post("/api/v1/cases/" + no + "/referrals", Json{{"department", "housing"}}, tok("cw2")).status, 404);
  auto mine = srv().get("/api/v1/referrals", tok("dept"));
  ASSERT_EQ(mine.status, 200);
  bool seen = false;
  for (const auto& x : items(mine)) seen = seen || x["application_no"] == no;
  EXPECT_TRUE(seen);
  for (const auto& x : items(srv().get("/api/v1/referrals", tok("dept2")))) EXPECT_NE(x["application_no"], no);
  EXPECT_EQ(srv().get("/api/v1/cases/" + no, tok("dept")).status, 403);
}

TEST_P(ApiTest, PoliciesAndEligibility) {
  auto p = srv().get("/api/v1/policies");
  EXPECT_EQ(p.status, 200) << p.body.substr(0, 300);
  Json body = {{"params_county", kCounty}, {"household", application(kTownship, uuid())["household"]}};
  auto e = srv().post("/api/v1/eligibility", body);
  ASSERT_EQ(e.status, 200) << e.body;
  EXPECT_TRUE(e.json().contains("programs"));
  EXPECT_FALSE(e.json()["programs"].empty());
  EXPECT_EQ(srv().post("/api/v1/eligibility", Json{{"params_county", "110101"}, {"household", body["household"]}}).status, 404);
  body["extra"] = 1;
  EXPECT_EQ(srv().post("/api/v1/eligibility", body).status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, ApiTest, ::testing::ValuesIn(backends()), [](const auto& info) { return info.param; });

}  // namespace
