// Kiosk enrolment without copying secrets (issue #19): `kiosk enrol-code` prints a one-time code,
// POST /api/v1/kiosks/enrol exchanges it once for a working kiosk token; wrong, reused and
// malformed codes are 401; a disabled kiosk's token is refused and a code issued before the
// kiosk was disabled is 403. On every database back end.
#include <gtest/gtest.h>

#include "api_env.h"

using namespace jiuzhu::test;

namespace {

class EnrolTest : public ::testing::TestWithParam<std::string> {};

std::string issue_code(const std::string& url, const std::string& id) {
  auto r = run_server_command({"kiosk", "enrol-code", "--id", id, "--township", kTownship, "--db", url});
  EXPECT_EQ(r.exit_code, 0);
  return r.out.substr(0, r.out.find('\n'));
}

TEST_P(EnrolTest, OneTimeCodeForAToken) {
  TempDir dir;
  const std::string url = database_url(GetParam(), dir.path());
  const std::string code = issue_code(url, "HALL-ENROL-1");
  ASSERT_EQ(code.size(), 19u) << code;  // XXXX-XXXX-XXXX-XXXX
  ServerProcess server(dir.path(), url);

  // Lower case and without dashes is the same code (typed on a kiosk's keyboard).
  std::string typed;
  for (char c : code) {
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto r = server.post("/api/v1/kiosks/enrol", Json{{"code", typed}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["kiosk_id"], "HALL-ENROL-1");
  EXPECT_EQ(r.json()["township"], kTownship);
  const std::string token = r.json()["token"];
  auto self = server.get("/api/v1/kiosks/self", token);
  ASSERT_EQ(self.status, 200) << self.body;
  EXPECT_EQ(self.json()["kiosk_id"], "HALL-ENROL-1");
  EXPECT_EQ(server.post("/api/v1/applications", application(kTownship, uuid()), token).status, 201);

  // Once only; wrong and malformed codes look the same.
  auto again = server.post("/api/v1/kiosks/enrol", Json{{"code", code}});
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(again.json()["error"]["code"], "invalid_enrolment_code");
  EXPECT_EQ(server.post("/api/v1/kiosks/enrol", Json{{"code", "0000-0000-0000-0000"}}).status, 401);
  EXPECT_EQ(server.post("/api/v1/kiosks/enrol", Json{{"code", "not a code"}}).status, 401);
  EXPECT_EQ(server.post("/api/v1/kiosks/enrol", Json{{"code", 12345}}).status, 400);
  EXPECT_EQ(server.post("/api/v1/kiosks/enrol", Json{{"code", code}, {"extra", 1}}).status, 400);
  // The token cannot enrol anything else, and /self needs a kiosk token.
  EXPECT_EQ(server.get("/api/v1/kiosks/self").status, 401);
}

TEST_P(EnrolTest, DisabledKioskIsRefused) {
  TempDir dir;
  const std::string url = database_url(GetParam(), dir.path());
  const std::string first = issue_code(url, "HALL-ENROL-2");
  const std::string second = issue_code(url, "HALL-ENROL-2");
  ServerProcess server(dir.path(), url);
  auto r = server.post("/api/v1/kiosks/enrol", Json{{"code", first}});
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string token = r.json()["token"];

  auto disabled = run_server_command({"kiosk", "disable", "--id", "HALL-ENROL-2", "--db", url});
  ASSERT_EQ(disabled.exit_code, 0);
  // (The token was never used, so no server cache holds it: refused at once.)
  EXPECT_EQ(server.get("/api/v1/kiosks/self", token).status, 401);
  EXPECT_EQ(server.post("/api/v1/applications", application(kTownship, uuid()), token).status, 401);
  // A code issued before the kiosk was disabled does not bring it back; no new code is issued.
  auto late = server.post("/api/v1/kiosks/enrol", Json{{"code", second}});
  EXPECT_EQ(late.status, 403) << late.body;
  EXPECT_EQ(late.json()["error"]["code"], "kiosk_disabled");
  EXPECT_EQ(run_server_command(
                {"kiosk", "enrol-code", "--id", "HALL-ENROL-2", "--township", kTownship, "--db", url})
                .exit_code,
            1);
  // Another township's id is not taken over.
  EXPECT_EQ(run_server_command(
                {"kiosk", "enrol-code", "--id", "HALL-ENROL-2", "--township", kOtherTownship, "--db", url})
                .exit_code,
            1);

  ASSERT_EQ(run_server_command({"kiosk", "enable", "--id", "HALL-ENROL-2", "--db", url}).exit_code, 0);
  auto fresh = server.post("/api/v1/kiosks/enrol", Json{{"code", issue_code(url, "HALL-ENROL-2")}});
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  EXPECT_EQ(server.get("/api/v1/kiosks/self", fresh.json()["token"].get<std::string>()).status, 200);
  // Re-enrolling replaced the old token.
  EXPECT_EQ(server.get("/api/v1/kiosks/self", token).status, 401);
  EXPECT_EQ(run_server_command({"kiosk", "disable", "--id", "NO-SUCH-KIOSK", "--db", url}).exit_code, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, EnrolTest, ::testing::ValuesIn(backends()));

}  // namespace
