// The caseworker's and department's work the staff console added (docs/console.md, part A):
// closing a discovery item with a reason code (and the ledger counting false alarms by it),
// applying on a household's behalf (channel visit), logging out on the server, a case's documents
// read inline (audited), a department's steps on referrals —
// roles, area scoping (another township's item is 404), every input error, on each back end.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api_env.h"
#include "backend/util/crypto.h"
#include "core/date.h"

using namespace jiuzhu::test;

namespace {

class ConsoleWorkApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  ApiEnv& env() { return ApiEnv::get(GetParam()); }
  const ServerProcess& srv() { return *env().server; }
  std::string tok(const std::string& who) { return env().token.at(who); }

  // A new lead of `township` in its queue; returns the queue item's id.
  int64_t new_item(const std::string& township, const std::string& kiosk) {
    auto r = srv().post("/api/v1/leads", lead(township, false), tok(kiosk));
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string lead_id = r.json()["lead_id"];
    const std::string who = township == kTownship ? "cw" : "cw2";
    const Json queue = items(srv().get("/api/v1/discovery/queue?limit=1000", tok(who)));
    for (const auto& it : queue) {
      if (it["lead_id"] == lead_id) return it["id"].get<int64_t>();
    }
    ADD_FAILURE() << "lead not in the queue";
    return 0;
  }

  // Whether the audit log has a close of item `id` with `detail` (read page by page).
  bool audited(int64_t id, const std::string& detail) {
    for (int64_t after = 0;;) {
      const Json page =
          srv().get("/api/v1/audit?limit=1000&after=" + std::to_string(after), tok("admin")).json();
      for (const auto& e : page["items"]) {
        if (e["action"] == "close" && e["record_id"] == std::to_string(id) && e["detail"] == detail)
          return true;
        after = e["seq"].get<int64_t>();
      }
      if (page["items"].size() < 1000) return false;
    }
  }

  HttpReply close(int64_t id, const Json& body, const std::string& who = "cw") {
    return srv().post("/api/v1/discovery/queue/" + std::to_string(id) + "/close", body, tok(who));
  }
};

Json urgentless_row(const Json& ledger, const std::string& t) {
  // Leads that are not urgent carry no rule: their flags are []. The ledger therefore counts
  // them under no rule; the test reads the per-item answer and the "urgent" rule instead.
  for (const auto& r : ledger["rows"]) {
    if (r["rule"] == "urgent" && r["township"] == t) return r;
  }
  return Json::object();
}

