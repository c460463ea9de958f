// SQLite back end: one writer thread with group commit, a pool of WAL read sessions.
//
// Why group commit: with synchronous=FULL every COMMIT waits for an fsync of the WAL (a few ms).
// One commit per request would cap the service at a few hundred durable writes per second; the
// writer instead drains everything queued while the previous fsync ran and commits it at once.
// Each job runs in its own SAVEPOINT so a job that fails (a duplicate, an illegal transition)
// rolls back alone and the rest of the group still commits. The queue and the writer thread are
// shared with PostgreSQL (group_commit_writer.h); this file is what SQLite does with a group.
//
// Why the writer remembers the audit chain's tail: every audited write appends after the last
// row, and reading that row back for each job was the second most expensive statement. The
// writer is the only one appending, so it keeps the tail (ChainTail) across jobs: restored when a
// job rolls back to its savepoint, forgotten when a group fails to commit or when PRAGMA
// data_version shows that another process (a CLI command) has written the file meanwhile.
//
// Why the writer checkpoints by itself, after answering: SQLite's automatic checkpoint runs
// inside COMMIT, every 1,000 WAL pages, so the group's clients waited for it and the hot pages
// (index roots, the audit tail, today's counter) were copied into the database file again and
// again. The writer's own WAL hook counts the pages; once `checkpoint_pages` have accumulated it
// checkpoints after the group's answers are out, copying each hot page once per checkpoint.
#include "backend/store/sqlite_database.h"

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "backend/store/group_commit_writer.h"
#include "backend/store/prepared_statements.h"
#include "backend/store/sql_query.h"
#include "backend/util/storage_health.h"

namespace jiuzhu::backend {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

void exec(Poco::Data::Session& s, const std::string& sql) { s << sql, now; }

std::unique_ptr<Poco::Data::Session> open_session(const std::string& path, bool writer) {
  auto s = std::make_unique<Poco::Data::Session>("SQLite", path);
  int busy = 0;
  *s << "PRAGMA busy_timeout=10000", into(busy), now;
  if (writer) {
    std::string mode;
    *s << "PRAGMA journal_mode=WAL", into(mode), now;
    // Each job's SAVEPOINT keeps the pages it changes in a sub-journal; on disk that is a temp
    // file written (pwrite) for every job. In memory it costs a memcpy.
    exec(*s, "PRAGMA temp_store=MEMORY");
  }
  exec(*s, "PRAGMA synchronous=FULL");
  exec(*s, "PRAGMA foreign_keys=ON");
  return s;
}

class SqliteDatabase final : public Database, private GroupCommitter {
 public:
  SqliteDatabase(std::string path, DatabaseOptions options)
      : path_(std::move(path)),
        options_(options),
        next_checkpoint_at_(static_cast<int64_t>(options_.checkpoint_pages)),
        writer_(*this, options_.max_group) {}
  ~SqliteDatabase() override { close(); }

  Status start() {
    try {
      writer_session_ = open_session(path_, true);
      writer_prepared_ = prepared_for(*writer_session_);
      // Replaces the automatic checkpoint (see the top of this file).
      sqlite3_wal_hook(Poco::Data::SQLite::Utility::dbHandle(*writer_session_), &SqliteDatabase::on_wal_commit, this);
      for (size_t i = 0; i < std::max<size_t>(1, options_.read_sessions); ++i) {
        Reader r;
        r.session = open_session(path_, false);
        r.prepared = prepared_for(*r.session);
        readers_.push_back(std::move(r));
      }
    } catch (const Poco::Exception& e) {
      return make_error("db_unavailable", "cannot open SQLite database: " + e.displayText());
    }
    writer_.start();
    return Ok{};
  }

  Backend backend() const override { return Backend::sqlite; }

  Status write(Job job) override { return writer_.submit(std::move(job)); }

  Status ping() override { return ping_by_select(*this); }

