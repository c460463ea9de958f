// The proactive-discovery workflow over HTTP, on each back end: a synthetic county's feeds under
// the server's feeds root, a run as county_admin, the township caseworker's queue, assignment,
// the whole life of items (queue/workflow.h), visits and their cadence, due/overdue per
// caseworker, an incremental second run checked against the engine itself, rosters as JSON, CSV
// and PDF, idempotent leads, and who may call what.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "api_env.h"
#include "backend/discovery/engine.h"
#include "backend/discovery/synth.h"
#include "backend/queue/cadence.h"
#include "core/calendar.h"
#include "core/date.h"

using namespace jiuzhu::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* kAsOf = "2026-11-24";

// The feeds of one synthetic county, in two versions: run1 lacks health.csv (no serious-illness
// warnings yet), run2 lacks disability.csv (severe-disability warnings gone). So the second run
// has new households, households with a new flag (changed) and households no longer flagged.
struct County {
  TempDir dir;
  std::string root;
  County() : root(dir.path() + "/feeds") {
    jiuzhu::discovery::SynthOptions o;
    o.county = kCounty;
    o.residents = 5000;
    o.seed = 20261124;
    o.out_dir = dir.path() + "/full";
    o.as_of = *jiuzhu::Date::parse_iso(kAsOf);
    auto st = jiuzhu::discovery::synthesize_county(o);
    if (!st.ok()) throw std::runtime_error("synth failed: " + st.error().message);
    for (auto [name, skip] : {std::pair{"run1", "health.csv"}, std::pair{"run2", "disability.csv"}}) {
      fs::create_directories(root + "/" + name);
      for (const auto& f : fs::directory_iterator(o.out_dir)) {
        if (f.path().filename() != skip) fs::copy_file(f.path(), root + "/" + name + "/" + f.path().filename().string());
      }
    }
  }
  // What the engine itself says, for comparison with the server.
  Json engine(const std::string& name, const Json* previous) const {
    const auto as_of = *jiuzhu::Date::parse_iso(kAsOf);
    auto rules = jiuzhu::discovery::load_rules(jiuzhu::discovery::default_rules_path(), as_of);
    auto run = jiuzhu::discovery::run_discovery({root + "/" + name, kCounty, as_of, 2, false}, *rules);
    return jiuzhu::discovery::queue_json(*run, *rules, previous);
  }
};

struct Env {
  County county;
  TempDir dir;
  std::string url;
  std::unique_ptr<ServerProcess> server;
  std::map<std::string, std::string> token;

  explicit Env(const std::string& backend) {
    url = database_url(backend, dir.path());
    token["kiosk"] = add_kiosk(url, "K-LJ-01", kTownship);
    add_user(url, "hall", {"--role", "hall_staff", "--township", kTownship});
    add_user(url, "cw", {"--role", "caseworker", "--township", kTownship});
    add_user(url, "cwb", {"--role", "caseworker", "--township", kTownship});
    add_user(url, "cw2", {"--role", "caseworker", "--township", kOtherTownship});
    add_user(url, "admin", {"--role", "county_admin", "--county", kCounty});
    add_user(url, "admin2", {"--role", "county_admin", "--county", kOtherCounty});
    add_user(url, "dept", {"--role", "department", "--department", "education", "--county", kCounty});
    server = std::make_unique<ServerProcess>(dir.path(), url, std::vector<std::string>{"--feeds-root", county.root});
    for (const char* u : {"hall", "cw", "cwb", "cw2", "admin", "admin2", "dept"}) token[u] = login(*server, u);
  }
};

class DiscoveryApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  static Env& env() {
    static std::map<std::string, std::unique_ptr<Env>> envs;
    auto& slot = envs[GetParam()];
    if (!slot) slot = std::make_unique<Env>(GetParam());
    return *slot;
  }
  const ServerProcess& srv() { return *env().server; }
  std::string tok(const std::string& who) { return env().token.at(who); }

  // Every queue item the caller sees (all states), page by page.
  std::vector<Json> all_items(const std::string& who, const std::string& extra = "") {
    std::vector<Json> out;
    std::string cursor;
    for (int pages = 0; pages < 100; ++pages) {
      auto r = srv().get("/api/v1/discovery/queue?status=all&limit=200" + extra + (cursor.empty() ? "" : "&cursor=" + cursor),
                         tok(who));
      EXPECT_EQ(r.status, 200) << r.body;
      for (const auto& it : items(r)) out.push_back(it);
      if (r.json()["next_cursor"].is_null()) break;
      cursor = r.json()["next_cursor"];
    }
    return out;
  }

  // Every audit row the county_admin sees.
  std::vector<Json> audit_rows() {
    std::vector<Json> out;
    int64_t after = 0;
    for (int pages = 0; pages < 1000; ++pages) {
      auto r = srv().get("/api/v1/audit?limit=1000&after=" + std::to_string(after), tok("admin"));
      EXPECT_EQ(r.status, 200) << r.body;
      if (items(r).empty()) break;
      for (const auto& row : items(r)) out.push_back(row);
      after = out.back()["seq"];
    }
    return out;
  }

  HttpReply move(int64_t id, const std::string& to, const std::string& reason = "", const std::string& who = "cw") {
    Json body = {{"to", to}};
    if (!reason.empty()) body["reason"] = reason;
    return srv().post("/api/v1/discovery/queue/" + std::to_string(id) + "/transitions", body, tok(who));
  }

  HttpReply visit(int64_t id, const std::string& on, const std::string& next_due = "", const std::string& who = "cw") {
    Json body = {{"queue_id", id}, {"visited_on", on}, {"findings", "入户核实：家中生活困难"}, {"next_step", "协助申请"}};
    if (!next_due.empty()) body["next_visit_due"] = next_due;
    return srv().post("/api/v1/visits", body, tok(who));
  }

  // Runs once per back end: the first discovery run, checked against the engine.
  void first_run() {
    static std::set<std::string> done;
    if (done.count(GetParam())) return;
    auto r = srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", "run1"}, {"as_of", kAsOf}}, tok("admin"));
    ASSERT_EQ(r.status, 201) << r.body;
    const Json engine = env().county.engine("run1", nullptr);
    EXPECT_EQ(r.json()["flagged"], engine["households"].size());
    EXPECT_EQ(r.json()["new"], engine["households"].size());
    EXPECT_EQ(r.json()["changed"], 0);
    EXPECT_EQ(r.json()["resolved"], 0);
    EXPECT_EQ(r.json()["households"], engine["summary"]["households"]);
    EXPECT_EQ(r.json()["as_of"], kAsOf);
    EXPECT_GT(r.json()["flagged"].get<int>(), 20);
    done.insert(GetParam());
  }
};

