// `jiuzhu-server eligibility` (backend/cli/eligibility_command.cpp), run in-process with stdout
// and stderr captured: exit codes, one-line errors naming the field, and the result JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "backend/commands.h"
#include "core/regions.h"
#include "tests/policy/household_builder.h"

namespace {

using namespace policy_test;

struct CliRun {
  int code;
  std::string out, err;
};

CliRun run_cli(const jiuzhu::backend::Args& args) {
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  const int code = jiuzhu::backend::eligibility_command(args);
  CliRun r{code, ::testing::internal::GetCapturedStdout(), ::testing::internal::GetCapturedStderr()};
  return r;
}

class EligibilityCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("policy_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
    params_ = write("params.json", example_params_json().dump());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  static Json household() {
    M m;
    m.income = 300;
    m.birth = "19500315";
    H h;
    h.members = {m};
    return to_json(h);
  }
  static bool one_line(const std::string& s) { return !s.empty() && s.find('\n') == s.size() - 1; }

  std::filesystem::path dir_;
  std::string params_;
};

TEST_F(EligibilityCli, HelpExitsZero) {
  const CliRun r = run_cli({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("usage: jiuzhu-server eligibility"), std::string::npos);
  EXPECT_TRUE(r.err.empty());
}

TEST_F(EligibilityCli, PrintsTheResultJson) {
  const std::string h = write("h.json", household().dump());
  const CliRun r = run_cli({"--params", params_, "--household", h, "--as-of", "2026-11-24"});
  ASSERT_EQ(r.code, 0) << r.err;
  const Json j = Json::parse(r.out);
  EXPECT_EQ(j.at("as_of"), "2026-11-24");
  EXPECT_DOUBLE_EQ(j.at("per_capita_monthly_income").get<double>(), 300.0);
  EXPECT_EQ(j.at("programs").at(0).at("program"), "dibao");
  EXPECT_EQ(j.at("programs").at(0).at("verdict"), "likely_eligible");
  EXPECT_EQ(j.at("programs").at(1).at("program"), "tekun");
  EXPECT_EQ(j.at("programs").at(1).at("verdict"), "likely_eligible");  // 76 years old
}

TEST_F(EligibilityCli, ShippedCountyParamsWork) {
  const std::string h = write("h.json", household().dump());
  for (const char* county : {"450326", "370883"}) {
    const std::string params = jiuzhu::assets_dir() + "/params/" + county + ".json";
    const CliRun r = run_cli({"--household", h, "--params", params, "--as-of", "2026-11-24"});
    EXPECT_EQ(r.code, 0) << county << ": " << r.err;
    EXPECT_EQ(Json::parse(r.out).at("programs").size(), 11u);
  }
}

TEST_F(EligibilityCli, UsageErrorsExitTwoWithOneLine) {
  const std::string h = write("h.json", household().dump());
  for (const jiuzhu::backend::Args& args : std::vector<jiuzhu::backend::Args>{
           {},
           {"--params", params_},
           {"--household", h},
           {"--params", params_, "--household", h, "--bogus"},
           {"--params", params_, "--household"},
           {"--params", params_, "--household", h, "--as-of", "2026-13-01"},
           {"--params", params_, "--params", params_, "--household", h}}) {
    const CliRun r = run_cli(args);
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(one_line(r.err)) << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

struct BadHousehold {
  const char* name;
  const char* pointer;  // JSON pointer of the field to replace
  Json value;
  const char* field;    // what the message must name
};

TEST_F(EligibilityCli, InvalidHouseholdExitsOneNamingTheField) {
  std::string bad_check = household()["members"][0]["id_number"];
  bad_check.back() = bad_check.back() == '0' ? '1' : '0';
  const std::vector<BadHousehold> cases = {
      {"bad_id_number", "/members/0/id_number", bad_check, "members[0].id_number"},
      {"negative_income", "/members/0/monthly_income", -5, "members[0].monthly_income"},
      {"unknown_relation", "/members/0/relation", "cousin", "members[0].relation"},
      {"disability_grade", "/members/0/disability", Json{{"kind", "physical"}, {"grade", 5}}, "members[0].disability.grade"},
      {"unknown_field", "/members/0/salary", 100, "members[0].salary"},
      {"bad_hukou", "/hukou", "city", "hukou"},
  };
  for (const auto& c : cases) {
    Json h = household();
    h[Json::json_pointer(c.pointer)] = c.value;
    const CliRun r = run_cli({"--params", params_, "--household", write(std::string(c.name) + ".json", h.dump())});
    EXPECT_EQ(r.code, 1) << c.name;
    EXPECT_TRUE(one_line(r.err)) << c.name << ": " << r.err;
    EXPECT_NE(r.err.find(c.field), std::string::npos) << c.name << ": " << r.err;
    EXPECT_TRUE(r.out.empty()) << c.name;
    // Errors never repeat an ID number.
    EXPECT_EQ(r.err.find(household()["members"][0]["id_number"].get<std::string>()), std::string::npos);
  }
}

TEST_F(EligibilityCli, MalformedFilesExitOne) {
  const std::string h = write("h.json", household().dump());
  CliRun r = run_cli({"--params", params_, "--household", write("broken.json", "{\"hukou\": ")});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(one_line(r.err)) << r.err;
  r = run_cli({"--params", params_, "--household", (dir_ / "absent.json").string()});
  EXPECT_EQ(r.code, 1);
  r = run_cli({"--params", (dir_ / "absent.json").string(), "--household", h});
  EXPECT_EQ(r.code, 1);
  Json p = example_params_json();
  p["dibao_standard_monthly"].erase("rural");
  r = run_cli({"--params", write("p.json", p.dump()), "--household", h});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("dibao_standard_monthly.rural"), std::string::npos) << r.err;
  EXPECT_TRUE(one_line(r.err)) << r.err;
  r = run_cli({"--params", params_, "--household", h, "--catalog", dir_.string()});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("policy catalog"), std::string::npos) << r.err;
}

}  // namespace
