// The repository on each back end (SQLite always; PostgreSQL with JIUZHU_TEST_PG_URL).
#include <Poco/Data/Session.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "backend/store/migrations.h"
#include "backend/store/repository.h"
#include "backend/store/sql_support.h"
#include "backend/store/staff_store.h"
#include "backend/util/clock.h"
#include "store_fixture.h"
#include "test_support.h"

using namespace jiuzhu::backend;
using jiuzhu::test::new_application;
using jiuzhu::test::TempDir;
using Poco::Data::Keywords::now;

namespace {

class RepositoryTest : public jiuzhu::test::StoreTest {
 protected:
  NewApplication app(const std::string& client_id, const std::string& township = jiuzhu::test::kTownship) {
    return new_application(client_id, township);
  }
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
  auto rows = repo_->intake(IntakeQuery{Scope{jiuzhu::test::kTownship, ""}, std::nullopt, 100, std::nullopt});
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
    EXPECT_EQ(r.status, CaseState::received);
    return jiuzhu::Ok{};
  };
  EXPECT_EQ(repo_->transition(no, scope, CaseState::approved, "", now_rfc3339(), refuse, audit).error().code, "illegal_transition");
  EXPECT_EQ((*repo_->application(no, scope))->status, CaseState::received);
  auto moved = repo_->transition(no, scope, CaseState::investigating, "入户", now_rfc3339(), accept, audit);
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->status, CaseState::investigating);
  EXPECT_EQ(repo_->transition(no, Scope{jiuzhu::test::kOtherTownship, ""}, CaseState::under_review, "", now_rfc3339(), accept, audit)
                .error()
                .code,
            "not_found");
  auto events = repo_->events(no);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].from_status, std::nullopt);
  EXPECT_EQ((*events)[0].to_status, CaseState::received);
  EXPECT_EQ((*events)[1].from_status, CaseState::received);
  EXPECT_EQ((*events)[1].to_status, CaseState::investigating);
}

// A channel in applications that is none of the four is reported, never guessed.
TEST_P(RepositoryTest, AStoredChannelThatDoesNotConvertIsADbError) {
  auto r = repo_->submit_application(jiuzhu::test::new_application("c-bad-channel"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string no = r->record.application_no;
  const Scope scope{jiuzhu::test::kTownship, ""};
  EXPECT_EQ((*repo_->application(no, scope))->channel, jiuzhu::model::Channel::kiosk);
  auto broken = repo_->database().write([&](Tx& tx) -> jiuzhu::Status {
    sql::exec(tx, "UPDATE applications SET channel = 'mail' WHERE application_no = ?", {no});
    return jiuzhu::Ok{};
  });
  ASSERT_TRUE(broken.ok()) << broken.error().message;
  auto read = repo_->application(no, scope);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, "db_error");
}

// A role in users that is no staff role is reported, never guessed (nor read as no role).
TEST_P(RepositoryTest, AStoredRoleThatDoesNotConvertIsADbError) {
  using jiuzhu::model::Role;
  ASSERT_TRUE(repo_->add_user(UserRecord{"cw-role", Role::caseworker, jiuzhu::test::kTownship,
                                         jiuzhu::test::kCounty, "", "x", now_rfc3339()})
                  .ok());
  StaffStore staff(repo_->database());
  auto user = repo_->user("cw-role");
  ASSERT_TRUE(user.ok() && user->has_value());
  EXPECT_EQ((*user)->role, Role::caseworker);
  auto listed = staff.list(jiuzhu::test::kCounty);
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].role, Role::caseworker);
  auto broken = repo_->database().write([&](Tx& tx) -> jiuzhu::Status {
    sql::exec(tx, "UPDATE users SET role = 'mayor' WHERE login = ?", {std::string("cw-role")});
    return jiuzhu::Ok{};
  });
  ASSERT_TRUE(broken.ok()) << broken.error().message;
  auto read = repo_->user("cw-role");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, "db_error");
  auto list = staff.list(jiuzhu::test::kCounty);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.error().code, "db_error");
}

