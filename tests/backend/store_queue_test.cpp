// The discovery queue store on each back end (SQLite always; PostgreSQL with JIUZHU_TEST_PG_URL):
// leads and their client_id, the queue, visits, run import (new / changed / resolved without
// duplicates, a caseworker's work kept), assignment checks, rosters, and the audit of each.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backend/store/queue_store.h"
#include "backend/store/repository.h"
#include "backend/store/sql_support.h"
#include "backend/util/clock.h"
#include "store_fixture.h"
#include "test_support.h"

using namespace jiuzhu::backend;
using jiuzhu::test::kOtherTownship;
using jiuzhu::test::kTownship;

namespace {

class QueueStoreTest : public jiuzhu::test::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    store_ = make_sql_queue_store(repo_->database());
  }

  NewLead lead() {
    NewLead l = jiuzhu::test::new_lead();
    l.urgent = true;
    l.flags = {"urgent"};
    return l;
  }

  int64_t audit_rows() {
    auto rows = repo_->audit(Scope{}, 0, 100000);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? static_cast<int64_t>(rows->size()) : -1;
  }

  static ImportedItem household(const std::string& id, const std::string& township,
                                std::vector<std::string> flags) {
    ImportedItem it;
    it.household_id = id;
    it.township = township;
    it.flags = std::move(flags);
    it.suggested_programs = {"dibao", "medical_aid"};
    it.change = queue::ChangeKind::fresh;
    it.visit_due = "2026-12-01";
    it.subject_id = "450326195001011234";
    it.score = 3;
    return it;
  }

  RunImport run(std::vector<ImportedItem> items, std::vector<std::string> resolved = {}) {
    RunImport r;
    r.county = "450326";
    r.as_of = "2026-11-24";
    r.summary = "{}";
    r.created_by = "user:admin";
    r.created_at = now_rfc3339();
    r.items = std::move(items);
    r.resolved = std::move(resolved);
    r.audit = AuditEntry{"user:admin", "county_admin", "run", "discovery_run", "", "", ""};
    return r;
  }

  std::unique_ptr<QueueStore> store_;
  const AuditEntry audit_{"user:cw", "caseworker", "list", "discovery_queue", kTownship, kTownship, ""};
};

TEST_P(QueueStoreTest, LeadsJoinTheQueueAndVisitsMoveThem) {
  const int64_t before = audit_rows();
  auto id = store_->add_lead(lead(), "");
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(id->lead_id, "L450326101-20261124-0001");
  EXPECT_TRUE(id->created);
  EXPECT_EQ(audit_rows(), before + 1);
  QueueFilter f;
  f.scope = Scope{kTownship, ""};
  auto q = store_->list(f, audit_);
  ASSERT_TRUE(q.ok()) << q.error().message;
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].lead_id, id->lead_id);
  EXPECT_EQ((*q)[0].source, "lead");
  EXPECT_EQ((*q)[0].state, queue::ItemState::lead);
  EXPECT_EQ(audit_rows(), before + 2);  // the list was audited
  f.scope = Scope{kOtherTownship, ""};
  EXPECT_TRUE(store_->list(f, audit_)->empty());
  DueFilter d;
  d.scope = Scope{kTownship, ""};
  d.by = "2026-11-25";
  EXPECT_EQ(store_->due(d, audit_)->size(), 1u);
  d.by = "2026-11-24";
  EXPECT_TRUE(store_->due(d, audit_)->empty());
  VisitEntry v;
  v.queue_id = (*q)[0].id;
  v.visited_on = "2026-11-25";
  v.caseworker = "cw";
  v.findings = "家中无劳动力";
  v.created_at = now_rfc3339();
  auto to_visited = [](const DiscoveryItem& cur) -> jiuzhu::Result<DiscoveryItem> {
    DiscoveryItem n = cur;
    n.state = queue::ItemState::visited;
    n.visit_due.clear();
    return n;
  };
  EXPECT_EQ(store_->add_visit(v, "20261125", Scope{kOtherTownship, ""}, to_visited, audit_).error().code, "not_found");
  auto visit = store_->add_visit(v, "20261125", Scope{kTownship, ""}, to_visited, audit_);
  ASSERT_TRUE(visit.ok()) << visit.error().message;
  EXPECT_EQ(visit->visit_id, "V450326101-20261125-0001");
  auto one = store_->item((*q)[0].id, Scope{kTownship, ""}, audit_);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->first.state, queue::ItemState::visited);
  ASSERT_EQ(one->second.size(), 1u);
  EXPECT_EQ(one->second[0].findings, "家中无劳动力");
  d.by = "2030-01-01";
  EXPECT_TRUE(store_->due(d, audit_)->empty());
}

