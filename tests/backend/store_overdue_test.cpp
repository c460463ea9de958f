// jiuzhu_cases_overdue (issue #19 monitoring): open applications past their due date, per
// county; final states and cases still in time are not counted. On each database back end.
#include <gtest/gtest.h>

#include "backend/store/overdue_cases.h"
#include "backend/util/clock.h"
#include "store_fixture.h"

using namespace jiuzhu::backend;

namespace {

class OverdueTest : public jiuzhu::test::StoreTest {
 protected:
  std::string submit(const std::string& client_id, const std::string& township, const std::string& due) {
    NewApplication a = jiuzhu::test::new_application(client_id, township);
    a.record.due_date = due;
    auto r = repo_->submit_application(a);
    EXPECT_TRUE(r.ok());
    return r->record.application_no;
  }
};

TEST_P(OverdueTest, CountsOpenCasesPastTheirDueDatePerCounty) {
  submit("late-1", jiuzhu::test::kTownship, "2026-11-30");
  submit("late-2", jiuzhu::test::kOtherTownship, "2026-12-05");
  submit("in-time", jiuzhu::test::kTownship, "2026-12-06");  // due today: not yet overdue
  submit("other-county", "370102001", "2026-10-01");
  const std::string decided = submit("decided", jiuzhu::test::kTownship, "2026-11-01");
  auto accept = [](const ApplicationRecord&) -> jiuzhu::Status { return jiuzhu::Ok{}; };
  const Scope all{};
  AuditEntry audit{"user:cw", "caseworker", "transition", "case", decided, jiuzhu::test::kTownship, ""};
  ASSERT_TRUE(repo_->transition(decided, all, CaseState::investigating, "", now_rfc3339(), accept, audit).ok());
  auto before = overdue_cases(repo_->database(), "2026-12-06");
  ASSERT_TRUE(before.ok());
  EXPECT_EQ((*before).at("450326"), 3);
  ASSERT_TRUE(repo_->transition(decided, all, CaseState::withdrawn, "本人撤回", now_rfc3339(), accept, audit).ok());
  auto after = overdue_cases(repo_->database(), "2026-12-06");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ((*after).at("450326"), 2);
  EXPECT_EQ((*after).at("370102"), 1);
  EXPECT_EQ(after->size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, OverdueTest, ::testing::ValuesIn(jiuzhu::test::backends()));

}  // namespace
