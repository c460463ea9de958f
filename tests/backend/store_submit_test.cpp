// What a submission stores, on each back end: PostgreSQL writes it with one statement
// (store/pg_submit.h), SQLite with one statement per table; the rows must be the same.
#include <gtest/gtest.h>

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
  EXPECT_EQ(s.status, "received");
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

INSTANTIATE_TEST_SUITE_P(Backends, SubmitTest, ::testing::ValuesIn(jiuzhu::test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