TEST_P(QueueStoreTest, ALeadClientIdStoresOneLead) {
  auto first = store_->add_lead(lead(), "c-1");
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = store_->add_lead(lead(), "c-1");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->lead_id, first->lead_id);
  EXPECT_EQ(again->visit_due, first->visit_due);
  NewLead other = lead();
  other.township = kOtherTownship;
  EXPECT_EQ(store_->add_lead(other, "c-1").error().code, "client_id_in_use");
  // Leads without a client_id never collide.
  EXPECT_TRUE(store_->add_lead(lead(), "").ok());
  EXPECT_TRUE(store_->add_lead(lead(), "").ok());
  QueueFilter f;
  f.scope = Scope{kTownship, ""};
  EXPECT_EQ(store_->list(f, audit_)->size(), 3u);
}

TEST_P(QueueStoreTest, RunsUpsertHouseholdsAndKeepTheCaseworkersWork) {
  auto first = store_->import_run(run({household("H1", kTownship, {"medical_burden"}),
                                       household("H2", kTownship, {"disaster"}),
                                       household("H3", kOtherTownship, {"dropout"})}));
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->inserted, 3);
  QueueFilter f;
  f.scope = Scope{"", "450326"};
  auto items = store_->list(f, audit_);
  ASSERT_EQ(items->size(), 3u);
  int64_t h1 = 0;
  for (const auto& it : *items) {
    if (it.household_id == "H1") h1 = it.id;
  }
  // A caseworker works H1; the next run must not reset it.
  auto work = [](const DiscoveryItem& cur) -> jiuzhu::Result<DiscoveryItem> {
    DiscoveryItem n = cur;
    n.state = queue::ItemState::visited;
    n.visit_due = "2026-12-20";
    return n;
  };
  ASSERT_TRUE(store_->update(h1, Scope{kTownship, ""}, work, audit_).ok());
  ASSERT_TRUE(repo_->add_user(UserRecord{"cw", jiuzhu::model::Role::caseworker, kTownship, "", "", "x", now_rfc3339()}).ok());
  ASSERT_TRUE(repo_->add_user(UserRecord{"cw2", jiuzhu::model::Role::caseworker, kOtherTownship, "", "", "x", now_rfc3339()}).ok());
  EXPECT_EQ(store_->assign(h1, Scope{"", "450326"}, "cw2", audit_).error().code, "bad_caseworker");
  EXPECT_EQ(store_->assign(h1, Scope{"", "450326"}, "nobody", audit_).error().code, "bad_caseworker");
  EXPECT_EQ(store_->assign(h1, Scope{"", "370102"}, "cw", audit_).error().code, "not_found");
  ASSERT_TRUE(store_->assign(h1, Scope{"", "450326"}, "cw", audit_).ok());

  // The previous run as the engine reads it.
  auto prev = store_->previous_run("450326");
  ASSERT_TRUE(prev.ok());
  const auto doc = nlohmann::json::parse(*prev);
  ASSERT_EQ(doc["households"].size(), 3u);

  auto h1b = household("H1", kTownship, {"medical_burden", "serious_illness"});
  h1b.change = queue::ChangeKind::changed;
  auto h4 = household("H4", kTownship, {"elderly_alone"});
  auto second = store_->import_run(run({h1b, household("H2", kTownship, {"disaster"}), h4}, {"H3"}));
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_GT(second->run_id, first->run_id);
  EXPECT_EQ(second->inserted, 1);
  EXPECT_EQ(second->updated, 2);
  EXPECT_EQ(second->resolved, 1);
  items = store_->list(f, audit_);
  ASSERT_EQ(items->size(), 4u);  // no duplicates; H3 kept for history
  for (const auto& it : *items) {
    if (it.household_id == "H1") {
      EXPECT_EQ(it.state, queue::ItemState::visited);
      EXPECT_EQ(it.assigned_to, "cw");
      EXPECT_EQ(it.visit_due, "2026-12-20");
      EXPECT_EQ(it.change_kind, queue::ChangeKind::changed);
      EXPECT_EQ(it.flags, (std::vector<std::string>{"medical_burden", "serious_illness"}));
      EXPECT_EQ(it.suggested_programs, (std::vector<std::string>{"dibao", "medical_aid"}));
    }
    if (it.household_id == "H3") {
      EXPECT_EQ(it.change_kind, queue::ChangeKind::resolved);
      EXPECT_EQ(it.visit_due, "");  // nobody had visited: nothing left to do
    }
  }
  f.change = queue::ChangeKind::resolved;
  EXPECT_EQ(store_->list(f, audit_)->size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(*store_->previous_run("450326"))["households"].size(), 3u);
  auto latest = store_->latest_run("450326");
  ASSERT_TRUE(latest.ok() && latest->has_value());
  EXPECT_EQ((*latest)->id, second->run_id);
  EXPECT_FALSE(store_->latest_run("370102")->has_value());
}

