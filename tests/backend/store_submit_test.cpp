// What a submission stores, on each back end, and how it behaves in the writer's groups: the
// checks any rewrite of the submission path (issue 18: fewer round trips on PostgreSQL) must pass.
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <set>
#include <thread>

#include "backend/store/repository.h"
#include "backend/store/sql_query.h"
#include "store_fixture.h"
#include "test_support.h"

using namespace jiuzhu::backend;
using jiuzhu::test::new_application;

namespace {

class SubmitTest : public jiuzhu::test::StoreTest {
 protected:
  // Every column of the row stored for `no`, as text.
  std::vector<std::string> stored(const std::string& table_sql, const std::string& no) {
    std::vector<std::string> cells;
    EXPECT_TRUE(repo_->database()
                    .read([&](Tx& tx) -> jiuzhu::Status {
                      const sql::Rows rows = sql::query(tx, table_sql, {no});
                      for (size_t r = 0; r < rows.size(); ++r)
                        for (size_t c = 0; c < rows.columns(); ++c) cells.push_back(rows.str(r, c));
                      return jiuzhu::Ok{};
                    })
                    .ok());
    return cells;
  }
};

TEST_P(SubmitTest, StoresTheApplicationItsEventAndItsAuditRow) {
  NewApplication a = new_application("c-rows", jiuzhu::test::kTownship, R"({"x":"名字 'quoted' \\ back"})");
  a.record.priority = 1;
  a.audit.detail = "channel=kiosk";
  auto r = repo_->submit_application(a);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_TRUE(r->created);
  const std::string no = "450326101-20261124-0001";
  EXPECT_EQ(r->record.application_no, no);
  EXPECT_EQ(r->record.body, a.record.body);

  auto app = repo_->application(no, Scope{});
  ASSERT_TRUE(app.ok());
  ASSERT_TRUE(app->has_value());
  const ApplicationRecord& s = **app;
  EXPECT_EQ(s.client_id, "c-rows");
  EXPECT_EQ(s.township, a.record.township);
  EXPECT_EQ(s.county, a.record.county);
  EXPECT_EQ(s.kiosk_id, a.record.kiosk_id);
  EXPECT_EQ(s.channel, a.record.channel);
  EXPECT_EQ(s.programs, a.record.programs);
  EXPECT_EQ(s.status, CaseState::received);
  EXPECT_EQ(s.priority, 1);
  EXPECT_EQ(s.received_at, a.record.received_at);
  EXPECT_EQ(s.updated_at, a.record.updated_at);
  EXPECT_EQ(s.due_date, a.record.due_date);
  EXPECT_EQ(s.id_last4, a.record.id_last4);
  EXPECT_EQ(s.assigned_to, "");
  EXPECT_EQ(s.body, a.record.body);

  EXPECT_EQ(stored("SELECT at, actor, from_status, to_status, note FROM case_events WHERE application_no = ?", no),
            (std::vector<std::string>{a.record.received_at, "kiosk:K1", "", "received", ""}));
  const auto audit =
      stored("SELECT actor, role, action, record_type, record_id, township, detail FROM audit_log WHERE record_id = ?", no);
  EXPECT_EQ(audit, (std::vector<std::string>{"kiosk:K1", "kiosk", "create", "application", no, a.record.township,
                                              "channel=kiosk"}));
  auto v = repo_->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << "first bad row " << v->first_bad_seq;
  EXPECT_EQ(v->rows, 1);
}

// The number has four digits, more once the day's counter passes 9999 (printf's %04lld).
TEST_P(SubmitTest, NumbersPastNineThousandNineHundredNinetyNine) {
  ASSERT_TRUE(repo_->database()
                  .write([](Tx& tx) -> jiuzhu::Status {
                    sql::exec(tx, "INSERT INTO counters (scope, n) VALUES (?, 9998)",
                              {"app:" + std::string(jiuzhu::test::kTownship) + ":20261124"});
                    return jiuzhu::Ok{};
                  })
                  .ok());
  auto a = repo_->submit_application(new_application("c-9999"));
  auto b = repo_->submit_application(new_application("c-10000"));
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->record.application_no, "450326101-20261124-9999");
  EXPECT_EQ(b->record.application_no, "450326101-20261124-10000");
  auto v = repo_->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->rows, 2);
}