TEST_P(DiscoveryApiTest, RunsValidateTheirInput) {
  const std::string admin = tok("admin");
  for (const char* bad : {"../run1", "/etc", "run1/../run2", ".hidden", ""}) {
    auto r = srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", bad}}, admin);
    EXPECT_EQ(r.status, 400) << bad << " " << r.body;
  }
  EXPECT_EQ(srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", "nope"}}, admin).json()["error"]["code"],
            "feeds_dir_not_found");
  EXPECT_EQ(srv().post("/api/v1/discovery/runs", Json::object(), admin).status, 400);
  EXPECT_EQ(srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", "run1"}, {"feeds", {{"population.csv", ""}}}}, admin).status,
            400);
  EXPECT_EQ(srv().post("/api/v1/discovery/runs", Json{{"feeds", {{"passwords.csv", "x"}}}}, admin).json()["error"]["code"],
            "unknown_feed");
  EXPECT_EQ(srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", "run1"}, {"as_of", "24.11.2026"}}, admin).status, 400);
  EXPECT_EQ(srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", "run1"}, {"extra", 1}}, admin).status, 400);
}

TEST_P(DiscoveryApiTest, UploadedFeedsRunForTheCallersCountyOnly) {
  // admin2's county is another one: uploaded rows of this county are row errors there, and
  // nothing of it reaches this county's queue. The samples carry no ID numbers.
  std::ifstream in(env().county.root + "/run1/population.csv");
  std::stringstream ss;
  ss << in.rdbuf();
  auto r = srv().post("/api/v1/discovery/runs", Json{{"feeds", {{"population.csv", ss.str()}}}, {"as_of", kAsOf}},
                      tok("admin2"));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["flagged"], 0);
  EXPECT_GT(r.json()["row_errors"].get<int>(), 0);
  ASSERT_FALSE(r.json()["row_error_samples"].empty());
  for (const auto& s : Json(r.json()["row_error_samples"])) {
    EXPECT_EQ(s["file"], "population.csv");
    EXPECT_TRUE(s["line"].is_number());
    const std::string reason = s["reason"];
    EXPECT_EQ(reason.find(kCounty), std::string::npos) << reason;
  }
  // discovery: per-file counts (issue 17) — every row of the file dropped, none kept.
  const Json files = r.json()["files"];
  ASSERT_TRUE(files.contains("population.csv")) << r.body;
  EXPECT_EQ(files["population.csv"]["rows"], 0);
  EXPECT_EQ(files["population.csv"]["errors"], r.json()["row_errors"]);
  EXPECT_TRUE(r.json()["row_warnings"].is_number());
  auto q = srv().get("/api/v1/discovery/queue?status=all", tok("admin2"));
  ASSERT_EQ(q.status, 200);
  EXPECT_TRUE(items(q).empty());
}

TEST_P(DiscoveryApiTest, TheWholeWorkflow) {
  first_run();
  if (HasFatalFailure()) return;
  // The caseworker sees their township only, with masked ID numbers and no evidence.
  auto mine = all_items("cw");
  ASSERT_FALSE(mine.empty());
  for (const auto& it : mine) {
    EXPECT_EQ(it["township"], kTownship);
    EXPECT_EQ(it["source"], "discovery");
    EXPECT_EQ(it["state"], "lead");
    EXPECT_EQ(it["change"], "new");
    EXPECT_FALSE(it.contains("evidence"));
    const std::string id = it["id_number"];
    EXPECT_EQ(id.size(), 18u);
    EXPECT_NE(id.find("********"), std::string::npos) << id;
  }
  // Highest score first across pages.
  for (size_t i = 1; i < mine.size(); ++i) EXPECT_GE(mine[i - 1]["score"].get<double>(), mine[i]["score"].get<double>());
  auto county_items = all_items("admin");
  int64_t other = 0;
  for (const auto& it : county_items) {
    if (it["township"] == kOtherTownship) other = it["id"];
  }
  ASSERT_NE(other, 0);
  EXPECT_EQ(srv().get("/api/v1/discovery/queue/" + std::to_string(other), tok("cw")).status, 404);
  EXPECT_EQ(srv().get("/api/v1/discovery/queue/" + std::to_string(other), tok("cw2")).status, 200);
  EXPECT_EQ(srv().get("/api/v1/discovery/queue/" + std::to_string(other), tok("admin2")).status, 404);
  EXPECT_EQ(srv().get("/api/v1/discovery/queue/abc", tok("cw")).status, 404);

  // One item: the full record is one audited read away.
  const int64_t a = mine[0]["id"];
  auto one = srv().get("/api/v1/discovery/queue/" + std::to_string(a), tok("cw"));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json()["id_number"].get<std::string>().find('*'), std::string::npos);
  ASSERT_FALSE(one.json()["evidence"].empty());
  EXPECT_EQ(one.json()["allowed_transitions"], Json::array({"visited"}));
  bool audited = false;
  for (const auto& row : audit_rows()) {
    audited |= row["action"] == "read" && row["record_type"] == "queue_item" && row["record_id"] == std::to_string(a);
    EXPECT_EQ(row["detail"].get<std::string>().find("450326"), std::string::npos);
  }
  EXPECT_TRUE(audited);

  // Assignment: county_admin, to a caseworker of the item's township.
  const std::string assign = "/api/v1/discovery/queue/" + std::to_string(a) + "/assignment";
  EXPECT_EQ(srv().post(assign, Json{{"caseworker", "cw2"}}, tok("admin")).json()["error"]["code"], "bad_caseworker");
  EXPECT_EQ(srv().post(assign, Json{{"caseworker", "hall"}}, tok("admin")).status, 400);
  EXPECT_EQ(srv().post(assign, Json{{"caseworker", "ghost"}}, tok("admin")).status, 400);
  EXPECT_EQ(srv().post(assign, Json{{"caseworker", "cw"}}, tok("admin2")).status, 404);
  EXPECT_EQ(srv().post(assign, Json{{"caseworker", "cw"}}, tok("cw")).status, 403);
  auto as = srv().post(assign, Json{{"caseworker", "cw"}}, tok("admin"));
  ASSERT_EQ(as.status, 200) << as.body;
  EXPECT_EQ(as.json()["assigned_to"], "cw");
  bool listed = false;
  for (const auto& it : all_items("cw", "&assigned_to=me")) listed |= it["id"] == a;
  EXPECT_TRUE(listed);

  // lead → visited (by the visit) → declined (救助自愿, reason required) → followed_up.
  EXPECT_EQ(move(a, "applied").status, 409);
  EXPECT_EQ(move(a, "nonsense").status, 400);
  const std::string today = jiuzhu::Date::today_china().iso();
  auto v = visit(a, today);
  ASSERT_EQ(v.status, 201) << v.body;
  EXPECT_EQ(v.json()["caseworker"], "cw");
  auto after = srv().get("/api/v1/discovery/queue/" + std::to_string(a), tok("cw")).json();
  EXPECT_EQ(after["state"], "visited");
  ASSERT_EQ(after["visits"].size(), 1u);
  EXPECT_EQ(after["visits"][0]["findings"], "入户核实：家中生活困难");
  EXPECT_EQ(after["visits"][0]["next_step"], "协助申请");
  // A key household's next visit comes from the cadence; others have none unless given.
  if (!after["cadence"].get<std::string>().empty()) {
    const auto cad = after["cadence"] == "weekly" ? jiuzhu::backend::queue::Cadence::weekly
                                                  : jiuzhu::backend::queue::Cadence::monthly;
    auto due = jiuzhu::backend::queue::next_due(cad, jiuzhu::Date::today_china(), jiuzhu::WorkingCalendar::builtin());
    EXPECT_EQ(v.json()["next_visit_due"], due->iso());
  } else {
    EXPECT_EQ(v.json()["next_visit_due"], "");
  }
  auto no_reason = move(a, "not_eligible");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.json()["error"]["code"], "reason_required");
  EXPECT_EQ(move(a, "declined", "  ").status, 400);
  auto declined = move(a, "declined", "户主表示自己能克服，暂不申请");
  ASSERT_EQ(declined.status, 200) << declined.body;
  EXPECT_EQ(declined.json()["state"], "declined");
  EXPECT_EQ(declined.json()["reason"], "户主表示自己能克服，暂不申请");
  if (after["key_category"].get<std::string>().empty()) {
    EXPECT_EQ(declined.json()["visit_due"], "");  // no pushing
  }
  EXPECT_EQ(move(a, "applied").status, 409);
  EXPECT_EQ(move(a, "followed_up").status, 200);
  EXPECT_EQ(move(a, "visited").status, 409);
  EXPECT_EQ(move(a, "visited", "", "cw2").status, 404);

  // Another: visited → applied (with the application it led to) → followed_up, by the admin.
  const int64_t b = mine[1]["id"];
  ASSERT_EQ(visit(b, today).status, 201);
  auto applied = srv().post("/api/v1/discovery/queue/" + std::to_string(b) + "/transitions",
                            Json{{"to", "applied"}, {"application_no", "A450326101-20261125-0001"}}, tok("admin"));
  ASSERT_EQ(applied.status, 200) << applied.body;
  EXPECT_EQ(applied.json()["application_no"], "A450326101-20261125-0001");
  EXPECT_EQ(move(b, "followed_up", "", "admin").status, 200);
  // A third: not eligible with a written reason (书面说明).
  const int64_t c = mine[2]["id"];
  ASSERT_EQ(visit(c, today).status, 201);
  EXPECT_EQ(move(c, "not_eligible", "家庭人均收入高于低保标准").status, 200);
  EXPECT_EQ(srv().post("/api/v1/visits", Json{{"queue_id", c}, {"visited_on", today}}, tok("cw")).status, 400);  // no findings
  EXPECT_EQ(visit(c, "2099-01-01").status, 400);  // a visit in the future
  EXPECT_EQ(visit(other, today).status, 404);

  // Due and overdue: an item visited on 11-01 with the next visit set for 11-10 is overdue.
  const int64_t d = mine[3]["id"];
  ASSERT_EQ(visit(d, "2026-11-01", "2026-11-10").status, 201);
  ASSERT_EQ(srv().post("/api/v1/discovery/queue/" + std::to_string(mine[4]["id"].get<int64_t>()) + "/assignment",
                       Json{{"caseworker", "cwb"}}, tok("admin")).status, 200);
  auto due = srv().get("/api/v1/visits/due?by=2030-12-31", tok("cw"));
  ASSERT_EQ(due.status, 200) << due.body;
  bool saw_overdue = false;
  for (const auto& it : items(due)) {
    EXPECT_TRUE(it["assigned_to"] == "cw" || it["assigned_to"] == "") << it["assigned_to"];
    EXPECT_EQ(it["township"], kTownship);
    EXPECT_NE(it["id"], mine[4]["id"]);  // cwb's
    if (it["id"] == d) {
      saw_overdue = true;
      EXPECT_TRUE(it["overdue"].get<bool>());
      EXPECT_EQ(it["days_overdue"], jiuzhu::Date(2026, 11, 10).days_until(jiuzhu::Date::today_china()));
    }
  }
  EXPECT_TRUE(saw_overdue);
  EXPECT_FALSE(due.json()["caseworkers"].empty());
  EXPECT_EQ(srv().get("/api/v1/visits/due?caseworker=cwb", tok("cw")).status, 403);
  auto cwb = srv().get("/api/v1/visits/due?by=2030-12-31&caseworker=cwb", tok("admin"));
  ASSERT_EQ(cwb.status, 200);
  ASSERT_EQ(items(cwb).size(), 1u);
  EXPECT_EQ(items(cwb)[0]["id"], mine[4]["id"]);
  EXPECT_FALSE(items(srv().get("/api/v1/visits/due?by=2030-12-31", tok("admin"))).empty());
  EXPECT_EQ(srv().get("/api/v1/visits/due?by=soon", tok("cw")).status, 400);

  // Case assignment (intake): county_admin, a caseworker of the case's township.
  auto ack = srv().post("/api/v1/applications", application(kTownship, uuid()), tok("kiosk"));
  ASSERT_EQ(ack.status, 201) << ack.body;
  const std::string no = ack.json()["application_no"];
  EXPECT_EQ(srv().post("/api/v1/cases/" + no + "/assignment", Json{{"caseworker", "cw2"}}, tok("admin")).status, 400);
  EXPECT_EQ(srv().post("/api/v1/cases/" + no + "/assignment", Json{{"caseworker", "cw"}}, tok("admin2")).status, 404);
  ASSERT_EQ(srv().post("/api/v1/cases/" + no + "/assignment", Json{{"caseworker", "cw"}}, tok("admin")).status, 200);
  EXPECT_EQ(srv().get("/api/v1/cases/" + no, tok("cw")).json()["assigned_to"], "cw");

  // The second run: new / changed / resolved exactly as the engine's incremental mode says,
  // no duplicates, and the caseworker's work kept.
  const Json before = env().county.engine("run1", nullptr);
  const Json expect = env().county.engine("run2", &before);
  auto r2 = srv().post("/api/v1/discovery/runs", Json{{"feeds_dir", "run2"}, {"as_of", kAsOf}}, tok("admin"));
  ASSERT_EQ(r2.status, 201) << r2.body;
  EXPECT_EQ(r2.json()["new"], expect["summary"]["new"]);
  EXPECT_EQ(r2.json()["changed"], expect["summary"]["changed"]);
  EXPECT_EQ(r2.json()["resolved"], expect["summary"]["resolved"]);
  EXPECT_GT(r2.json()["new"].get<int>(), 0);
  EXPECT_GT(r2.json()["changed"].get<int>(), 0);
  EXPECT_GT(r2.json()["resolved"].get<int>(), 0);
  EXPECT_GT(r2.json()["run_id"].get<int64_t>(), 0);
  std::set<std::string> households;
  for (const auto& h : before["households"]) households.insert(h["household_id"].get<std::string>());
  for (const auto& h : expect["households"]) households.insert(h["household_id"].get<std::string>());
  auto now_items = all_items("admin");
  std::set<std::string> seen;
  size_t resolved = 0;
  for (const auto& it : now_items) {
    if (it["source"] != "discovery") continue;
    EXPECT_TRUE(seen.insert(it["household_id"].get<std::string>()).second) << "duplicate " << it["household_id"];
    resolved += it["change"] == "resolved";
    if (it["id"] == a) {
      EXPECT_EQ(it["assigned_to"], "cw");
      EXPECT_EQ(it["reason"], "户主表示自己能克服，暂不申请");
    }
    if (it["id"] == d) {
      EXPECT_EQ(it["visit_due"], "2026-11-10");
    }
  }
  EXPECT_EQ(seen, households);
  EXPECT_EQ(resolved, expect["resolved"].size());
  EXPECT_EQ(all_items("admin", "&change=resolved").size(), expect["resolved"].size());
}