  Status read(Job job) override {
    Reader s;
    {
      std::unique_lock lock(read_mu_);
      read_cv_.wait(lock, [&] { return !readers_.empty() || read_closed_; });
      if (read_closed_) return make_error("db_closed", "database is closed");
      s = std::move(readers_.back());
      readers_.pop_back();
    }
    Status result = Ok{};
    try {
      Tx tx(*s.session, Backend::sqlite, s.prepared.get());
      result = job(tx);
    } catch (const Poco::Exception& e) {
      result = make_error("db_error", "database read failed: " + e.displayText());
    } catch (const std::exception& e) {
      result = make_error("db_error", std::string("database read failed: ") + e.what());
    }
    {
      std::lock_guard lock(read_mu_);
      readers_.push_back(std::move(s));
    }
    read_cv_.notify_one();
    return result;
  }

  size_t pending_writes() const override { return writer_.pending(); }
  uint64_t commit_groups() const override { return writer_.groups(); }
  uint64_t committed_jobs() const override { return writer_.jobs(); }
  uint64_t checkpoints() const override { return checkpoints_.load(); }

  void close() override {
    writer_.close();
    {
      std::lock_guard lock(read_mu_);
      read_closed_ = true;
    }
    read_cv_.notify_all();
  }

 private:
  // A read session and its compiled statements (destroyed first: see PreparedStatements).
  struct Reader {
    std::unique_ptr<Poco::Data::Session> session;
    std::unique_ptr<PreparedStatements> prepared;
    Reader() = default;
    Reader(Reader&&) = default;
    Reader& operator=(Reader&&) = default;
    ~Reader() { prepared.reset(); }
  };

  // sqlite3_wal_hook: called on the writer thread after each commit with the WAL's page count.
  static int on_wal_commit(void* self, sqlite3*, const char*, int pages) {
    static_cast<SqliteDatabase*>(self)->wal_pages_ = pages;
    return SQLITE_OK;
  }

  // Copies the WAL into the database file once it has grown past the threshold. PASSIVE: it
  // never waits for readers; pages a reader still needs stay in the WAL for the next attempt.
  void checkpoint_if_due() {
    if (wal_pages_ < next_checkpoint_at_) return;
    try {
      Tx tx(*writer_session_, Backend::sqlite, writer_prepared_.get());
      const auto r = sql::query(tx, "PRAGMA wal_checkpoint(PASSIVE)");
      const bool complete = !r.empty() && r.i64(0, 1) == r.i64(0, 2);
      // Complete: the next write starts the WAL over. Not complete (a reader held old pages):
      // try again after another quarter of the threshold rather than after every group.
      next_checkpoint_at_ = complete ? options_.checkpoint_pages : wal_pages_ + options_.checkpoint_pages / 4;
      checkpoints_.fetch_add(1);
    } catch (const Poco::Exception&) {
      Poco::Logger::get("store").warning("event=checkpoint_failed backend=sqlite");
      next_checkpoint_at_ = wal_pages_ + options_.checkpoint_pages / 4;
    }
  }

  static std::unique_ptr<PreparedStatements> prepared_for(Poco::Data::Session& s) {
    return std::make_unique<PreparedStatements>(Poco::Data::SQLite::Utility::dbHandle(s));
  }

  // One statement on the writer's connection, compiled once.
  void writer_exec(const char* sql) {
    Tx tx(*writer_session_, Backend::sqlite, writer_prepared_.get());
    sql::exec(tx, sql);
  }

  // Forgets the chain tail when another connection has committed since this writer last looked.
  void check_data_version() {
    Tx tx(*writer_session_, Backend::sqlite, writer_prepared_.get());
    const int64_t version = sql::query(tx, "PRAGMA data_version").i64(0, 0);
    if (version != data_version_) tail_.known = false;
    data_version_ = version;
  }

  void writer_finished() override {
    writer_prepared_.reset();
    writer_session_.reset();
  }