TEST_P(QueueStoreTest, RostersAreReplacedByTheLatestRun) {
  auto r1 = run({});
  r1.rosters = {RosterRow{kTownship, "dibao", "H1", "450326195001011234", "张三", "户主", "dibao since 2024-03-01", 76},
                RosterRow{kOtherTownship, "edge", "H2", "450326196001011234", "李四", "户主", "", 66}};
  ASSERT_TRUE(store_->import_run(r1).ok());
  auto all = store_->roster("450326", "", "", audit_);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 2u);
  EXPECT_EQ(store_->roster("450326", kTownship, "", audit_)->size(), 1u);
  EXPECT_EQ(store_->roster("450326", "", "edge", audit_)->size(), 1u);
  auto r2 = run({});
  r2.rosters = {RosterRow{kTownship, "tekun", "H5", "450326195001011234", "王五", "户主", "", 80}};
  ASSERT_TRUE(store_->import_run(r2).ok());
  auto now = store_->roster("450326", "", "", audit_);
  ASSERT_EQ(now->size(), 1u);
  EXPECT_EQ((*now)[0].category, "tekun");
  EXPECT_EQ((*now)[0].age, 80);
}

// The list filters on the typed status and state; an item reads back with both typed.
TEST_P(QueueStoreTest, ListsFilterOnTheTypedStatusAndState) {
  ASSERT_TRUE(store_->add_lead(lead(), "").ok());
  QueueFilter f;
  f.scope = Scope{kTownship, ""};
  f.status = queue::ItemStatus::open;
  auto open = store_->list(f, audit_);
  ASSERT_TRUE(open.ok()) << open.error().message;
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].status, queue::ItemStatus::open);
  EXPECT_EQ((*open)[0].flags, std::vector<std::string>{"urgent"});
  EXPECT_TRUE((*open)[0].suggested_programs.empty());
  EXPECT_EQ((*open)[0].lead_body, nlohmann::json({{"source", "hotline"}}));
  EXPECT_EQ((*open)[0].evidence, nlohmann::json::array());
  f.status = queue::ItemStatus::closed;
  EXPECT_TRUE(store_->list(f, audit_)->empty());
  f.status.reset();
  f.state = queue::ItemState::visited;
  EXPECT_TRUE(store_->list(f, audit_)->empty());
  f.state = queue::ItemState::lead;
  EXPECT_EQ(store_->list(f, audit_)->size(), 1u);
}

// A state or status in discovery_queue that is none of the workflow's, flags / suggested
// programs that are no JSON array of strings, evidence that is no JSON array or a lead body that
// is no JSON object are reported, never guessed.
TEST_P(QueueStoreTest, AStoredValueThatDoesNotConvertIsADbError) {
  auto added = store_->add_lead(lead(), "");
  ASSERT_TRUE(added.ok()) << added.error().message;
  QueueFilter f;
  f.scope = Scope{kTownship, ""};
  auto items = store_->list(f, audit_);
  ASSERT_TRUE(items.ok() && items->size() == 1u);
  const int64_t id = (*items)[0].id;
  // Each step mends the previous step's value and breaks one more.
  const std::vector<std::vector<std::string>> steps = {
      {"UPDATE discovery_queue SET state = 'pending'"},
      {"UPDATE discovery_queue SET state = 'lead', status = 'done'"},
      {"UPDATE discovery_queue SET status = 'open', flags = 'urgent'"},
      {"UPDATE discovery_queue SET flags = '[]', suggested_programs = '[1]'"},
      {"UPDATE discovery_queue SET suggested_programs = '[]', evidence = '{}'"},
      {"UPDATE discovery_queue SET evidence = '[]'", "UPDATE leads SET body = '[1]'"},
      {"UPDATE leads SET body = '{}'", "UPDATE discovery_queue SET change_kind = 'newish'"}};
  for (const auto& step : steps) {
    const std::string broken_sql = step.back();
    auto broken = repo_->database().write([&](Tx& tx) -> jiuzhu::Status {
      for (const auto& statement : step) sql::exec(tx, statement);
      return jiuzhu::Ok{};
    });
    ASSERT_TRUE(broken.ok()) << broken.error().message;
    auto listed = store_->list(f, audit_);
    ASSERT_FALSE(listed.ok()) << broken_sql;
    EXPECT_EQ(listed.error().code, "db_error");
    auto one = store_->item(id, f.scope, audit_);
    ASSERT_FALSE(one.ok()) << broken_sql;
    EXPECT_EQ(one.error().code, "db_error");
  }
  // Mended, the item reads again: each step above failed on the value it broke.
  auto mended = repo_->database().write([&](Tx& tx) -> jiuzhu::Status {
    sql::exec(tx, "UPDATE discovery_queue SET change_kind = ''");
    return jiuzhu::Ok{};
  });
  ASSERT_TRUE(mended.ok()) << mended.error().message;
  auto again = store_->item(id, f.scope, audit_);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->first.lead_body, nlohmann::json::object());
  EXPECT_FALSE(again->first.change_kind);  // a lead: no run saw it
}

INSTANTIATE_TEST_SUITE_P(Backends, QueueStoreTest, ::testing::ValuesIn(jiuzhu::test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