TEST_P(DiscoveryApiTest, RostersAsJsonCsvAndPdf) {
  first_run();
  if (HasFatalFailure()) return;
  auto j = srv().get("/api/v1/registry", tok("cw"));
  ASSERT_EQ(j.status, 200) << j.body;
  ASSERT_FALSE(j.json()["roster"].empty());
  EXPECT_EQ(j.json()["as_of"], kAsOf);
  std::set<std::string> groups;
  for (const auto& row : Json(j.json()["roster"])) {
    EXPECT_EQ(row["township"], kTownship);
    EXPECT_NE(row["id_number"].get<std::string>().find("********"), std::string::npos);
    groups.insert(row["category"].get<std::string>());
  }
  auto dibao = srv().get("/api/v1/registry?category=dibao", tok("admin"));
  ASSERT_EQ(dibao.status, 200);
  ASSERT_FALSE(dibao.json()["roster"].empty());
  for (const auto& row : Json(dibao.json()["roster"])) EXPECT_EQ(row["category"], "dibao");
  EXPECT_TRUE(dibao.json()["items"].is_array());  // approved cases of the program, as before
  EXPECT_EQ(srv().get("/api/v1/registry?category=nonsense", tok("cw")).status, 400);
  EXPECT_EQ(srv().get("/api/v1/registry?township=" + std::string(kOtherTownship), tok("cw")).status, 403);
  EXPECT_EQ(srv().get("/api/v1/registry?township=370102001", tok("admin")).status, 403);
  auto other = srv().get("/api/v1/registry?township=" + std::string(kOtherTownship), tok("admin"));
  ASSERT_EQ(other.status, 200);
  for (const auto& row : Json(other.json()["roster"])) EXPECT_EQ(row["township"], kOtherTownship);

  auto csv = srv().get("/api/v1/registry?category=dibao&format=csv", tok("cw"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.content_type.find("text/csv"), std::string::npos);
  EXPECT_EQ(csv.body.rfind("category,category_name,township,household_id,id_number,name,age,relation,detail\r\n", 0), 0u);
  size_t lines = 0;
  for (char ch : csv.body) lines += ch == '\n';
  EXPECT_GT(lines, 1u);
  EXPECT_NE(csv.body.find("********"), std::string::npos);
  EXPECT_EQ(srv().get("/api/v1/registry?format=xml", tok("cw")).status, 400);

  auto pdf = srv().get("/api/v1/registry?category=dibao&format=pdf", tok("cw"));
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.content_type, "application/pdf");
  ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  TempDir tmp;
  {
    std::ofstream f(tmp.path() + "/r.pdf", std::ios::binary);
    f << pdf.body;
  }
  const std::string cmd = "pdftotext -layout " + tmp.path() + "/r.pdf " + tmp.path() + "/r.txt";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::ifstream t(tmp.path() + "/r.txt");
  std::stringstream text;
  text << t.rdbuf();
  EXPECT_NE(text.str().find("重点人群信息库"), std::string::npos);
  EXPECT_NE(text.str().find("450326********"), std::string::npos) << text.str().substr(0, 400);

  // Every form of the read is audited.
  std::set<std::string> formats;
  for (const auto& row : audit_rows()) {
    if (row["record_type"] == "registry" && row["actor"] == "user:cw") formats.insert(row["detail"].get<std::string>());
  }
  EXPECT_TRUE(formats.count("category=dibao format=csv rows=" + std::to_string(lines - 1))) << Json(formats).dump();
  EXPECT_TRUE(formats.count("category=dibao format=pdf rows=" + std::to_string(lines - 1))) << Json(formats).dump();
  EXPECT_TRUE(formats.count("category=all format=json rows=" + std::to_string(j.json()["roster_total"].get<size_t>())));
}

