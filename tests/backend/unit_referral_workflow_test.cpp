// console: a department's steps on a referral (backend/intake/referral_workflow.h).
#include <gtest/gtest.h>

#include "backend/intake/referral_workflow.h"

using namespace jiuzhu::backend;

namespace {

TEST(ReferralWorkflow, EveryStatusAndStep) {
  struct Case {
    const char* from;
    ReferralStep step;
    const char* to;  // nullptr: illegal_transition
  };
  const Case cases[] = {
      {"sent", ReferralStep::accept, "accepted"},    {"sent", ReferralStep::done, nullptr},
      {"sent", ReferralStep::give_back, "returned"}, {"accepted", ReferralStep::accept, nullptr},
      {"accepted", ReferralStep::done, "done"},      {"accepted", ReferralStep::give_back, "returned"},
      {"done", ReferralStep::accept, nullptr},       {"done", ReferralStep::done, nullptr},
      {"done", ReferralStep::give_back, nullptr},    {"returned", ReferralStep::accept, nullptr},
      {"returned", ReferralStep::done, nullptr},     {"returned", ReferralStep::give_back, nullptr},
      {"unknown", ReferralStep::accept, nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.from) + " " + to_string(c.step));
    auto r = next_referral_status(c.from, c.step, "写明的情况");
    if (c.to) {
      ASSERT_TRUE(r.ok()) << r.error().message;
      EXPECT_EQ(*r, c.to);
    } else {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, "illegal_transition");
    }
  }
}

TEST(ReferralWorkflow, DoneNeedsANoteReturnNeedsAReasonAcceptNeither) {
  EXPECT_TRUE(next_referral_status("sent", ReferralStep::accept, "").ok());
  auto done = next_referral_status("accepted", ReferralStep::done, " \n");
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(done.error().code, "note_required");
  EXPECT_EQ(done.error().field, "note");
  auto back = next_referral_status("sent", ReferralStep::give_back, "");
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

}  // namespace
