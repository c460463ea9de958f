// The repository on each back end (SQLite always; PostgreSQL with JIUZHU_TEST_PG_URL).
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "backend/store/migrations.h"
#include "backend/store/repository.h"
#include "backend/util/clock.h"
#include "test_support.h"

using namespace jiuzhu::backend;
using jiuzhu::test::TempDir;
using Poco::Data::Keywords::now;

namespace {

class RepositoryTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    url_ = jiuzhu::test::database_url(GetParam(), dir_.path());
    auto r = open_repository(url_);
    ASSERT_TRUE(r.ok()) << r.error().message;
    repo_ = std::move(r).value();
  }

  NewApplication app(const std::string& client_id, const std::string& township = jiuzhu::test::kTownship) {
    NewApplication a;
    a.record.client_id = client_id;
    a.record.township = township;
    a.record.county = township.substr(0, 6);
    a.record.kiosk_id = "K1";
    a.record.channel = "kiosk";
    a.record.programs = R"(["dibao"])";
    a.record.status = "received";
    a.record.received_at = now_rfc3339();
    a.record.updated_at = a.record.received_at;
    a.record.due_date = "2027-01-08";
    a.record.id_last4 = "123X";
    a.record.body = "{}";
    a.number_day = "20261124";
    a.audit = AuditEntry{"kiosk:K1", "kiosk", "create", "application", "", township, ""};
    return a;
  }

  TempDir dir_;
  std::string url_;
  std::unique_ptr<Repository> repo_;
};

TEST_P(RepositoryTest, MigrateTwiceIsHarmless) {
  EXPECT_TRUE(migrate(repo_->database()).ok());
}

TEST_P(RepositoryTest, SubmitIsIdempotentByClientId) {
  auto first = repo_->submit_application(app("c-1"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->record.application_no, "450326101-20261124-0001");
  auto again = repo_->submit_application(app("c-1"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->record.application_no, first->record.application_no);
  auto second = repo_->submit_application(app("c-2"));
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->record.application_no, "450326101-20261124-0002");
  auto other = repo_->submit_application(app("c-3", jiuzhu::test::kOtherTownship));
  EXPECT_EQ(other->record.application_no, "450326102-20261124-0001");
}

TEST_P(RepositoryTest, ConcurrentRetriesStoreOneApplication) {
  std::vector<std::thread> threads;
  std::mutex mu;
  std::set<std::string> numbers;
  int created = 0;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      auto r = repo_->submit_application(app("same-client"));
      ASSERT_TRUE(r.ok()) << r.error().message;
      std::lock_guard lock(mu);
      numbers.insert(r->record.application_no);
      created += r->created ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(numbers.size(), 1u);
  EXPECT_EQ(created, 1);
  auto rows = repo_->intake(IntakeQuery{Scope{jiuzhu::test::kTownship, ""}, "", 100, std::nullopt});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 1u);
}

TEST_P(RepositoryTest, ScopeHidesOtherAreas) {
  auto a = repo_->submit_application(app("c-1"));
  ASSERT_TRUE(a.ok());
  const auto& no = a->record.application_no;
  EXPECT_TRUE(repo_->application(no, Scope{jiuzhu::test::kTownship, ""})->has_value());
  EXPECT_TRUE(repo_->application(no, Scope{"", jiuzhu::test::kCounty})->has_value());
  EXPECT_FALSE(repo_->application(no, Scope{jiuzhu::test::kOtherTownship, ""})->has_value());
  EXPECT_FALSE(repo_->application(no, Scope{"", jiuzhu::test::kOtherCounty})->has_value());
}

