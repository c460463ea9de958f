// PostgreSQL back end: one writer thread with group commit, a Poco session pool for reads.
//
// Why group commit, as SQLite's writer does it: every audited write appends to the one audit
// hash chain, whose head row (audit_head) each transaction locks until it commits. With one
// transaction per request the commits queued on that lock one fsync at a time (410/s, p99
// 289 ms). The writer instead runs every job queued meanwhile inside one transaction and commits
// them with one WAL flush: acknowledged still means committed and fsync'd (synchronous_commit
// is left as the server has it, on by default). The queue and the writer thread are shared with
// SQLite (group_commit_writer.h); this file is what PostgreSQL does with a group.
//
// Why no SAVEPOINT per job (SQLite has one): on PostgreSQL each is a round trip, and they would
// double the statements of a group. A job that fails is rare (an illegal transition, a reused
// client_id) and a failed statement aborts the whole transaction anyway: then the group is
// rolled back and each of its jobs runs again alone, in its own transaction, so that the
// failure stays with its own job. Jobs are functions of the Tx only (they fill their results
// anew on each run), which is what makes running one again safe.
#include "backend/store/postgres_database.h"

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SessionPool.h>
#include <Poco/Exception.h>
#include <Poco/Logger.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "backend/store/group_commit_writer.h"
#include "backend/store/pg_statements.h"
#include "backend/util/storage_health.h"
#include <Poco/Data/PostgreSQL/SessionImpl.h>

namespace jiuzhu::backend {
namespace {

using Poco::Data::Keywords::now;

std::string url_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// libpq keyword value, single-quoted with \\ and \' escaped.
std::string quoted(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

// Poco's PostgreSQL connector wants libpq's "key=value" form, not a URI: convert
// postgresql://user:password@host:port/dbname?key=value&... to it.
Result<std::string> postgres_keywords(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return make_error("bad_db_url", "PostgreSQL URL needs postgresql://", "db");
  std::string rest = url.substr(scheme + 3);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string user, password;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    user = rest.substr(0, at);
    rest = rest.substr(at + 1);
    if (auto colon = user.find(':'); colon != std::string::npos) {
      password = user.substr(colon + 1);
      user = user.substr(0, colon);
    }
  }
  std::string host = rest, port;
  if (auto colon = rest.rfind(':'); colon != std::string::npos && rest.find(']') == std::string::npos) {
    host = rest.substr(0, colon);
    port = rest.substr(colon + 1);
  }
  std::string out;
  auto add = [&](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    if (!out.empty()) out += ' ';
    out += k + "=" + quoted(url_decode(v));
  };
  try {
    add("host", host);
    add("port", port);
    add("user", user);
    add("password", password);
    add("dbname", dbname);
    size_t start = 0;
    while (start < query.size()) {
      size_t amp = query.find('&', start);
      if (amp == std::string::npos) amp = query.size();
      const std::string kv = query.substr(start, amp - start);
      const auto eq = kv.find('=');
      if (eq == std::string::npos) return make_error("bad_db_url", "malformed query in the PostgreSQL URL", "db");
      add(kv.substr(0, eq), kv.substr(eq + 1));
      start = amp + 1;
    }
  } catch (const std::exception&) {
    return make_error("bad_db_url", "malformed escape in the PostgreSQL URL", "db");
  }
  return out;
}

namespace {

class PostgresDatabase final : public Database, private GroupCommitter {
 public:
  PostgresDatabase(const std::string& url, const DatabaseOptions& options)
      : options_(options),
        capacity_(static_cast<int>(std::max(options.pool_max, options.read_sessions))),
        free_(capacity_),
        pool_("PostgreSQL", url, 1, capacity_, 60),
        writer_session_(std::make_unique<Poco::Data::Session>("PostgreSQL", url)),
        writer_(*this, options.max_group) {
    renew_statements();
    writer_.start();
  }
  ~PostgresDatabase() override { close(); }

  Backend backend() const override { return Backend::postgresql; }

  Status write(Job job) override { return writer_.submit(std::move(job)); }

  Status ping() override { return ping_by_select(*this); }

  Status read(Job job) override { return run_read(std::move(job)); }

  void close() override {
    writer_.close();
    std::lock_guard lock(mu_);
    if (closed_) return;
    closed_ = true;
    cv_.notify_all();
    try { pool_.shutdown(); } catch (const Poco::Exception&) {}
  }

  size_t pending_writes() const override { return writer_.pending(); }
  uint64_t commit_groups() const override { return writer_.groups(); }
  uint64_t committed_jobs() const override { return writer_.jobs(); }

 private:
  // A failed write's error: storage_full / storage_failed when PostgreSQL's disk is at fault
  // (reported to the health, which logs the cause once a minute), db_error otherwise.
  Error write_error(const std::string& detail) {
    const std::string code = classify_storage_failure(detail);
    if (code.empty()) return make_error("db_error", "database operation failed: " + detail);
    if (options_.health) options_.health->failed("database", code, detail, /*local=*/false);
    return make_error(code, "database operation failed: " + detail);
  }

