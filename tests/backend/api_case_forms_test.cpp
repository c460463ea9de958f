// The case's forms and the receipt reprint as PDFs (GET /api/v1/cases/{no}/forms/{kind},
// GET /api/v1/applications/{no}/receipt?format=pdf) and the township's hall details printed on
// them (GET/PUT /api/v1/halls/{township}), on each database back end, against the real server.
// The PDFs are read back with poppler's pdftotext — a second implementation, independent of
// printing/'s layout code: the resident's name and masked ID number are on the paper, the full
// ID number is not, and the hall is as the county entered it or "（未登记）".
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "api_env.h"
#include "backend/util/crypto.h"
#include "core/id_number.h"

using namespace jiuzhu;
using namespace jiuzhu::test;

namespace {

// The text of a PDF as pdftotext reads it (layout mode off: one text run per line).
std::string pdf_text(const std::string& pdf, const std::string& dir) {
  static int n = 0;
  const std::string path = dir + "/form" + std::to_string(++n) + ".pdf";
  {
    std::ofstream out(path, std::ios::binary);
    out << pdf;
  }
  std::string text;
  FILE* p = ::popen(("pdftotext -enc UTF-8 '" + path + "' - 2>&1").c_str(), "r");
  if (!p) return text;
  char buf[4096];
  for (size_t got; (got = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, got);
  ::pclose(p);
  return text;
}

// pdftotext may break a line anywhere the layout wrapped it: compare without white space.
std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t') out += c;
  return out;
}

class CaseFormsTest : public ::testing::TestWithParam<std::string> {
 protected:
  ApiEnv& env() { return ApiEnv::get(GetParam()); }
  const ServerProcess& srv() { return *env().server; }
  const std::string& tok(const std::string& who) { return env().token.at(who); }

  // An application with a proxy and two adults (one not living together: not counted) submitted
  // by the township's kiosk; returns its number.
  std::string submit(const std::string& township, const std::string& kiosk, const std::string& applicant_id) {
    Json app = application(township, uuid(), applicant_id);
    app["applicant"]["name"] = "韦秀兰";
    app["household"]["members"][0]["name"] = "韦秀兰";
    Json spouse = app["household"]["members"][0];
    spouse["id_number"] = id_number("19520811", 641);
    spouse["name"] = "蒙德华";
    spouse["relation"] = "spouse";
    app["household"]["members"].push_back(spouse);
    Json away = spouse;
    away["id_number"] = id_number("19800101", 642);
    away["name"] = "蒙小军";
    away["relation"] = "child";
    away["lives_together"] = false;
    app["household"]["members"].push_back(away);
    // The signed 委托书 the kiosk photographed (any stored document will do here).
    const std::string scan = "%PDF-1.4\nproxy authorization " + uuid() + "\n%%EOF\n";
    const std::string hash = backend::sha256_hex(scan);
    EXPECT_LT(srv().request("PUT", "/api/v1/documents/" + hash, scan, tok(kiosk), "application/pdf").status, 300);
    app["proxy"] = {{"id_number", id_number("19781203", 377)}, {"name", "蒙丽"}, {"relation", "child"},
                    {"phone", "13900000001"}, {"authorization_document", hash}};
    auto r = srv().post("/api/v1/applications", app, tok(kiosk));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json().value("application_no", "");
  }