// A state in case_events that is no workflow state is reported, never guessed.
TEST_P(RepositoryTest, AnEventStateThatDoesNotConvertIsADbError) {
  auto r = repo_->submit_application(jiuzhu::test::new_application("c-bad-event"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string no = r->record.application_no;
  auto broken = repo_->database().write([&](Tx& tx) -> jiuzhu::Status {
    sql::exec(tx, "UPDATE case_events SET to_status = 'finished' WHERE application_no = ?", {no});
    return jiuzhu::Ok{};
  });
  ASSERT_TRUE(broken.ok()) << broken.error().message;
  auto events = repo_->events(no);
  ASSERT_FALSE(events.ok());
  EXPECT_EQ(events.error().code, "db_error");
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

AuditEntry read_entry(int i) { return AuditEntry{"user:a", "caseworker", "read", "case", std::to_string(i), "450326101", ""}; }

// The SQLite writer remembers the chain's tail between jobs: a job that appended and then
// failed must not leave its row's hash behind as the tail.
TEST_P(RepositoryTest, AuditChainSurvivesRolledBackAppends) {
  ASSERT_TRUE(repo_->append_audit(read_entry(1)).ok());
  auto failed = repo_->database().write([](Tx& tx) -> jiuzhu::Status {
    sql::append_audit_tx(tx, read_entry(2));
    return jiuzhu::make_error("changed_mind", "roll this back");
  });
  EXPECT_EQ(failed.error().code, "changed_mind");
  auto thrown = repo_->database().write([](Tx& tx) -> jiuzhu::Status {
    sql::append_audit_tx(tx, read_entry(3));
    sql::exec(tx, "INSERT INTO no_such_table VALUES (1)");
    return jiuzhu::Ok{};
  });
  EXPECT_EQ(thrown.error().code, "db_error");
  ASSERT_TRUE(repo_->append_audit(read_entry(4)).ok());
  ASSERT_TRUE(repo_->submit_application(app("c-after-rollback")).ok());
  auto v = repo_->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << "first bad row " << v->first_bad_seq;
  EXPECT_EQ(v->rows, 3);
}

// Many writers at once (group commit on SQLite, the audit_head row lock on PostgreSQL) still
// make one unbroken chain with every acknowledged row in it.
TEST_P(RepositoryTest, ConcurrentAppendsMakeOneChain) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 15; ++i) {
        const bool ok = i % 3 == 0 ? repo_->submit_application(app("c-" + std::to_string(t) + "-" + std::to_string(i))).ok()
                                   : repo_->append_audit(read_entry(t * 100 + i)).ok();
        if (!ok) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto v = repo_->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << "first bad row " << v->first_bad_seq;
  EXPECT_EQ(v->rows, 8 * 15);
}

// Another process (a CLI command) appending to the same database between the server's writes:
// the server's remembered tail is stale and must be noticed, not chained onto.
TEST_P(RepositoryTest, AuditChainNoticesAnotherWriter) {
  ASSERT_TRUE(repo_->append_audit(read_entry(1)).ok());
  {
    auto other = open_repository(url_);
    ASSERT_TRUE(other.ok()) << other.error().message;
    ASSERT_TRUE((*other)->append_audit(read_entry(2)).ok());
  }
  ASSERT_TRUE(repo_->append_audit(read_entry(3)).ok());
  auto v = repo_->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << "first bad row " << v->first_bad_seq;
  EXPECT_EQ(v->rows, 3);
}

// sql::query on SQLite keeps each connection's statements compiled, up to a bound; SQL beyond
// the bound still runs (compiled for the one use), and rows and errors come back the same way.
TEST(SqlQuery, CompiledStatementsBeyondTheCacheBoundStillRun) {
  TempDir dir;
  auto db = open_database("sqlite:" + dir.path() + "/q.db");
  ASSERT_TRUE(db.ok()) << db.error().message;
  auto st = (*db)->read([](Tx& tx) -> jiuzhu::Status {
    for (int round = 0; round < 2; ++round) {
      for (int i = 0; i < 300; ++i) {
        const auto rows = sql::query(tx, "SELECT ? + " + std::to_string(i) + ", ?", {round, "text"});
        if (rows.size() != 1 || rows.i64(0, 0) != round + i || rows.str(0, 1) != "text") {
          return jiuzhu::make_error("wrong_rows", "statement " + std::to_string(i));
        }
      }
    }
    return jiuzhu::Ok{};
  });
  EXPECT_TRUE(st.ok()) << st.error().message;
  auto wrong = (*db)->read([](Tx& tx) -> jiuzhu::Status {
    sql::query(tx, "SELECT ?", {1, 2});
    return jiuzhu::Ok{};
  });
  EXPECT_EQ(wrong.error().code, "db_error");
  (*db)->close();
}

// Version 4 rebuilds SQLite's applications, case_events and audit_log without AUTOINCREMENT and
// with the audit sequence as the rowid. A version-3 database with data comes through whole:
// the same ids, numbers and hash chain, new rows continue after the old ones, and the audit log
// is still append-only.
TEST(SqliteMigration, Version4KeepsEveryRowAndTheChain) {
  TempDir dir;
  const std::string path = dir.path() + "/m.db";
  auto db = open_database("sqlite:" + path);
  ASSERT_TRUE(db.ok()) << db.error().message;
  ASSERT_TRUE(migrate(**db, 3).ok());
  auto repo = make_sql_repository(std::move(db).value());
  auto submit = [&](const std::string& client_id) {
    return repo->submit_application(
        new_application(client_id, jiuzhu::test::kTownship, R"({"client_id":")" + client_id + R"("})"));
  };
  for (const char* c : {"m-1", "m-2", "m-3"}) ASSERT_TRUE(submit(c).ok());
  const Scope county{"", jiuzhu::test::kCounty};
  auto before = repo->application("450326101-20261124-0002", county);
  ASSERT_TRUE(before.ok() && *before);

  ASSERT_TRUE(migrate(repo->database()).ok());
  auto after = repo->application("450326101-20261124-0002", county);
  ASSERT_TRUE(after.ok() && *after);
  EXPECT_EQ((*after)->id, (*before)->id);
  EXPECT_EQ((*after)->client_id, "m-2");
  EXPECT_EQ((*after)->body, (*before)->body);
  auto fourth = submit("m-4");
  ASSERT_TRUE(fourth.ok());
  EXPECT_EQ(fourth->record.application_no, "450326101-20261124-0004");
  auto again = submit("m-2");  // a retry still finds the first
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  auto v = repo->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << "first bad row " << v->first_bad_seq;
  EXPECT_EQ(v->rows, 4);
  repo->database().close();

  Poco::Data::Session s("SQLite", path);
  std::string sql;
  s << "SELECT sql FROM sqlite_master WHERE name = 'applications'", Poco::Data::Keywords::into(sql), now;
  EXPECT_EQ(sql.find("AUTOINCREMENT"), std::string::npos) << sql;
  int autoindexes = -1, events = -1, version = 0;
  s << "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'sqlite_autoindex_audit_log%'",
      Poco::Data::Keywords::into(autoindexes), now;
  s << "SELECT COUNT(*) FROM case_events", Poco::Data::Keywords::into(events), now;
  s << "SELECT MAX(version) FROM schema_version", Poco::Data::Keywords::into(version), now;
  EXPECT_EQ(autoindexes, 0);
  EXPECT_EQ(events, 4);
  EXPECT_EQ(version, latest_schema_version());
  EXPECT_THROW((s << "UPDATE audit_log SET detail = 'x' WHERE seq = 1", now), Poco::Exception);
  EXPECT_THROW((s << "DELETE FROM audit_log WHERE seq = 1", now), Poco::Exception);
}

// The SQLite writer checkpoints by itself once the WAL has `checkpoint_pages` pages: the WAL
// stops growing (it starts over after each complete checkpoint), /metrics counts the
// checkpoints, and what was committed is in the database file for a new connection to read.
TEST(SqliteWriter, CheckpointsKeepTheWalBoundedAndLoseNothing) {
  TempDir dir;
  const std::string path = dir.path() + "/c.db";
  DatabaseOptions options;
  options.checkpoint_pages = 40;
  auto repo = open_repository("sqlite:" + path, options);
  ASSERT_TRUE(repo.ok()) << repo.error().message;
  std::vector<std::thread> writers;
  std::atomic<int> failed{0};
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < 150; ++i) {
        // 1,500 bytes: about an application's size.
        const auto a = new_application("c-" + std::to_string(t) + "-" + std::to_string(i), jiuzhu::test::kTownship,
                                       std::string(1500, 'x'));
        if (!(*repo)->submit_application(a).ok()) ++failed;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_GT((*repo)->database().checkpoints(), 5u);
  // 600 applications need far more than 40 pages of WAL; checkpoints keep it near the bound
  // (one group's pages past it at most).
  EXPECT_LT(std::filesystem::file_size(path + "-wal"), 512u * 1024);
  auto v = (*repo)->verify_audit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->rows, 600);
  (*repo)->database().close();
  Poco::Data::Session s("SQLite", path);
  int rows = 0;
  s << "SELECT COUNT(*) FROM applications", Poco::Data::Keywords::into(rows), now;
  EXPECT_EQ(rows, 600);
}

// Leads, the queue and visits: store_queue_test.cpp (store/queue_store.h).

INSTANTIATE_TEST_SUITE_P(Backends, RepositoryTest, ::testing::ValuesIn(jiuzhu::test::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