  // A failed write's error: storage_full / storage_failed (reported to the health, which logs the
  // cause once a minute) when the disk is at fault, db_error otherwise.
  Error write_error(const std::string& what, const std::string& detail) {
    const std::string code = classify_storage_failure(detail);
    if (code.empty()) return make_error("db_error", what + ": " + detail);
    if (options_.health) options_.health->failed("database", code, detail);
    return make_error(code, what + ": " + detail);
  }

  // GroupCommitter, on the writer thread.
  void commit_group(WriteGroup& group) override {
    auto& s = *writer_session_;
    std::vector<Status> results;
    results.reserve(group.size());
    try {
      writer_exec("BEGIN IMMEDIATE");
      check_data_version();
    } catch (const Poco::Exception& e) {
      try { writer_exec("ROLLBACK"); } catch (const Poco::Exception&) {}
      tail_.known = false;
      const Error error = write_error("cannot begin", e.displayText());
      for (auto& item : group) item->done.set_value(error);
      return;
    }
    for (auto& item : group) {
      Status st = Ok{};
      bool savepoint = false;
      const ChainTail before = tail_;
      try {
        writer_exec("SAVEPOINT job");
        savepoint = true;
        Tx tx(s, Backend::sqlite, writer_prepared_.get(), &tail_);
        st = item->job(tx);
      } catch (const Poco::Exception& e) {
        st = write_error("database write failed", e.displayText());
      } catch (const std::exception& e) {
        st = write_error("database write failed", e.what());
      }
      try {
        if (savepoint && !st.ok()) {
          writer_exec("ROLLBACK TO job");
          tail_ = before;
        }
        if (savepoint) writer_exec("RELEASE job");
      } catch (const Poco::Exception& e) {
        st = write_error("savepoint failed", e.displayText());
        tail_.known = false;
      }
      if (!savepoint) tail_ = before;
      results.push_back(std::move(st));
    }
    try {
      writer_exec("COMMIT");
      writer_.count_commit(group.size());
      if (options_.health) {
        bool any_ok = false;
        for (const auto& r : results) any_ok = any_ok || r.ok();
        if (any_ok) options_.health->succeeded("database");
      }
    } catch (const Poco::Exception& e) {
      try { writer_exec("ROLLBACK"); } catch (const Poco::Exception&) {}
      tail_.known = false;
      const Error error = write_error("commit failed", e.displayText());
      // Disk faults are logged by the health, once a minute; anything else here is news.
      if (error.code == "db_error") {
        Poco::Logger::get("store").error("event=commit_failed backend=sqlite jobs=" + std::to_string(group.size()) +
                                         " cause=\"" + e.displayText() + "\"");
      }
      for (auto& r : results) {
        if (r.ok()) r = error;
      }
    }
    for (size_t i = 0; i < group.size(); ++i) group[i]->done.set_value(std::move(results[i]));
    checkpoint_if_due();
  }

  std::string path_;
  DatabaseOptions options_;
  std::unique_ptr<Poco::Data::Session> writer_session_;
  std::unique_ptr<PreparedStatements> writer_prepared_;  // the writer thread's only
  ChainTail tail_;                                       // the writer thread's only
  int64_t data_version_ = -1;                            // the writer thread's only
  int64_t wal_pages_ = 0;                                // the writer thread's only
  int64_t next_checkpoint_at_ = 0;                       // the writer thread's only
  std::atomic<uint64_t> checkpoints_{0};
  std::mutex read_mu_;
  std::condition_variable read_cv_;
  std::vector<Reader> readers_;
  bool read_closed_ = false;
  GroupCommitWriter writer_;  // last: its thread uses the members above
};

}  // namespace

Result<std::unique_ptr<Database>> open_sqlite_database(const std::string& path, const DatabaseOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
  auto db = std::make_unique<SqliteDatabase>(path, options);
  auto st = db->start();
  if (!st) return st.error();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace jiuzhu::backend