  int audit_rows(const std::string& no, const std::string& detail, const std::string& actor) {
    auto audit = srv().get("/api/v1/audit?limit=1000", tok("admin"));
    EXPECT_EQ(audit.status, 200) << audit.body;
    int n = 0;
    for (const auto& row : items(audit)) {
      if (row.value("action", "") == "print" && row.value("record_type", "") == "case" &&
          row.value("record_id", "") == no && row.value("detail", "") == detail && row.value("actor", "") == actor)
        ++n;
    }
    return n;
  }
};

TEST_P(CaseFormsTest, HallDetailsRoundTripScopedAndAudited) {
  const std::string path = std::string("/api/v1/halls/") + kTownship;
  const Json hall = {{"name", "罗锦镇社会救助服务窗口"}, {"address", "罗锦镇人民政府一楼"}, {"phone", "0773-8512345"}};
  auto put = srv().request("PUT", path, hall.dump(), tok("admin"));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json().value("registered", false), true);
  for (const char* who : {"admin", "hall", "cw"}) {
    auto got = srv().get(path, tok(who));
    ASSERT_EQ(got.status, 200) << who << " " << got.body;
    EXPECT_EQ(got.json().value("name", ""), "罗锦镇社会救助服务窗口");
    EXPECT_EQ(got.json().value("address", ""), "罗锦镇人民政府一楼");
    EXPECT_EQ(got.json().value("phone", ""), "0773-8512345");
    EXPECT_EQ(got.json().value("updated_by", ""), "user:admin");
  }
  // Outside the caller's area: not found, for reading and for writing.
  EXPECT_EQ(srv().get(path, tok("cw2")).status, 404);
  EXPECT_EQ(srv().get(path, tok("admin2")).status, 404);
  EXPECT_EQ(srv().request("PUT", path, hall.dump(), tok("admin2")).status, 404);
  // Only a county administrator writes; the department sees nothing.
  EXPECT_EQ(srv().request("PUT", path, hall.dump(), tok("hall")).status, 403);
  EXPECT_EQ(srv().get(path, tok("dept")).status, 403);
  // Bad input: named field, nothing changed.
  Json bad = hall;
  bad["phone"] = std::string(21, '1');
  auto r = srv().request("PUT", path, bad.dump(), tok("admin"));
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"].value("field", ""), "phone");
  bad = hall;
  bad["name"] = "  ";
  EXPECT_EQ(srv().request("PUT", path, bad.dump(), tok("admin")).status, 400);
  bad = hall;
  bad["fax"] = "1";
  EXPECT_EQ(srv().request("PUT", path, bad.dump(), tok("admin")).status, 400);
  EXPECT_EQ(srv().request("PUT", "/api/v1/halls/45032610x", hall.dump(), tok("admin")).status, 404);
  EXPECT_EQ(srv().get(path, tok("cw")).json().value("phone", ""), "0773-8512345");
  // Audited.
  bool audited = false;
  for (const auto& row : items(srv().get("/api/v1/audit?limit=1000", tok("admin"))))
    audited |= row.value("action", "") == "update" && row.value("record_type", "") == "hall" &&
               row.value("record_id", "") == kTownship;
  EXPECT_TRUE(audited);
  // A township without an entry: registered false, nothing invented.
  auto none = srv().get(std::string("/api/v1/halls/") + kOtherTownship, tok("cw2"));
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json().value("registered", true), false);
  EXPECT_EQ(none.json().value("name", "x"), "");
}

TEST_P(CaseFormsTest, EveryFormIsAPdfWithMaskedIdsAndIsAudited) {
  const Json hall = {{"name", "罗锦镇社会救助服务窗口"}, {"address", "罗锦镇人民政府一楼"}, {"phone", "0773-8512345"}};
  ASSERT_EQ(srv().request("PUT", std::string("/api/v1/halls/") + kTownship, hall.dump(), tok("admin")).status, 200);
  const std::string full = id_number("19500315", 611);
  const std::string no = submit(kTownship, "kiosk", full);
  ASSERT_FALSE(no.empty());
  const std::string masked = mask_id_number(full);
  ASSERT_NE(masked, full);
  const std::string spouse_full = id_number("19520811", 641);

  struct Case {
    std::string kind, paper;
  };
  const std::vector<Case> cases = {{"application-form", "a4"},   {"verification-authorization", "a4"},
                                   {"materials-checklist", "a4"}, {"visit-record", "a4"},
                                   {"proxy-authorization", "a4"}, {"receipt", "80mm"},
                                   {"receipt", "a4"}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.kind + " " + c.paper);
    for (const char* who : {"cw", "admin"}) {
      auto r = srv().get("/api/v1/cases/" + no + "/forms/" + c.kind + "?paper=" + c.paper, tok(who));
      ASSERT_EQ(r.status, 200) << r.body;
      EXPECT_EQ(r.content_type, "application/pdf");
      EXPECT_EQ(r.headers["Cache-Control"], "no-store");
      EXPECT_EQ(r.headers["Content-Disposition"], "attachment; filename=\"" + c.kind + "_" + no + ".pdf\"");
      ASSERT_EQ(r.body.substr(0, 5), "%PDF-");
      const std::string text = squeeze(pdf_text(r.body, env().dir->path()));
      EXPECT_NE(text.find("韦秀兰"), std::string::npos) << text;
      EXPECT_NE(text.find(masked), std::string::npos) << text;
      EXPECT_EQ(text.find(full), std::string::npos);
      EXPECT_EQ(text.find(spouse_full), std::string::npos);
      EXPECT_EQ(text.find(full.substr(6, 8)), std::string::npos) << "birth date digits on paper";
      if (c.kind == "receipt") {
        EXPECT_NE(text.find("0773-8512345"), std::string::npos) << text;
        EXPECT_NE(text.find("罗锦镇人民政府一楼"), std::string::npos) << text;
      }
      if (c.kind == "proxy-authorization") {
        EXPECT_NE(text.find("代为向罗锦镇社会救助服务窗口申请"), std::string::npos) << text;
      }
      if (c.kind == "verification-authorization") {
        // One signature line per counted adult: the applicant and the spouse, not the child away.
        EXPECT_NE(text.find("蒙德华"), std::string::npos) << text;
        EXPECT_EQ(text.find("蒙小军"), std::string::npos) << text;
      }
      EXPECT_EQ(audit_rows(no, "form=" + c.kind + " paper=" + c.paper, std::string("user:") + who), 1);
    }
  }

  // The receipt reprint of hall staff, as a PDF (80 mm by default).
  auto receipt = srv().get("/api/v1/applications/" + no + "/receipt?format=pdf", tok("hall"));
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  EXPECT_EQ(receipt.content_type, "application/pdf");
  EXPECT_EQ(receipt.headers["Cache-Control"], "no-store");
  const std::string text = squeeze(pdf_text(receipt.body, env().dir->path()));
  EXPECT_NE(text.find(masked), std::string::npos);
  EXPECT_EQ(text.find(full), std::string::npos);
  EXPECT_NE(text.find(no), std::string::npos);
  EXPECT_EQ(audit_rows(no, "form=receipt paper=80mm", "user:hall"), 1);
  // The JSON reprint is unchanged; a bad format is named.
  EXPECT_EQ(srv().get("/api/v1/applications/" + no + "/receipt", tok("hall")).content_type.rfind("application/json", 0), 0u);
  EXPECT_EQ(srv().get("/api/v1/applications/" + no + "/receipt?format=docx", tok("hall")).status, 400);

  // Bad requests.
  EXPECT_EQ(srv().get("/api/v1/cases/" + no + "/forms/visit-record?paper=80mm", tok("cw")).status, 400);
  EXPECT_EQ(srv().get("/api/v1/cases/" + no + "/forms/visit-record?paper=letter", tok("cw")).status, 400);
  EXPECT_EQ(srv().get("/api/v1/cases/" + no + "/forms/tax-return", tok("cw")).status, 404);
  // Hall staff print only the receipt; departments nothing.
  EXPECT_EQ(srv().get("/api/v1/cases/" + no + "/forms/visit-record", tok("hall")).status, 403);
  EXPECT_EQ(srv().get("/api/v1/cases/" + no + "/forms/visit-record", tok("dept")).status, 403);
}

