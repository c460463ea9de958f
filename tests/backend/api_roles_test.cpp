// Every role against every endpoint: allowed (anything but 401/403) or denied (401 without
// credentials, 403 for a role the endpoint does not admit), as contracts/api.md's table says.
#include <gtest/gtest.h>

#include "api_env.h"

using namespace jiuzhu::test;

namespace {

struct Endpoint {
  const char* method;
  const char* path;
  std::set<std::string> allowed;  // roles; "anyone" for public endpoints
};

class RolesTest : public ::testing::TestWithParam<std::string> {};

TEST_P(RolesTest, EveryRoleAgainstEveryEndpoint) {
  auto& env = ApiEnv::get(GetParam());
  const auto& srv = *env.server;
  // A case of the caseworker's township, so case endpoints have something to find.
  auto ack = srv.post("/api/v1/applications", application(kTownship, uuid()), env.token.at("kiosk"));
  ASSERT_EQ(ack.status, 201) << ack.body;
  const std::string no = ack.json()["application_no"];
  const std::string doc = std::string(64, 'a');
  const std::string roles[] = {"none", "kiosk", "hall", "cw", "admin", "dept"};
  const std::vector<Endpoint> table = {
      {"GET", "/healthz", {"anyone"}},
      {"GET", "/api/v1/policies", {"anyone"}},
      {"POST", "/api/v1/eligibility", {"anyone"}},
      {"GET", "/api/v1/progress?application_no=x&check=1234", {"anyone"}},
      {"PUT", "/api/v1/documents/{doc}", {"kiosk"}},
      {"POST", "/api/v1/applications", {"kiosk"}},
      {"POST", "/api/v1/leads", {"kiosk", "cw"}},
      {"GET", "/api/v1/intake", {"hall", "cw", "admin"}},
      {"GET", "/api/v1/kiosks", {"hall", "cw", "admin"}},
      {"GET", "/api/v1/applications/{no}/receipt", {"hall", "cw"}},
      {"GET", "/api/v1/cases/{no}", {"cw", "admin"}},
      {"POST", "/api/v1/cases/{no}/transitions", {"cw", "admin"}},
      {"POST", "/api/v1/cases/{no}/referrals", {"cw"}},
      {"GET", "/api/v1/referrals", {"dept"}},
      {"GET", "/api/v1/discovery/queue", {"cw", "admin"}},
      {"POST", "/api/v1/visits", {"cw"}},
      {"GET", "/api/v1/visits/due", {"cw", "admin"}},
      {"GET", "/api/v1/registry?category=dibao", {"cw", "admin"}},
      {"GET", "/api/v1/audit", {"admin"}},
  };
  for (const auto& e : table) {
    std::string path = e.path;
    if (auto p = path.find("{no}"); p != std::string::npos) path.replace(p, 4, no);
    if (auto p = path.find("{doc}"); p != std::string::npos) path.replace(p, 5, doc);
    for (const auto& role : roles) {
      const std::string token = role == "none" ? "" : env.token.at(role);
      const std::string body = std::string(e.method) == "PUT" ? "%PDF-" : "{}";
      const std::string type = std::string(e.method) == "PUT" ? "application/pdf" : "application/json";
      auto r = srv.request(e.method, path, std::string(e.method) == "GET" ? "" : body, token, type);
      const bool allowed = e.allowed.count("anyone") || e.allowed.count(role);
      SCOPED_TRACE(std::string(e.method) + " " + e.path + " as " + role + " → " + std::to_string(r.status) + " " + r.body);
      EXPECT_LT(r.status, 500);
      if (allowed) {
        EXPECT_NE(r.status, 401);
        EXPECT_NE(r.status, 403);
      } else if (role == "none") {
        EXPECT_EQ(r.status, 401);
      } else {
        EXPECT_EQ(r.status, 403);
      }
      if (r.status >= 400) {
        EXPECT_TRUE(r.json().contains("error"));
      }
    }
  }
}

TEST_P(RolesTest, BadTokensAre401) {
  auto& srv = *ApiEnv::get(GetParam()).server;
  EXPECT_EQ(srv.get("/api/v1/intake", "jzs_" + std::string(64, '0')).status, 401);
  EXPECT_EQ(srv.get("/api/v1/intake", "garbage").status, 401);
  EXPECT_EQ(srv.request("GET", "/api/v1/intake", "", "").status, 401);
  EXPECT_EQ(srv.get("/no/such/path").status, 404);
}

TEST_P(RolesTest, FailedLoginsAreThrottled) {
  auto& env = ApiEnv::get(GetParam());
  add_user(env.url, "victim-" + GetParam(), {"--role", "caseworker", "--township", kTownship});
  const std::string who = "victim-" + GetParam();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(env.server->post("/api/v1/auth/login", Json{{"login", who}, {"password", "wrong"}}).status, 401);
  }
  auto r = env.server->post("/api/v1/auth/login", Json{{"login", who}, {"password", "pw-" + who + "-secret"}});
  EXPECT_EQ(r.status, 429);
  EXPECT_TRUE(r.json().contains("error"));
}

INSTANTIATE_TEST_SUITE_P(Backends, RolesTest, ::testing::ValuesIn(backends()), [](const auto& info) { return info.param; });

}  // namespace