TEST_P(DiscoveryApiTest, LeadClientIdRetryReturnsTheSameLead) {
  Json l = lead(kTownship, false);
  l["client_id"] = "lead-" + uuid();
  auto first = srv().post("/api/v1/leads", l, tok("kiosk"));
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = srv().post("/api/v1/leads", l, tok("kiosk"));
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["lead_id"], first.json()["lead_id"]);
  EXPECT_EQ(again.json()["visit_due"], first.json()["visit_due"]);
  size_t n = 0;
  for (const auto& it : all_items("cw")) {
    n += it.value("lead_id", "") == first.json()["lead_id"];
    if (it.value("lead_id", "") == first.json()["lead_id"]) {
      EXPECT_EQ(it["lead"]["subject"]["name"], "李*");  // masked in the list
      EXPECT_FALSE(it["lead"].contains("reporter"));
    }
  }
  EXPECT_EQ(n, 1u);
  for (const char* bad : {"", "has space", "中文", "x/y"}) {
    l["client_id"] = bad;
    EXPECT_EQ(srv().post("/api/v1/leads", l, tok("kiosk")).status, 400) << bad;
  }
  l["client_id"] = std::string(65, 'a');
  EXPECT_EQ(srv().post("/api/v1/leads", l, tok("kiosk")).status, 400);
  l["client_id"] = 42;
  EXPECT_EQ(srv().post("/api/v1/leads", l, tok("kiosk")).status, 400);
}