TEST_P(CaseFormsTest, OutOfAreaIsNotFoundAndLeavesNoAuditRow) {
  const std::string no = submit(kTownship, "kiosk", id_number("19500315", 612));
  ASSERT_FALSE(no.empty());
  for (const char* who : {"cw2", "admin2"}) {
    auto r = srv().get("/api/v1/cases/" + no + "/forms/application-form", tok(who));
    EXPECT_EQ(r.status, 404) << who;
    EXPECT_EQ(r.body.find("%PDF"), std::string::npos);
    EXPECT_EQ(audit_rows(no, "form=application-form paper=a4", std::string("user:") + who), 0);
  }
  EXPECT_EQ(srv().get("/api/v1/cases/450326999-20990101-0001/forms/receipt", tok("cw")).status, 404);
}

TEST_P(CaseFormsTest, WithoutProxyNoProxyFormAndUnregisteredHallPrintsAMark) {
  // Another township, whose county never entered its hall.
  Json app = application(kOtherTownship, uuid(), id_number("19500315", 613));
  auto sent = srv().post("/api/v1/applications", app, tok("kiosk2"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string no = sent.json().value("application_no", "");
  auto proxy = srv().get("/api/v1/cases/" + no + "/forms/proxy-authorization", tok("cw2"));
  EXPECT_EQ(proxy.status, 409);
  EXPECT_EQ(proxy.json()["error"].value("code", ""), "no_proxy");
  EXPECT_EQ(audit_rows(no, "form=proxy-authorization paper=a4", "user:cw2"), 0);

  auto receipt = srv().get("/api/v1/cases/" + no + "/forms/receipt?paper=80mm", tok("cw2"));
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  const std::string text = squeeze(pdf_text(receipt.body, env().dir->path()));
  EXPECT_NE(text.find("受理窗口：（未登记）"), std::string::npos) << text;
  EXPECT_NE(text.find("咨询电话：（未登记）"), std::string::npos) << text;
  EXPECT_NE(text.find("地址：（未登记）"), std::string::npos) << text;
  EXPECT_EQ(text.find("罗锦镇社会救助服务窗口"), std::string::npos) << "another township's hall";
}

INSTANTIATE_TEST_SUITE_P(Backends, CaseFormsTest, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
