// console: a department's steps on a referral (backend/intake/referral_workflow.h).
#include <gtest/gtest.h>

#include "backend/intake/referral_workflow.h"

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

using namespace jiuzhu::backend;

namespace {

TEST(ReferralWorkflow, EveryStatusAndStep) {
  using S = ReferralStatus;
  struct Case {
    S from;
    ReferralStep step;
    std::optional<S> to;  // none: illegal_transition
  };
  const Case cases[] = {
      {S::sent, ReferralStep::accept, S::accepted},    {S::sent, ReferralStep::done, std::nullopt},
      {S::sent, ReferralStep::give_back, S::returned}, {S::accepted, ReferralStep::accept, std::nullopt},
      {S::accepted, ReferralStep::done, S::done},      {S::accepted, ReferralStep::give_back, S::returned},
      {S::done, ReferralStep::accept, std::nullopt},   {S::done, ReferralStep::done, std::nullopt},
      {S::done, ReferralStep::give_back, std::nullopt}, {S::returned, ReferralStep::accept, std::nullopt},
      {S::returned, ReferralStep::done, std::nullopt}, {S::returned, ReferralStep::give_back, std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(to_string(c.from)) + " " + to_string(c.step));
    auto r = next_referral_status(c.from, c.step, "写明的情况");
    if (c.to) {
      ASSERT_TRUE(r.ok()) << r.error().message;
      EXPECT_EQ(*r, *c.to);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, "illegal_transition");
      EXPECT_NE(r.error().message.find(to_string(c.from)), std::string::npos) << r.error().message;
    }
  }
}

TEST(ReferralWorkflow, DoneNeedsANoteReturnNeedsAReasonAcceptNeither) {
  EXPECT_TRUE(next_referral_status(ReferralStatus::sent, ReferralStep::accept, "").ok());
  auto done = next_referral_status(ReferralStatus::accepted, ReferralStep::done, " \n");
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, "note_required");
  EXPECT_EQ(done.error().field, "note");
  auto back = next_referral_status(ReferralStatus::sent, ReferralStep::give_back, "");
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, "reason_required");
  EXPECT_EQ(back.error().field, "reason");
}

TEST(ReferralWorkflow, StepNames) {
  for (const char* n : {"accept", "done", "return"}) {
    auto s = parse_referral_step(n);
    ASSERT_TRUE(s.ok());
    EXPECT_STREQ(to_string(*s), n);
  }
  EXPECT_EQ(parse_referral_step("give_back").error().code, "unknown_step");
}

// The status goes out in JSON by its name and reads back from it; the first draft's "open" is
// no status (migration 12 renamed it in the database).
TEST(ReferralWorkflow, StatusNamesRoundTripAndJsonCarriesTheName) {
  for (const char* n : {"sent", "accepted", "done", "returned"}) {
    auto s = parse_referral_status(n);
    ASSERT_TRUE(s.has_value()) << n;
    EXPECT_STREQ(to_string(*s), n);
    nlohmann::json j = *s;
    EXPECT_EQ(j, nlohmann::json(n));
  }
  for (const char* n : {"open", "", "Sent", "return"}) EXPECT_EQ(parse_referral_status(n), std::nullopt) << n;
}

}  // namespace