  // Runs `job` in its own transaction on the writer's session.
  Status run_alone(Job& job) {
    auto& s = *writer_session_;
    Status st = Ok{};
    bool open = false;
    try {
      s.begin();
      open = true;
      Tx tx(s, Backend::postgresql, nullptr, nullptr, statements_.get());
      st = job(tx);
      if (st.ok()) s.commit();
      else s.rollback();
      open = false;
    } catch (const Poco::Exception& e) {
      st = write_error(e.displayText());
    } catch (const std::exception& e) {
      st = write_error(e.what());
    }
    if (open) {
      try { s.rollback(); } catch (...) {}
    }
    if (st.ok()) note_success(1);
    return st;
  }

  void note_success(size_t jobs) {
    writer_.count_commit(jobs);
    if (options_.health) options_.health->succeeded("database");
  }

  // Statements are prepared per connection: a new connection starts with none.
  void renew_statements() {
    auto* impl = dynamic_cast<Poco::Data::PostgreSQL::SessionImpl*>(writer_session_->impl());
    statements_ = impl ? std::make_unique<PgStatements>(static_cast<PGconn*>(impl->handle())) : nullptr;
  }

  // A server restart or a dropped connection leaves the writer's session dead: open a new one
  // (the pool does this for reads by itself).
  void ensure_connected() {
    try {
      if (!writer_session_->isConnected()) {
        writer_session_->reconnect();
        renew_statements();
      }
    } catch (const Poco::Exception& e) {
      Poco::Logger::get("store").warning("event=reconnect_failed backend=postgresql cause=\"" + e.displayText() + "\"");
    }
  }

  // GroupCommitter, on the writer thread.
  void commit_group(WriteGroup& group) override {
    ensure_connected();
    if (group.size() == 1) {
      group[0]->done.set_value(run_alone(group[0]->job));
      return;
    }
    auto& s = *writer_session_;
    bool open = false;
    bool all_ok = true;
    try {
      s.begin();
      open = true;
      for (auto& item : group) {
        Tx tx(s, Backend::postgresql, nullptr, nullptr, statements_.get());
        if (!item->job(tx).ok()) {
          all_ok = false;
          break;
        }
      }
      if (all_ok) {
        s.commit();
        open = false;
        note_success(group.size());
        for (auto& item : group) item->done.set_value(Ok{});
        return;
      }
    } catch (const Poco::Exception&) {
      all_ok = false;
    } catch (const std::exception&) {
      all_ok = false;
    }
    // Something failed (a job's own error, or the commit): nothing of the group is committed.
    // Each job runs again alone, so that each gets its own answer.
    if (open) {
      try { s.rollback(); } catch (...) {}
    }
    for (auto& item : group) item->done.set_value(run_alone(item->job));
  }

  void writer_finished() override {
    try { writer_session_->close(); } catch (...) {}
  }

  Status run_read(Job job) {
    {
      std::lock_guard lock(mu_);
      if (closed_) return make_error("db_closed", "database is closed");
    }
    // Poco's pool throws when every session is busy; wait for one instead, so a burst of
    // requests queues here rather than failing.
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return free_ > 0 || closed_; });
      if (closed_) return make_error("db_closed", "database is closed");
      --free_;
    }
    struct Release {
      PostgresDatabase* self;
      ~Release() {
        {
          std::lock_guard lock(self->mu_);
          ++self->free_;
        }
        self->cv_.notify_one();
      }
    } release{this};
    Status st = Ok{};
    try {
      Poco::Data::Session s = pool_.get();
      bool open = false;
      // Session::begin/commit/rollback send the bare command (one round trip); as SQL statements
      // Poco would prepare and then execute each (two).
      try {
        s.begin();
        open = true;
        s << "SET TRANSACTION READ ONLY", now;
        Tx tx(s, Backend::postgresql);
        st = job(tx);
        if (st.ok()) s.commit();
        else s.rollback();
        open = false;
      } catch (...) {
        if (open) {
          try { s.rollback(); } catch (...) {}
        }
        throw;
      }
    } catch (const Poco::Exception& e) {
      st = make_error("db_error", "database operation failed: " + e.displayText());
    } catch (const std::exception& e) {
      st = make_error("db_error", std::string("database operation failed: ") + e.what());
    }
    return st;
  }

  DatabaseOptions options_;
  int capacity_;
  int free_;
  Poco::Data::SessionPool pool_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool closed_ = false;

  std::unique_ptr<Poco::Data::Session> writer_session_;  // the writer thread's only
  std::unique_ptr<PgStatements> statements_;              // the writer thread's only, on writer_session_
  GroupCommitWriter writer_;  // last: its thread uses the members above
};

}  // namespace

Result<std::unique_ptr<Database>> open_postgres_database(const std::string& url, const DatabaseOptions& options) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
  auto keywords = postgres_keywords(url);
  if (!keywords) return keywords.error();
  try {
    auto db = std::make_unique<PostgresDatabase>(*keywords, options);
    auto st = db->ping();
    if (!st) return make_error("db_unavailable", st.error().message);
    return std::unique_ptr<Database>(std::move(db));
  } catch (const Poco::Exception& e) {
    return make_error("db_unavailable", "cannot connect to PostgreSQL: " + e.displayText());
  }
}

}  // namespace jiuzhu::backend
