// The referral steps store on each back end (SQLite always; PostgreSQL with JIUZHU_TEST_PG_URL):
// a referral and its "sent" step with the township's reason are one transaction.
#include <gtest/gtest.h>

#include "backend/store/referral_steps_store.h"
#include "backend/store/repository.h"
#include "backend/store/sql_support.h"
#include "store_fixture.h"
#include "test_support.h"

using namespace jiuzhu::backend;
using jiuzhu::test::kOtherTownship;
using jiuzhu::test::kTownship;

namespace {

class ReferralStepsStoreTest : public jiuzhu::test::StoreTest {
 protected:
  ReferralRecord draft(const std::string& application_no) {
    ReferralRecord d;
    d.application_no = application_no;
    d.department = "education";
    d.note = "学费";
    d.status = ReferralStatus::sent;
    d.created_at = now_rfc3339();
    d.created_by = "cw";
    return d;
  }
  AuditEntry audit(const std::string& no) { return AuditEntry{"cw", "caseworker", "refer", "case", no, "", ""}; }
  ReferralStepsStore step_store() { return ReferralStepsStore(repo_->database()); }

  std::string submitted() {
    auto r = repo_->submit_application(jiuzhu::test::new_application("c-ref"));
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->record.application_no : "";
  }
};

TEST_P(ReferralStepsStoreTest, TheReferralAndItsReasonAreStoredTogether) {
  const std::string no = submitted();
  auto r = step_store().add_referral_with_reason(draft(no), "20261124", Scope{kTownship, ""},
                                    "孩子就读高中，家庭无力负担学费", audit(no));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->township, kTownship);
  EXPECT_EQ(r->referral_id.rfind(std::string("R") + kTownship + "-20261124-", 0), 0u) << r->referral_id;
  auto referrals = repo_->referrals_of(no);
  ASSERT_TRUE(referrals.ok());
  ASSERT_EQ(referrals->size(), 1u);
  auto steps = step_store().referral_steps_of_case(no);
  ASSERT_TRUE(steps.ok());
  ASSERT_EQ(steps->size(), 1u);
  EXPECT_EQ((*steps)[0].referral_id, r->referral_id);
  EXPECT_EQ((*steps)[0].step, "sent");
  EXPECT_EQ((*steps)[0].note, "孩子就读高中，家庭无力负担学费");
}

TEST_P(ReferralStepsStoreTest, OutOfScopeStoresNothing) {
  const std::string no = submitted();
  auto r = step_store().add_referral_with_reason(draft(no), "20261124", Scope{kOtherTownship, ""}, "理由",
                                    audit(no));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "not_found");
  EXPECT_TRUE(repo_->referrals_of(no)->empty());
  EXPECT_TRUE(step_store().referral_steps_of_case(no)->empty());
}

TEST_P(ReferralStepsStoreTest, WhenTheReasonCannotBeWrittenNoReferralStands) {
  const std::string no = submitted();
  // Make the step's insert fail inside the transaction: the referral's insert must roll back.
  auto broken = repo_->database().write([](Tx& tx) -> jiuzhu::Status {
    sql::exec(tx, "ALTER TABLE referral_steps RENAME TO referral_steps_away");
    return jiuzhu::Ok{};
  });
  ASSERT_TRUE(broken.ok()) << broken.error().message;
  auto r = step_store().add_referral_with_reason(draft(no), "20261124", Scope{kTownship, ""}, "理由", audit(no));
  EXPECT_FALSE(r.ok());
  auto referrals = repo_->referrals_of(no);
  ASSERT_TRUE(referrals.ok());
  EXPECT_TRUE(referrals->empty()) << "a referral stood without its reason";
}

// A step stores the workflow's next status; it reads back typed.
TEST_P(ReferralStepsStoreTest, AStepStoresTheNextStatus) {
  const std::string no = submitted();
  auto r = step_store().add_referral_with_reason(draft(no), "20261124", Scope{kTownship, ""}, "理由", audit(no));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, ReferralStatus::sent);
  auto decide = [](const ReferralRecord& cur) { return next_referral_status(cur.status, ReferralStep::accept, ""); };
  auto accepted = step_store().apply_referral_step(r->referral_id, "education", "", "accept", "", "dept",
                                                   now_rfc3339(), decide, audit(no));
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->status, ReferralStatus::accepted);
  auto referrals = repo_->referrals_of(no);
  ASSERT_TRUE(referrals.ok());
  ASSERT_EQ(referrals->size(), 1u);
  EXPECT_EQ((*referrals)[0].status, ReferralStatus::accepted);
  auto again = step_store().apply_referral_step(r->referral_id, "education", "", "accept", "", "dept",
                                                now_rfc3339(), decide, audit(no));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "illegal_transition");
}

// A status in referrals that is none of the workflow's is reported, never guessed.
TEST_P(ReferralStepsStoreTest, AStoredStatusThatDoesNotConvertIsADbError) {
  const std::string no = submitted();
  auto r = step_store().add_referral_with_reason(draft(no), "20261124", Scope{kTownship, ""}, "理由", audit(no));
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto broken = repo_->database().write([](Tx& tx) -> jiuzhu::Status {
    sql::exec(tx, "UPDATE referrals SET status = 'closed'");
    return jiuzhu::Ok{};
  });
  ASSERT_TRUE(broken.ok()) << broken.error().message;
  auto listed = repo_->referrals_of(no);
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.error().code, "db_error");
  auto decide = [](const ReferralRecord& cur) { return next_referral_status(cur.status, ReferralStep::accept, ""); };
  auto step = step_store().apply_referral_step(r->referral_id, "education", "", "accept", "", "dept",
                                               now_rfc3339(), decide, audit(no));
  ASSERT_FALSE(step.ok());
  EXPECT_EQ(step.error().code, "db_error");
}

INSTANTIATE_TEST_SUITE_P(Backends, ReferralStepsStoreTest, ::testing::ValuesIn(jiuzhu::test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
