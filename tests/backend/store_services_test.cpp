// The use cases "transition a case" and "record a visit" (backend/services/) on each back end
// (SQLite always; PostgreSQL with JIUZHU_TEST_PG_URL), through the concern stores they take:
// the state machine's check inside the transaction, and what a visit must say.
#include <gtest/gtest.h>

#include "backend/services/record_visit.h"
#include "backend/services/transition_case.h"
#include "backend/store/queue_store.h"
#include "backend/store/repository.h"
#include "backend/util/clock.h"
#include "store_fixture.h"
#include "test_support.h"

using namespace jiuzhu::backend;
using jiuzhu::Date;
using jiuzhu::WorkingCalendar;
using jiuzhu::test::kTownship;

namespace {

class ServicesTest : public jiuzhu::test::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    queue_ = make_sql_queue_store(repo_->database());
  }

  std::string submitted_case() {
    auto r = repo_->submit_application(jiuzhu::test::new_application("svc-" + std::to_string(++n_)));
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->record.application_no : "";
  }

  int64_t lead() {
    auto r = queue_->add_lead(jiuzhu::test::new_lead(), "");
    EXPECT_TRUE(r.ok());
    QueueFilter f;
    f.scope = Scope{kTownship, ""};
    auto items = queue_->list(f, AuditEntry{"cw", "caseworker", "list", "queue", "", kTownship, ""});
    EXPECT_TRUE(items.ok() && !items->empty());
    return items.ok() && !items->empty() ? items->front().id : 0;
  }

  services::VisitReport report(int64_t queue_id) {
    services::VisitReport v;
    v.queue_id = queue_id;
    v.visited_on = Date::today_china();
    v.findings = "家中老人独居，需要帮扶";
    v.outcome = "needs_assistance";
    v.caseworker = "cw";
    return v;
  }

  const AuditEntry audit_{"user:cw", "caseworker", "transition", "case", "", "", ""};
  const AuditEntry visit_audit_{"user:cw", "caseworker", "visit", "queue_item", "", "", ""};
  std::unique_ptr<QueueStore> queue_;
  int n_ = 0;
};

TEST_P(ServicesTest, TransitionFollowsTheWorkflowInsideTheStore) {
  const std::string no = submitted_case();
  const Scope scope{kTownship, ""};
  auto skipped = services::transition_case(*repo_, no, scope, CaseState::approved, "", audit_);
  ASSERT_FALSE(skipped.ok());
  EXPECT_EQ(skipped.error().code, "illegal_transition");
  auto moved = services::transition_case(*repo_, no, scope, CaseState::investigating, "入户调查", audit_);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->status, CaseState::investigating);
  EXPECT_EQ((*repo_->application(no, scope))->status, CaseState::investigating);
  auto events = repo_->events(no);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ(events->back().from_status, CaseState::received);
  EXPECT_EQ(events->back().to_status, CaseState::investigating);
  // A rejection needs its reason in writing; a case of another area is not found.
  EXPECT_EQ(services::transition_case(*repo_, no, scope, CaseState::rejected, "", audit_).error().code,
            "reason_required");
  EXPECT_EQ(services::transition_case(*repo_, no, Scope{jiuzhu::test::kOtherTownship, ""}, CaseState::under_review, "",
                                      audit_)
                .error()
                .code,
            "not_found");
}

TEST_P(ServicesTest, AVisitMovesALeadAndSaysWhatWasFound) {
  const int64_t id = lead();
  const Scope scope{kTownship, ""};
  const auto& cal = WorkingCalendar::builtin();
  auto r = services::record_visit(*queue_, cal, report(id), scope, visit_audit_);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->queue_id, id);
  EXPECT_EQ(r->visited_on, Date::today_china().iso());
  auto item = queue_->item(id, scope, visit_audit_);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->first.state, queue::ItemState::visited);
  EXPECT_EQ(item->first.assigned_to, "cw");  // whoever went takes it on
  EXPECT_EQ(item->first.visit_due, "");      // no next visit given, not a key household
  auto next = report(id);
  next.next_visit_due = *cal.add_working_days(Date::today_china(), 5);
  auto again = services::record_visit(*queue_, cal, next, scope, visit_audit_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->next_visit_due, next.next_visit_due->iso());
}

TEST_P(ServicesTest, AVisitThatSaysNothingOrHasNotHappenedIsRefused) {
  const int64_t id = lead();
  const Scope scope{kTownship, ""};
  const auto& cal = WorkingCalendar::builtin();
  auto future = report(id);
  future.visited_on = *cal.add_working_days(Date::today_china(), 3);
  EXPECT_EQ(services::record_visit(*queue_, cal, future, scope, visit_audit_).error().code, "future_date");
  auto silent = report(id);
  silent.findings.clear();
  silent.outcome.clear();
  auto e = services::record_visit(*queue_, cal, silent, scope, visit_audit_).error();
  EXPECT_EQ(e.code, "missing_field");
  EXPECT_EQ(e.field, "findings");
  auto odd = report(id);
  odd.outcome = "maybe";
  EXPECT_EQ(services::record_visit(*queue_, cal, odd, scope, visit_audit_).error().code, "bad_outcome");
  auto backwards = report(id);
  backwards.next_visit_due = backwards.visited_on;
  e = services::record_visit(*queue_, cal, backwards, scope, visit_audit_).error();
  EXPECT_EQ(e.code, "bad_date");
  EXPECT_EQ(e.field, "next_visit_due");
  auto elsewhere = services::record_visit(*queue_, cal, report(id), Scope{jiuzhu::test::kOtherTownship, ""}, visit_audit_);
  EXPECT_EQ(elsewhere.error().code, "not_found");
  // Nothing refused was stored: the lead is still a lead.
  auto item = queue_->item(id, scope, visit_audit_);
  ASSERT_TRUE(item.ok());
  EXPECT_EQ(item->first.state, queue::ItemState::lead);
  EXPECT_TRUE(item->second.empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ServicesTest, ::testing::ValuesIn(jiuzhu::test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