// A retry writes nothing: no number is used up, no event, no audit row.
TEST_P(SubmitTest, ARetryWritesNothing) {
  ASSERT_TRUE(repo_->submit_application(new_application("c-once")).ok());
  auto again = repo_->submit_application(new_application("c-once"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  auto next = repo_->submit_application(new_application("c-next"));
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(next->record.application_no, "450326101-20261124-0002");
  EXPECT_EQ(stored("SELECT COUNT(*) FROM case_events WHERE application_no = ?", "450326101-20261124-0001"),
            std::vector<std::string>{"1"});
  auto v = repo_->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->rows, 2);
}

// Submissions queued together with other writes — reads and writes through Poco, jobs that fail,
// retries of one another — as the writer groups them: each acknowledged application is stored
// once, each failure stays with its own job, and the audit chain is whole.
TEST_P(SubmitTest, GroupsMixingSubmissionsRetriesAndFailuresKeepEveryAnswer) {
  constexpr int kThreads = 12, kEach = 10;
  std::vector<std::thread> threads;
  std::atomic<int> created{0}, retried{0}, refused{0}, wrong{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        switch ((t + i) % 4) {
          case 0:
          case 1: {  // a new application, then (sometimes) its retry
            const std::string id = "g-" + std::to_string(t) + "-" + std::to_string(i);
            auto r = repo_->submit_application(new_application(id));
            if (!r.ok() || !r->created) ++wrong;
            else ++created;
            if (i % 3 == 0) {
              auto again = repo_->submit_application(new_application(id));
              if (!again.ok() || again->created || again->record.application_no != r->record.application_no) ++wrong;
              else ++retried;
            }
            break;
          }
          case 2: {  // a job that reads through Poco and then refuses: rolled back alone
            auto st = repo_->database().write([](Tx& tx) -> jiuzhu::Status {
              int n = 0;
              tx.session() << "SELECT COUNT(*) FROM applications", Poco::Data::Keywords::into(n),
                  Poco::Data::Keywords::now;
              sql::exec(tx, "INSERT INTO counters (scope, n) VALUES ('refused', 1) ON CONFLICT (scope) DO UPDATE "
                            "SET n = counters.n + 1");
              return jiuzhu::make_error("changed_mind", "roll this back");
            });
            if (st.ok() || st.error().code != "changed_mind") ++wrong;
            else ++refused;
            break;
          }
          default: {  // another kiosk reusing a client_id: refused, nothing stored
            auto first = repo_->submit_application(new_application("shared-" + std::to_string(t) + "-" + std::to_string(i)));
            auto other = new_application("shared-" + std::to_string(t) + "-" + std::to_string(i));
            other.record.kiosk_id = "K2";
            auto r = repo_->submit_application(other);
            if (!first.ok() || !first->created || r.ok() || r.error().code != "client_id_in_use") ++wrong;
            else ++created;
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GT(refused.load(), 0);
  EXPECT_EQ(stored("SELECT COUNT(*) FROM counters WHERE scope = ?", "refused"), std::vector<std::string>{"0"});
  auto rows = repo_->intake(IntakeQuery{Scope{jiuzhu::test::kTownship, ""}, std::nullopt, 1000, std::nullopt});
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(static_cast<int>(rows->size()), created.load());
  std::set<std::string> numbers;
  for (const auto& a : *rows) numbers.insert(a.application_no);
  EXPECT_EQ(static_cast<int>(numbers.size()), created.load());
  auto v = repo_->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << "first bad row " << v->first_bad_seq;
  EXPECT_EQ(v->rows, created.load());
  // How much the writer grouped.
  const auto groups = repo_->database().commit_groups(), jobs = repo_->database().committed_jobs();
  RecordProperty("commit_groups", static_cast<int>(groups));
  RecordProperty("committed_jobs", static_cast<int>(jobs));
  std::printf("writer: %llu jobs in %llu commits\n", static_cast<unsigned long long>(jobs),
              static_cast<unsigned long long>(groups));
}

INSTANTIATE_TEST_SUITE_P(Backends, SubmitTest, ::testing::ValuesIn(jiuzhu::test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