TEST_P(ConsoleWorkApiTest, CloseWithAReasonCodeStoresTheCodeAndNote) {
  const int64_t id = new_item(kTownship, "kiosk");
  auto r = close(id, Json{{"reason_code", "moved_away"}, {"note", "已于十月迁往桂林市，邻居证实"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const Json closed = r.json();
  EXPECT_EQ(closed["close_code"], "moved_away");
  EXPECT_EQ(closed["close_note"], "已于十月迁往桂林市，邻居证实");
  EXPECT_EQ(closed["state"], "followed_up");
  EXPECT_EQ(closed["status"], "closed");
  EXPECT_EQ(closed["visit_due"], "");
  EXPECT_EQ(closed["closed_at"].get<std::string>().substr(0, 10), jiuzhu::Date::today_china().iso());
  // The item as read back; the close is in the audit log with its code.
  const Json item = srv().get("/api/v1/discovery/queue/" + std::to_string(id), tok("cw")).json();
  EXPECT_EQ(item["close_code"], "moved_away");
  EXPECT_TRUE(item["allowed_transitions"].empty());
  EXPECT_TRUE(audited(id, "reason_code=moved_away"));
  // A closed item cannot be closed again.
  auto again = close(id, Json{{"reason_code", "deceased"}, {"note", "x"}});
  EXPECT_EQ(again.status, 409) << again.body;
}

TEST_P(ConsoleWorkApiTest, CloseInputIsCheckedFieldByField) {
  const int64_t id = new_item(kTownship, "kiosk");
  struct Case {
    Json body;
    int status;
    const char* code;
    const char* field;
  };
  const std::vector<Case> cases = {
      {Json{{"note", "x"}}, 400, "missing_field", "reason_code"},
      {Json{{"reason_code", "wrong_guess"}, {"note", "x"}}, 400, "unknown_reason_code", "reason_code"},
      {Json{{"reason_code", "误报"}, {"note", "x"}}, 400, "unknown_reason_code", "reason_code"},
      {Json{{"reason_code", "deceased"}}, 400, "note_required", "note"},
      {Json{{"reason_code", "deceased"}, {"note", "  \n "}}, 400, "note_required", "note"},
      {Json{{"reason_code", "confirmed_applied"}, {"note", "已申请"}}, 400, "application_required",
       "application_no"},
      {Json{{"reason_code", "deceased"}, {"note", "x"}, {"application_no", "A1"}}, 400, "unexpected_field",
       "application_no"},
      {Json{{"reason_code", "deceased"}, {"note", "x"}, {"extra", 1}}, 400, "unknown_field", "extra"},
      {Json{{"reason_code", 7}, {"note", "x"}}, 400, "wrong_type", "reason_code"},
  };
  for (const auto& c : cases) {
    auto r = close(id, c.body);
    EXPECT_EQ(r.status, c.status) << c.body.dump() << " → " << r.body;
    EXPECT_EQ(r.json()["error"]["code"], c.code) << c.body.dump() << " → " << r.body;
    EXPECT_EQ(r.json()["error"]["field"], c.field) << c.body.dump();
  }
  // Nothing refused was stored.
  const Json item = srv().get("/api/v1/discovery/queue/" + std::to_string(id), tok("cw")).json();
  EXPECT_EQ(item["close_code"], "");
  EXPECT_EQ(item["status"], "open");
  // confirmed_applied with the application number is accepted and links it.
  auto ok = close(id, Json{{"reason_code", "confirmed_applied"},
                           {"note", "已帮助申请低保"},
                           {"application_no", "450326101-20261206-0001"}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(ok.json()["application_no"], "450326101-20261206-0001");
}

TEST_P(ConsoleWorkApiTest, CloseIsScopedAndForCaseStaffOnly) {
  const int64_t id = new_item(kTownship, "kiosk");
  const Json body = {{"reason_code", "false_alarm_data_wrong"}, {"note", "户籍信息有误"}};
  // Another township's caseworker and another county's admin: not found, not forbidden.
  EXPECT_EQ(close(id, body, "cw2").status, 404);
  EXPECT_EQ(close(id, body, "admin2").status, 404);
  EXPECT_EQ(close(999999999, body).status, 404);
  EXPECT_EQ(srv().post("/api/v1/discovery/queue/abc/close", body, tok("cw")).status, 404);
  for (const char* who : {"kiosk", "hall", "dept"}) EXPECT_EQ(close(id, body, who).status, 403) << who;
  EXPECT_EQ(srv().post("/api/v1/discovery/queue/" + std::to_string(id) + "/close", body).status, 401);
  // The county's admin may close it.
  EXPECT_EQ(close(id, body, "admin").status, 200);
}

TEST_P(ConsoleWorkApiTest, LedgerCountsFalseAlarmsByReasonCode) {
  const auto before = srv().get("/api/v1/discovery/ledger", tok("cw")).json();
  // Urgent leads are flagged by the rule "urgent".
  std::vector<int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    auto r = srv().post("/api/v1/leads", lead(kTownship, true), tok("kiosk"));
    ASSERT_EQ(r.status, 201) << r.body;
    const std::string lead_id = r.json()["lead_id"];
    const Json queue = items(srv().get("/api/v1/discovery/queue?limit=1000", tok("cw")));
    for (const auto& it : queue) {
      if (it["lead_id"] == lead_id) ids.push_back(it["id"].get<int64_t>());
    }
  }
  ASSERT_EQ(ids.size(), 4u);
  const std::string today = jiuzhu::Date::today_china().iso();
  ASSERT_EQ(srv()
                .post("/api/v1/visits",
                      Json{{"queue_id", ids[0]}, {"visited_on", today}, {"outcome", "no_need"}}, tok("cw"))
                .status,
            201);
  ASSERT_EQ(
      close(ids[0], Json{{"reason_code", "false_alarm_not_in_hardship"}, {"note", "子女按月赡养"}}).status,
      200);
  ASSERT_EQ(
      close(ids[1], Json{{"reason_code", "false_alarm_data_wrong"}, {"note", "医保数据重复计费"}}).status,
      200);
  ASSERT_EQ(close(ids[2], Json{{"reason_code", "false_alarm_data_wrong"}, {"note", "身份证号对错人"}}).status,
            200);
  ASSERT_EQ(close(ids[3], Json{{"reason_code", "deceased"}, {"note", "本人已于上月去世"}}).status, 200);

  const Json after = srv().get("/api/v1/discovery/ledger", tok("cw")).json();
  const Json a = urgentless_row(after, kTownship);
  const Json b = urgentless_row(before, kTownship);
  ASSERT_TRUE(a.contains("closed_by_reason")) << after.dump();
  auto delta = [&](const std::string& code) {
    const int was = b.contains("closed_by_reason") ? b["closed_by_reason"][code].get<int>() : 0;
    return a["closed_by_reason"][code].get<int>() - was;
  };
  EXPECT_EQ(delta("false_alarm_data_wrong"), 2);
  EXPECT_EQ(delta("false_alarm_not_in_hardship"), 1);
  EXPECT_EQ(delta("deceased"), 1);
  EXPECT_EQ(delta("moved_away"), 0);
  EXPECT_EQ(a["closed_by_reason"].size(), 7u);  // every code, zero when none
  EXPECT_EQ(a["false_alarms"].get<int>() - b.value("false_alarms", 0), 3);
  // Only the item with a visit counts as visited: the others were closed from the desk.
  EXPECT_EQ(a["visited"].get<int>() - b.value("visited", 0), 1);
  EXPECT_EQ(a["closed_followed_up"].get<int>() - b.value("closed_followed_up", 0), 4);
  EXPECT_EQ(a["median_working_days_flag_to_close"], 0);
  // The per-rule totals carry the codes too.
  bool rule_row = false;
  for (const auto& r : after["rules"]) {
    if (r["rule"] == "urgent") {
      rule_row = true;
      EXPECT_GE(r["closed_by_reason"]["false_alarm_data_wrong"].get<int>(), 2);
    }
  }
  EXPECT_TRUE(rule_row);
}

// An application as the caseworker sends it for a household: the contract's shape, channel visit.
Json visit_application(const std::string& township, const std::string& client_id, const std::string& id) {
  Json a = application(township, client_id, id);
  a["channel"] = "visit";
  a["applicant"]["card_read"] = false;
  return a;
}

TEST_P(ConsoleWorkApiTest, CaseworkerAppliesForAHouseholdFromADiscoveryItem) {
  const int64_t id = new_item(kTownship, "kiosk");
  const std::string path = "/api/v1/discovery/queue/" + std::to_string(id) + "/applications";
  const std::string cid = uuid();
  const Json body = visit_application(kTownship, cid, id_number("19440203", 611));
  auto r = srv().post(path, body, tok("cw"));
  ASSERT_EQ(r.status, 201) << r.body;
  const Json ack = r.json();
  const std::string no = ack["application_no"];
  EXPECT_EQ(ack["channel"], "visit");
  EXPECT_EQ(ack["status"], "received");
  EXPECT_EQ(ack["queue_item"], id);
  // The due date is the kiosk's for the same programs on the same day: submit the same household
  // through a kiosk and compare (one rule, core/intake).
  auto kiosk = srv().post("/api/v1/applications", application(kTownship, uuid(), id_number("19440203", 629)),
                          tok("kiosk"));
  ASSERT_EQ(kiosk.status, 201) << kiosk.body;
  EXPECT_EQ(ack["due_date"], kiosk.json()["due_date"]);
  EXPECT_EQ(ack["first_aid"], false);

  // A retry with the same client_id is the same application; the item stays linked to it.
  auto again = srv().post(path, body, tok("cw"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["application_no"], no);
  // The same client_id through a kiosk is another submitter: refused.
  Json as_kiosk = body;
  as_kiosk["channel"] = "kiosk";
  EXPECT_EQ(srv().post("/api/v1/applications", as_kiosk, tok("kiosk")).status, 409);

  // The item: applied and linked; the case: channel visit, submitted by the caseworker, linked back.
  const Json item = srv().get("/api/v1/discovery/queue/" + std::to_string(id), tok("cw")).json();
  EXPECT_EQ(item["state"], "applied");
  EXPECT_EQ(item["application_no"], no);
  const Json c = srv().get("/api/v1/cases/" + no, tok("cw")).json();
  EXPECT_EQ(c["application"]["channel"], "visit");
  EXPECT_EQ(c["submitted_by"], "staff:cw");
  EXPECT_EQ(c["discovery_item"], id);
  EXPECT_EQ(c["status"], "received");
  // A kiosk's case links to no item.
  const Json kc =
      srv().get("/api/v1/cases/" + kiosk.json()["application_no"].get<std::string>(), tok("cw")).json();
  EXPECT_TRUE(kc["discovery_item"].is_null());
  EXPECT_EQ(kc["submitted_by"], "K-LJ-01");
  // The township's intake lists it.
  bool listed = false;
  const Json intake = items(srv().get("/api/v1/intake?limit=200", tok("cw")));
  for (const auto& x : intake) listed = listed || x["application_no"] == no;
  EXPECT_TRUE(listed);
  // A second application for an item that has one: refused, nothing stored.
  auto second = srv().post(path, visit_application(kTownship, uuid(), id_number("19440203", 637)), tok("cw"));
  EXPECT_EQ(second.status, 409) << second.body;
  // The item can now be closed as confirmed_applied without repeating the number.
  auto closed = srv().post("/api/v1/discovery/queue/" + std::to_string(id) + "/close",
                           Json{{"reason_code", "confirmed_applied"}, {"note", "已帮助申请低保"}}, tok("cw"));
  EXPECT_EQ(closed.status, 200) << closed.body;
}

// 帮助申请 with the other members the caseworker added: each member's ID number is checked by the
// server (core/id_number), the error names the member, and the case lists every member masked.
TEST_P(ConsoleWorkApiTest, ApplyingForAHouseholdKeepsTheOtherMembers) {
  const int64_t id = new_item(kTownship, "kiosk");
  const std::string path = "/api/v1/discovery/queue/" + std::to_string(id) + "/applications";
  Json body = visit_application(kTownship, uuid(), id_number("19460305", 811));
  const std::string spouse = id_number("19480911", 822);
  Json member = body["household"]["members"][0];
  member["id_number"] = spouse;
  member["name"] = "黄德明";
  member["relation"] = "spouse";
  member["monthly_income"] = 150;
  std::string wrong = spouse;
  wrong.back() = wrong.back() == '0' ? '1' : '0';  // wrong check character
  Json bad = body;
  bad["household"]["members"].push_back(member);
  bad["household"]["members"][1]["id_number"] = wrong;
  auto r1 = srv().post(path, bad, tok("cw"));
  ASSERT_EQ(r1.status, 400) << r1.body;
  EXPECT_EQ(r1.json()["error"]["code"], "invalid_id_number");
  EXPECT_EQ(r1.json()["error"]["field"], "household.members[1].id_number");
  EXPECT_EQ(srv().get("/api/v1/discovery/queue/" + std::to_string(id), tok("cw")).json()["application_no"], "");
  Json bad_relation = body;
  bad_relation["household"]["members"].push_back(member);
  bad_relation["household"]["members"][1]["relation"] = "neighbour";
  EXPECT_EQ(srv().post(path, bad_relation, tok("cw")).status, 400);

  body["household"]["members"].push_back(member);
  auto r = srv().post(path, body, tok("cw"));
  ASSERT_EQ(r.status, 201) << r.body;
  const Json c = srv().get("/api/v1/cases/" + r.json()["application_no"].get<std::string>(), tok("cw")).json();
  const Json& members = c["application"]["household"]["members"];
  ASSERT_EQ(members.size(), 2u) << c.dump();
  EXPECT_EQ(members[1]["relation"], "spouse");
  EXPECT_EQ(members[1]["id_number"], spouse.substr(0, 6) + "********" + spouse.substr(14)) << "masked on the case";
  EXPECT_EQ(c.dump().find(spouse), std::string::npos);
}

TEST_P(ConsoleWorkApiTest, ApplyingForAHouseholdIsCheckedScopedAndForCaseworkersOnly) {
  const int64_t id = new_item(kTownship, "kiosk");
  const std::string path = "/api/v1/discovery/queue/" + std::to_string(id) + "/applications";
  const std::string idn = id_number("19450101", 715);
  // Channel must be visit; the township the item's; the contract's rules hold (decoder, consent).
  Json kiosk_channel = visit_application(kTownship, uuid(), idn);
  kiosk_channel["channel"] = "kiosk";
  auto r1 = srv().post(path, kiosk_channel, tok("cw"));
  EXPECT_EQ(r1.status, 400);
  EXPECT_EQ(r1.json()["error"]["code"], "bad_channel");
  auto r2 = srv().post(path, visit_application(kOtherTownship, uuid(), idn), tok("cw"));
  EXPECT_EQ(r2.status, 400);
  EXPECT_EQ(r2.json()["error"]["code"], "township_mismatch");
  Json no_consent = visit_application(kTownship, uuid(), idn);
  no_consent["consent"]["verification_authorized"] = false;
  auto r3 = srv().post(path, no_consent, tok("cw"));
  EXPECT_EQ(r3.status, 400);
  EXPECT_EQ(r3.json()["error"]["code"], "consent_required");
  Json bad_id = visit_application(kTownship, uuid(), idn);
  std::string wrong = idn;
  wrong.back() = wrong.back() == '0' ? '1' : '0';  // wrong check character
  bad_id["applicant"]["id_number"] = wrong;
  auto r4 = srv().post(path, bad_id, tok("cw"));
  EXPECT_EQ(r4.status, 400) << r4.body;
  EXPECT_EQ(r4.json()["error"]["field"], "applicant.id_number");
  Json no_client = visit_application(kTownship, "not-a-uuid", idn);
  EXPECT_EQ(srv().post(path, no_client, tok("cw")).json()["error"]["code"], "bad_client_id");
  // None of it was stored: the item is still a lead without an application.
  const Json item = srv().get("/api/v1/discovery/queue/" + std::to_string(id), tok("cw")).json();
  EXPECT_EQ(item["state"], "lead");
  EXPECT_EQ(item["application_no"], "");
  // Another township's caseworker: 404; county and other roles: 403; no token: 401.
  const Json ok = visit_application(kTownship, uuid(), idn);
  EXPECT_EQ(srv().post(path, ok, tok("cw2")).status, 404);
  for (const char* who : {"admin", "hall", "dept", "kiosk"})
    EXPECT_EQ(srv().post(path, ok, tok(who)).status, 403) << who;
  EXPECT_EQ(srv().post(path, ok).status, 401);
  EXPECT_EQ(srv().post("/api/v1/discovery/queue/999999999/applications", ok, tok("cw")).status, 404);
  // An item already closed cannot apply.
  ASSERT_EQ(srv()
                .post("/api/v1/discovery/queue/" + std::to_string(id) + "/close",
                      Json{{"reason_code", "moved_away"}, {"note", "已迁出"}}, tok("cw"))
                .status,
            200);
  EXPECT_EQ(srv().post(path, ok, tok("cw")).status, 409);
}

TEST_P(ConsoleWorkApiTest, LogoutEndsTheSessionOnTheServerAtOnce) {
  add_user(env().url, "cw_logout", {"--role", "caseworker", "--township", kTownship});
  const std::string token = login(srv(), "cw_logout");
  // Used once, so the server has the principal in its 30-second cache.
  ASSERT_EQ(srv().get("/api/v1/me", token).status, 200);
  auto out = srv().post("/api/v1/auth/logout", Json::object(), token);
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(out.json()["logged_out"], true);
  const auto after = srv().get("/api/v1/me", token);
  EXPECT_EQ(after.status, 401) << after.body;
  EXPECT_EQ(after.json()["error"]["code"], "bad_token");
  EXPECT_EQ(srv().post("/api/v1/auth/logout", Json::object(), token).status, 401);
  // Another session of the same person is untouched; kiosks cannot log out; no token: 401.
  const std::string second = login(srv(), "cw_logout");
  const std::string third = login(srv(), "cw_logout");
  ASSERT_EQ(srv().post("/api/v1/auth/logout", Json::object(), second).status, 200);
  EXPECT_EQ(srv().get("/api/v1/me", third).status, 200);
  EXPECT_EQ(srv().post("/api/v1/auth/logout", Json::object(), tok("kiosk")).status, 403);
  EXPECT_EQ(srv().post("/api/v1/auth/logout", Json::object()).status, 401);
  // The logout is audited under the staff member's login.
  bool seen = false;
  for (int64_t after_seq = 0;;) {
    const Json page =
        srv().get("/api/v1/audit?limit=1000&after=" + std::to_string(after_seq), tok("admin")).json();
    for (const auto& e : page["items"]) {
      if (e["action"] == "logout" && e["record_id"] == "cw_logout") seen = true;
      after_seq = e["seq"].get<int64_t>();
    }
    if (page["items"].size() < 1000) break;
  }
  EXPECT_TRUE(seen);
}

// A photograph from the camera tests' corpus (a real JPEG, not made by this code).
std::string camera_photo() {
  const auto root = std::filesystem::path(JIUZHU_JSON_SUITE).parent_path().parent_path().parent_path();
  std::ifstream in(root / "tests/camera/data/empty_table.jpg", std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

TEST_P(ConsoleWorkApiTest, CaseDocumentsAreReadInlineInTheAreaAndEachReadIsAudited) {
  const std::string jpg = camera_photo();
  ASSERT_GT(jpg.size(), 1000u);
  // A PDF the server's own printing made (the roster document, libharu), not this test.
  auto roster = srv().get("/api/v1/registry?format=pdf", tok("cw"));
  ASSERT_EQ(roster.status, 200) << roster.body.substr(0, 200);
  const std::string pdf = roster.body;
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  const std::string hj = jiuzhu::backend::sha256_hex(jpg), hp = jiuzhu::backend::sha256_hex(pdf);
  ASSERT_LT(srv().request("PUT", "/api/v1/documents/" + hj, jpg, tok("kiosk"), "image/jpeg").status, 300);
  ASSERT_LT(srv().request("PUT", "/api/v1/documents/" + hp, pdf, tok("kiosk"), "application/pdf").status,
            300);
  // Another stored document that this case does not list.
  const std::string other = "%PDF-1.4\nanother case\n%%EOF\n";
  const std::string ho = jiuzhu::backend::sha256_hex(other);
  ASSERT_LT(srv().request("PUT", "/api/v1/documents/" + ho, other, tok("kiosk"), "application/pdf").status,
            300);
  Json app = application(kTownship, uuid(), id_number("19520808", 443));
  app["documents"] = Json::array({Json{{"kind", "id_card"}, {"sha256", hj}, {"pages", 1}},
                                  Json{{"kind", "hukou_booklet"}, {"sha256", hp}, {"pages", 1}}});
  auto sub = srv().post("/api/v1/applications", app, tok("kiosk"));
  ASSERT_EQ(sub.status, 201) << sub.body;
  const std::string no = sub.json()["application_no"];
  const std::string base = "/api/v1/cases/" + no + "/documents/";

  auto img = srv().get(base + hj, tok("cw"));
  ASSERT_EQ(img.status, 200) << img.body.substr(0, 200);
  EXPECT_EQ(img.content_type.substr(0, 10), "image/jpeg");
  EXPECT_TRUE(img.body == jpg);
  EXPECT_EQ(img.headers["Cache-Control"], "no-store");
  EXPECT_EQ(img.headers["X-Content-Type-Options"], "nosniff");
  EXPECT_NE(img.headers["Content-Security-Policy"].find("sandbox"), std::string::npos);
  auto doc = srv().get(base + hp, tok("admin"));
  ASSERT_EQ(doc.status, 200);
  EXPECT_EQ(doc.content_type.substr(0, 15), "application/pdf");
  EXPECT_TRUE(doc.body == pdf);

  // Two reads, two audit rows naming the case and the document.
  int audited_reads = 0;
  for (int64_t after = 0;;) {
    const Json page =
        srv().get("/api/v1/audit?limit=1000&after=" + std::to_string(after), tok("admin")).json();
    for (const auto& e : page["items"]) {
      if (e["action"] == "read" && e["record_type"] == "document" && e["record_id"] == no) ++audited_reads;
      after = e["seq"].get<int64_t>();
    }
    if (page["items"].size() < 1000) break;
  }
  EXPECT_EQ(audited_reads, 2);

  // Out of area, not in this case, malformed, or no such case: 404 alike. Other roles: 403.
  EXPECT_EQ(srv().get(base + hj, tok("cw2")).status, 404);
  EXPECT_EQ(srv().get(base + hj, tok("admin2")).status, 404);
  EXPECT_EQ(srv().get(base + ho, tok("cw")).status, 404);
  EXPECT_EQ(srv().get(base + "..%2F..%2Fserver.json", tok("cw")).status, 404);
  EXPECT_EQ(srv().get(base + hj.substr(0, 63) + "G", tok("cw")).status, 404);
  EXPECT_EQ(srv().get("/api/v1/cases/450326101-20200101-9999/documents/" + hj, tok("cw")).status, 404);
  for (const char* who : {"hall", "dept", "kiosk"})
    EXPECT_EQ(srv().get(base + hj, tok(who)).status, 403) << who;
  EXPECT_EQ(srv().get(base + hj).status, 401);
}

TEST_P(ConsoleWorkApiTest, DepartmentAcceptsCompletesOrReturnsReferralsAndTheCaseTimelineShowsEachStep) {
  auto sub = srv().post("/api/v1/applications", application(kTownship, uuid(), id_number("20100505", 222)),
                        tok("kiosk"));
  ASSERT_EQ(sub.status, 201) << sub.body;
  const std::string no = sub.json()["application_no"];
  auto refer = [&](const std::string& dept, const Json& extra) {
    Json body = {{"department", dept}, {"note", "孩子初三，学费困难"}};
    body.update(extra);
    auto r = srv().post("/api/v1/cases/" + no + "/referrals", body, tok("cw"));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["referral_id"].get<std::string>();
  };
  const std::string edu = refer("education", Json{{"reason", "义务教育阶段学生，需教育救助"}});
  const std::string edu2 = refer("education", Json::object());  // the contract's body, no reason
  const std::string housing = refer("housing", Json{{"reason", "危房"}});
  const std::string base = "/api/v1/referrals/";

  // The department's inbox: its own referrals, each with its steps (the reason it was sent).
  const Json inbox = items(srv().get("/api/v1/referrals", tok("dept")));
  bool found = false;
  for (const auto& x : inbox) {
    EXPECT_EQ(x["department"], "education");
    if (x["referral_id"] == edu) {
      found = true;
      ASSERT_EQ(x["steps"].size(), 1u);
      EXPECT_EQ(x["steps"][0]["step"], "sent");
      EXPECT_EQ(x["steps"][0]["note"], "义务教育阶段学生，需教育救助");
    }
  }
  EXPECT_TRUE(found);

  // Another department's referral: 404 (not 403); other roles 403; no token 401.
  EXPECT_EQ(srv().post(base + housing + "/accept", Json::object(), tok("dept")).status, 404);
  EXPECT_EQ(srv().post(base + "R-nope/accept", Json::object(), tok("dept")).status, 404);
  for (const char* who : {"cw", "admin", "hall", "kiosk"})
    EXPECT_EQ(srv().post(base + edu + "/accept", Json::object(), tok(who)).status, 403) << who;
  EXPECT_EQ(srv().post(base + edu + "/accept", Json::object()).status, 401);

  // done before accept: 409; accept; accept again: 409; done without a note: 400; done.
  EXPECT_EQ(srv().post(base + edu + "/done", Json{{"note", "x"}}, tok("dept")).status, 409);
  auto acc = srv().post(base + edu + "/accept", Json{{"note", "已接收，联系学校"}}, tok("dept"));
  ASSERT_EQ(acc.status, 200) << acc.body;
  EXPECT_EQ(acc.json()["status"], "accepted");
  EXPECT_EQ(srv().post(base + edu + "/accept", Json::object(), tok("dept")).status, 409);
  auto no_note = srv().post(base + edu + "/done", Json{{"note", "  "}}, tok("dept"));
  EXPECT_EQ(no_note.status, 400);
  EXPECT_EQ(no_note.json()["error"]["code"], "note_required");
  EXPECT_EQ(srv().post(base + edu + "/done", Json{{"reason", "x"}}, tok("dept")).status,
            400);  // unknown field
  auto done =
      srv().post(base + edu + "/done", Json{{"note", "已减免学杂费并发放助学金 1500 元"}}, tok("dept"));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["status"], "done");
  EXPECT_EQ(srv().post(base + edu + "/return", Json{{"reason", "x"}}, tok("dept")).status, 409);
  // Return needs its reason.
  auto bare = srv().post(base + edu2 + "/return", Json::object(), tok("dept"));
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(bare.json()["error"]["code"], "reason_required");
  auto back =
      srv().post(base + edu2 + "/return", Json{{"reason", "不属于本部门职责，请转住建"}}, tok("dept"));
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.json()["status"], "returned");

  // The case: every step in its timeline, oldest first, with the department's words.
  const Json c = srv().get("/api/v1/cases/" + no, tok("cw")).json();
  std::vector<std::string> seen;
  for (const auto& x : c["referral_steps"]) {
    if (x["referral_id"] == edu)
      seen.push_back(x["step"].get<std::string>() + ":" + x["note"].get<std::string>());
  }
  const std::vector<std::string> want = {"sent:义务教育阶段学生，需教育救助", "accept:已接收，联系学校",
                                         "done:已减免学杂费并发放助学金 1500 元"};
  EXPECT_EQ(seen, want);
  bool returned = false;
  for (const auto& x : c["referral_steps"]) {
    returned = returned || (x["referral_id"] == edu2 && x["step"] == "return" && x["actor"] == "user:dept");
  }
  EXPECT_TRUE(returned);
  for (const auto& x : c["referrals"]) {
    if (x["referral_id"] == edu) {
      EXPECT_EQ(x["status"], "done");
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleWorkApiTest, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
