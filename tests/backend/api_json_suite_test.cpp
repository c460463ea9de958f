// Every case of JSONTestSuite (tests/data/jsontestsuite) as the body of each JSON endpoint a
// stranger or a kiosk can reach: never a 5xx; n_ cases are refused as malformed (or too deep);
// y_ cases are read as JSON (whatever the endpoint then thinks of their content).
#include <gtest/gtest.h>

#include <filesystem>

#include "api_env.h"
#include "support/files.h"

using namespace jiuzhu::test;

namespace {

class JsonSuiteTest : public ::testing::TestWithParam<std::string> {};

TEST_P(JsonSuiteTest, EveryCaseAgainstTheJsonEndpoints) {
  auto& env = ApiEnv::get(GetParam());
  struct Endpoint {
    std::string path, token, method = "POST";
  };
  const std::vector<Endpoint> endpoints = {
      {"/api/v1/applications", env.token.at("kiosk")},
      {"/api/v1/auth/login", ""},
      {"/api/v1/eligibility", ""},
      {"/api/v1/leads", env.token.at("cw")},
      // The JSON endpoints added for the console and the kiosk heartbeat (the body is parsed before
      // the item is looked up, so item 1 need not exist).
      {"/api/v1/help-calls", env.token.at("kiosk")},
      {"/api/v1/kiosks/self/status", env.token.at("kiosk")},
      {"/api/v1/discovery/queue/1/close", env.token.at("cw")},
      {"/api/v1/discovery/queue/1/applications", env.token.at("cw")},
      {"/api/v1/staff", env.token.at("admin")},
      // console (#16 forms): the township's hall.
      {"/api/v1/halls/450326105", env.token.at("admin"), "PUT"},
  };
  size_t cases = 0;
  for (const auto& entry : std::filesystem::directory_iterator(JIUZHU_JSON_SUITE)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".json") continue;
    ++cases;
    const std::string body = read_file(entry.path().string());
    for (const auto& [path, token, method] : endpoints) {
      auto r = env.server->request(method, path, body, token);
      ASSERT_GT(r.status, 0) << name << " " << path << ": no answer";
      EXPECT_LT(r.status, 500) << name << " " << path << ": " << r.body;
      const std::string code = r.json().is_object() ? r.json()["error"].value("code", "") : "";
      if (name.rfind("n_", 0) == 0) {
        EXPECT_EQ(r.status, 400) << name << " " << path << ": " << r.body;
        EXPECT_TRUE(code == "malformed_json" || code == "too_deep") << name << " " << path << ": " << r.body;
      } else if (name.rfind("y_", 0) == 0) {
        EXPECT_NE(code, "malformed_json") << name << " " << path;
      }
    }
  }
  EXPECT_EQ(cases, 318u);
  EXPECT_EQ(env.server->get("/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Backends, JsonSuiteTest, ::testing::ValuesIn(backends()), [](const auto& info) { return info.param; });

}  // namespace