TEST_P(DiscoveryApiTest, RoleTable) {
  struct Endpoint {
    const char* method;
    std::string path;
    std::set<std::string> allowed;
  };
  const std::vector<Endpoint> table = {
      {"POST", "/api/v1/discovery/runs", {"admin"}},
      {"GET", "/api/v1/discovery/queue", {"cw", "admin"}},
      {"GET", "/api/v1/discovery/queue/1", {"cw", "admin"}},
      {"POST", "/api/v1/discovery/queue/1/transitions", {"cw", "admin"}},
      {"POST", "/api/v1/discovery/queue/1/assignment", {"admin"}},
      {"POST", "/api/v1/cases/A1/assignment", {"admin"}},
      {"POST", "/api/v1/visits", {"cw"}},
      {"GET", "/api/v1/visits/due", {"cw", "admin"}},
      {"GET", "/api/v1/registry", {"cw", "admin"}},
  };
  for (const auto& e : table) {
    for (const std::string role : {"none", "kiosk", "hall", "cw", "admin", "dept"}) {
      const std::string token = role == "none" ? "" : tok(role);
      auto r = srv().request(e.method, e.path, std::string(e.method) == "GET" ? "" : "{}", token);
      SCOPED_TRACE(std::string(e.method) + " " + e.path + " as " + role + " → " + std::to_string(r.status) + " " + r.body);
      EXPECT_LT(r.status, 500);
      if (e.allowed.count(role)) {
        EXPECT_NE(r.status, 401);
        EXPECT_NE(r.status, 403);
      } else if (role == "none") {
        EXPECT_EQ(r.status, 401);
      } else {
        EXPECT_EQ(r.status, 403);
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DiscoveryApiTest, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
