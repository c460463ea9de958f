// Hostile and malformed input: the contract's 4xx statuses, never a 500, never a crash.
#include <gtest/gtest.h>

#include "api_env.h"

using namespace jiuzhu::test;

namespace {

class HostileTest : public ::testing::TestWithParam<std::string> {
 protected:
  HttpReply submit_raw(const std::string& body, const std::string& type = "application/json") {
    auto& env = ApiEnv::get(GetParam());
    return env.server->request("POST", "/api/v1/applications", body, env.token.at("kiosk"), type);
  }
  void expect_400(const Json& app, const std::string& field) {
    auto r = submit_raw(app.dump());
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"]["field"], field) << r.body;
  }
};

TEST_P(HostileTest, UnknownFieldsAreRejected) {
  Json app = application(kTownship, uuid());
  app["favourite_colour"] = "red";
  expect_400(app, "favourite_colour");
  app = application(kTownship, uuid());
  app["applicant"]["nickname"] = "x";
  expect_400(app, "applicant.nickname");
}

TEST_P(HostileTest, WrongTypes) {
  Json app = application(kTownship, uuid());
  app["programs"] = "dibao";
  expect_400(app, "programs");
  app = application(kTownship, uuid());
  app["household"]["members"][0]["monthly_income"] = "a lot";
  expect_400(app, "household.members[0].monthly_income");
}

TEST_P(HostileTest, InvalidIdNumbers) {
  Json app = application(kTownship, uuid());
  std::string id = app["applicant"]["id_number"];
  id[17] = id[17] == '1' ? '2' : '1';
  app["applicant"]["id_number"] = id;
  auto r = submit_raw(app.dump());
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["field"], "applicant.id_number");
  // The error never repeats the number.
  EXPECT_EQ(r.body.find(id), std::string::npos);
  app["applicant"]["id_number"] = "12345";
  EXPECT_EQ(submit_raw(app.dump()).status, 400);
}

TEST_P(HostileTest, SizeNestingSyntaxAndContentType) {
  EXPECT_EQ(submit_raw(std::string(2 * 1024 * 1024, ' ')).status, 413);
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "[";
  EXPECT_EQ(submit_raw(deep).status, 400);
  EXPECT_EQ(submit_raw("{\"client_id\": ").status, 400);
  EXPECT_EQ(submit_raw("").status, 400);
  EXPECT_EQ(submit_raw("[]").status, 400);
  EXPECT_EQ(submit_raw("null").status, 400);
  EXPECT_EQ(submit_raw("\xff\xfe\x00garbage").status, 400);
  EXPECT_EQ(submit_raw(application(kTownship, uuid()).dump(), "text/plain").status, 415);
  EXPECT_EQ(submit_raw(application(kTownship, uuid()).dump(), "application/x-www-form-urlencoded").status, 415);
  auto& env = ApiEnv::get(GetParam());
  EXPECT_EQ(env.server->request("POST", "/api/v1/cases/x/transitions", "{\"to\": 5}", env.token.at("cw")).status, 400);
  EXPECT_EQ(env.server->request("POST", "/api/v1/cases/x/transitions", "{\"to\": \"approved\", \"x\": 1}", env.token.at("cw")).status, 400);
  EXPECT_EQ(env.server->request("POST", "/api/v1/cases/x/transitions", "{\"to\": \"flying\"}", env.token.at("cw")).status, 400);
  EXPECT_EQ(env.server->get("/api/v1/intake?limit=abc", env.token.at("cw")).status, 400);
  EXPECT_EQ(env.server->get("/api/v1/intake?cursor=%00%ff", env.token.at("cw")).status, 400);
  EXPECT_EQ(env.server->get("/api/v1/progress?application_no=x").status, 400);
  EXPECT_EQ(env.server->request("DELETE", "/api/v1/applications", "", env.token.at("kiosk")).status, 405);
  // Still healthy after all that.
  EXPECT_EQ(env.server->get("/healthz").status, 200);
}

TEST_P(HostileTest, ConsentIsRequired) {
  Json app = application(kTownship, uuid());
  app["consent"]["verification_authorized"] = false;
  expect_400(app, "consent.verification_authorized");
}

INSTANTIATE_TEST_SUITE_P(Backends, HostileTest, ::testing::ValuesIn(backends()), [](const auto& info) { return info.param; });

}  // namespace
