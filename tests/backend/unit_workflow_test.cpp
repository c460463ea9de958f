#include <gtest/gtest.h>

#include "backend/intake/workflow.h"

#include <nlohmann/json.hpp>

using namespace jiuzhu::backend;

TEST(Workflow, HappyPathIsLegal) {
  EXPECT_TRUE(check_transition(CaseState::received, CaseState::investigating, false, "").ok());
  EXPECT_TRUE(check_transition(CaseState::investigating, CaseState::under_review, false, "").ok());
  EXPECT_TRUE(check_transition(CaseState::under_review, CaseState::public_notice, false, "").ok());
  EXPECT_TRUE(check_transition(CaseState::public_notice, CaseState::approved, false, "").ok());
}

TEST(Workflow, SkippingStepsIsIllegal) {
  auto st = check_transition(CaseState::received, CaseState::approved, false, "");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "illegal_transition");
  EXPECT_FALSE(check_transition(CaseState::received, CaseState::public_notice, false, "").ok());
  EXPECT_FALSE(check_transition(CaseState::investigating, CaseState::approved, false, "").ok());
}

TEST(Workflow, FinalStatesHaveNoWayOut) {
  for (auto from : {CaseState::approved, CaseState::rejected, CaseState::withdrawn}) {
    EXPECT_TRUE(is_final(from));
    EXPECT_TRUE(allowed_transitions(from, true).empty());
    for (auto to : {CaseState::received, CaseState::investigating, CaseState::approved, CaseState::rejected}) {
      EXPECT_EQ(check_transition(from, to, true, "reason").error().code, "illegal_transition");
    }
  }
}

TEST(Workflow, RejectionNeedsAWrittenReason) {
  auto st = check_transition(CaseState::investigating, CaseState::rejected, false, "  \n");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "reason_required");
  EXPECT_EQ(st.error().field, "note");
  EXPECT_TRUE(check_transition(CaseState::investigating, CaseState::rejected, false, "家庭人均收入高于标准").ok());
}

TEST(Workflow, FirstAidMayApproveDirectly) {
  EXPECT_TRUE(check_transition(CaseState::received, CaseState::approved, true, "").ok());
  EXPECT_FALSE(check_transition(CaseState::under_review, CaseState::approved, true, "").ok());
}

TEST(Workflow, ReferralAndReturn) {
  EXPECT_TRUE(check_transition(CaseState::received, CaseState::referred, false, "").ok());
  EXPECT_TRUE(check_transition(CaseState::referred, CaseState::investigating, false, "").ok());
  EXPECT_FALSE(check_transition(CaseState::referred, CaseState::approved, false, "").ok());
}

TEST(Workflow, NamesRoundTripAndUnknownIsAnError) {
  for (auto s : {CaseState::received, CaseState::investigating, CaseState::under_review, CaseState::public_notice,
                 CaseState::approved, CaseState::rejected, CaseState::withdrawn, CaseState::referred}) {
    auto parsed = parse_case_state(to_string(s));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, s);
    EXPECT_STRNE(status_text_zh(s), "");
    EXPECT_STRNE(next_step_zh(s), "");
  }
  EXPECT_EQ(parse_case_state("done").error().code, "unknown_state");
}

// A state goes out in JSON by its workflow name, never as the enum's number (case forms once
// printed 4 for approved, which the print data refused with 409).
TEST(Workflow, JsonCarriesTheStateByName) {
  for (auto s : {CaseState::received, CaseState::investigating, CaseState::under_review, CaseState::public_notice,
                 CaseState::approved, CaseState::rejected, CaseState::withdrawn, CaseState::referred}) {
    nlohmann::json j = s;
    ASSERT_TRUE(j.is_string()) << j.dump();
    EXPECT_EQ(j.get<std::string>(), to_string(s));
    EXPECT_EQ(j.get<CaseState>(), s);
    nlohmann::json in_object = {{"status", s}};
    EXPECT_EQ(in_object.dump(), std::string(R"({"status":")") + to_string(s) + "\"}");
  }
}

TEST(Workflow, JsonRefusesANumberOrAnUnknownName) {
  EXPECT_THROW(nlohmann::json(4).get<CaseState>(), nlohmann::json::type_error);
  EXPECT_THROW(nlohmann::json("finished").get<CaseState>(), nlohmann::json::type_error);
  EXPECT_THROW(nlohmann::json(nullptr).get<CaseState>(), nlohmann::json::type_error);
}