TEST_P(RepositoryTest, TransitionRunsTheCheckInsideTheTransaction) {
  auto a = repo_->submit_application(app("c-1"));
  const auto& no = a->record.application_no;
  const Scope scope{jiuzhu::test::kTownship, ""};
  AuditEntry audit{"user:cw", "caseworker", "transition", "case", no, "", ""};
  auto refuse = [](const ApplicationRecord&) -> jiuzhu::Status { return jiuzhu::make_error("illegal_transition", "no"); };
  auto accept = [](const ApplicationRecord& r) -> jiuzhu::Status {
    EXPECT_EQ(r.status, "received");
    return jiuzhu::Ok{};
  };
  EXPECT_EQ(repo_->transition(no, scope, "approved", "", now_rfc3339(), refuse, audit).error().code, "illegal_transition");
  EXPECT_EQ((*repo_->application(no, scope))->status, "received");
  auto moved = repo_->transition(no, scope, "investigating", "入户", now_rfc3339(), accept, audit);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->status, "investigating");
  EXPECT_EQ(repo_->transition(no, Scope{jiuzhu::test::kOtherTownship, ""}, "under_review", "", now_rfc3339(), accept, audit)
                .error()
                .code,
            "not_found");
  auto events = repo_->events(no);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[1].to_status, "investigating");
}

TEST_P(RepositoryTest, AuditChainVerifiesAndDetectsTampering) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(repo_->append_audit(AuditEntry{"user:a", "caseworker", "read", "case", std::to_string(i), "450326101", ""}).ok());
  }
  auto v = repo_->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->rows, 5);
  // The table refuses updates…
  auto refused = repo_->database().write([](Tx& tx) -> jiuzhu::Status {
    tx.session() << "UPDATE audit_log SET actor = 'user:x' WHERE seq = 3", now;
    return jiuzhu::Ok{};
  });
  EXPECT_FALSE(refused.ok());
  // …and someone who removes that guard is still caught by the chain.
  auto tampered = repo_->database().write([](Tx& tx) -> jiuzhu::Status {
    if (tx.postgres()) {
      tx.session() << "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change", now;
    } else {
      tx.session() << "DROP TRIGGER audit_log_no_update", now;
    }
    tx.session() << "UPDATE audit_log SET actor = 'user:x' WHERE seq = 3", now;
    return jiuzhu::Ok{};
  });
  ASSERT_TRUE(tampered.ok()) << tampered.error().message;
  auto after = repo_->verify_audit();
  ASSERT_TRUE(after.ok());
  EXPECT_FALSE(after->ok);
  EXPECT_EQ(after->first_bad_seq, 3);
}

TEST_P(RepositoryTest, LeadsJoinTheQueueAndVisitsCloseThem) {
  NewLead l;
  l.township = jiuzhu::test::kTownship;
  l.county = "450326";
  l.source = "hotline";
  l.body = R"({"source":"hotline"})";
  l.created_at = now_rfc3339();
  l.created_by = "kiosk:K1";
  l.number_day = "20261124";
  l.visit_due = "2026-11-25";
  l.urgent = true;
  l.flags = R"(["urgent"])";
  l.audit = AuditEntry{"kiosk:K1", "kiosk", "create", "lead", "", l.township, ""};
  auto id = repo_->add_lead(l);
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(*id, "L450326101-20261124-0001");
  auto q = repo_->queue(Scope{jiuzhu::test::kTownship, ""}, "open", 10);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].lead_id, *id);
  EXPECT_EQ((*q)[0].source, "lead");
  EXPECT_TRUE(repo_->queue(Scope{jiuzhu::test::kOtherTownship, ""}, "open", 10)->empty());
  EXPECT_EQ(repo_->visits_due(Scope{jiuzhu::test::kTownship, ""}, "2026-11-25")->size(), 1u);
  EXPECT_TRUE(repo_->visits_due(Scope{jiuzhu::test::kTownship, ""}, "2026-11-24")->empty());
  VisitRecord v;
  v.queue_id = (*q)[0].id;
  v.visited_on = "2026-11-25";
  v.caseworker = "cw";
  v.outcome = "needs_assistance";
  v.created_at = now_rfc3339();
  EXPECT_EQ(repo_->add_visit(v, "20261125", Scope{jiuzhu::test::kOtherTownship, ""}, AuditEntry{}).error().code, "not_found");
  auto visit = repo_->add_visit(v, "20261125", Scope{jiuzhu::test::kTownship, ""}, AuditEntry{"user:cw", "caseworker", "visit", "", "", "", ""});
  ASSERT_TRUE(visit.ok()) << visit.error().message;
  EXPECT_TRUE(repo_->queue(Scope{jiuzhu::test::kTownship, ""}, "open", 10)->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryTest, ::testing::ValuesIn(jiuzhu::test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
