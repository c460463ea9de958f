// Database: where the backend's SQL runs, and how writes become durable.
//
// Two real back ends sit behind this one interface (store/sqlite_database.cpp and
// store/postgres_database.cpp), both on Poco::Data:
//  - SQLite (the embedded default): WAL journal, synchronous=FULL. Every write goes through one
//    writer thread that runs the queued jobs inside one transaction, each job in its own
//    SAVEPOINT, and commits the group with one fsync ("group commit"): many requests share one
//    disk flush, and a failed job rolls back alone. Reads use a pool of read-only sessions; WAL
//    lets them run beside the writer and see only committed data.
//  - PostgreSQL: one writer thread with group commit too (the queued jobs in one transaction,
//    one commit), and a session pool for reads. When a job of a group fails, the group rolls
//    back and each of its jobs runs again in a transaction of its own.
// A job is a function of a Tx. It returns a Status: an error rolls its work back and is handed to
// the caller unchanged. A Poco exception inside a job rolls back too and becomes `db_error`
// (`storage_full` / `storage_failed` when the disk is at fault). A job may run more than once
// before its result is returned (see PostgreSQL above): it must set what it reports afresh on
// each run, never accumulate into state captured from outside.
// write() returns only after the job's work is committed (durable) or rolled back.
//
// SQL is written once with `?` placeholders; Tx::q() rewrites it for the back end ($1, $2 … for
// PostgreSQL). Schema differences are limited to the tokens the migrations substitute.
//
// Thread-safety: write() and read() may be called from any number of threads at once.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"

namespace jiuzhu::backend {

enum class Backend { sqlite, postgresql };

class PreparedStatements;  // store/prepared_statements.h
class StorageHealth;       // util/storage_health.h
class PgStatements;        // store/pg_statements.h

// The audit chain's last row as a single writer remembers it between jobs (SQLite), so that an
// append need not read it back. `known` is false until read, and again whenever the writer cannot
// be sure (a rolled-back group, another process writing the file).
struct ChainTail {
  bool known = false;
  int64_t seq = 0;
  std::string hash;
};

// The session of one job plus the SQL dialect it runs in, and what the session keeps between
// jobs: its compiled statements (SQLite sessions; null otherwise, see sql_query.h) and, for the
// one SQLite writer, the audit chain's tail (null elsewhere: read it under a lock instead).
class Tx {
 public:
  Tx(Poco::Data::Session& session, Backend backend, PreparedStatements* prepared = nullptr,
     ChainTail* chain_tail = nullptr, PgStatements* pg_statements = nullptr)
      : session_(session), backend_(backend), prepared_(prepared), chain_tail_(chain_tail),
        pg_statements_(pg_statements) {}
  Poco::Data::Session& session() { return session_; }
  Backend backend() const { return backend_; }
  bool postgres() const { return backend_ == Backend::postgresql; }
  // Rewrites `?` placeholders (outside quoted literals) for the back end.
  std::string q(const std::string& sql) const;
  PreparedStatements* prepared() { return prepared_; }
  ChainTail* chain_tail() { return chain_tail_; }
  // The PostgreSQL writer's prepared statements (sql::query runs on them); null elsewhere.
  PgStatements* pg_statements() { return pg_statements_; }

 private:
  Poco::Data::Session& session_;
  Backend backend_;
  PreparedStatements* prepared_;
  ChainTail* chain_tail_;
  PgStatements* pg_statements_;
};

using Job = std::function<Status(Tx&)>;

class Database {
 public:
  virtual ~Database() = default;
  virtual Backend backend() const = 0;
  // Runs `job` in a write transaction; returns once it is durable (or rolled back).
  virtual Status write(Job job) = 0;
  // Runs `job` on a read session (committed data only). Writes from a read job are errors.
  virtual Status read(Job job) = 0;
  // A cheap round trip to the database, for /healthz.
  virtual Status ping() = 0;
  // Jobs waiting for the writer (0 for PostgreSQL), for /metrics.
  virtual size_t pending_writes() const = 0;
  // Groups committed and jobs in them since start (SQLite), for /metrics and the benchmark.
  virtual uint64_t commit_groups() const { return 0; }
  virtual uint64_t committed_jobs() const { return 0; }
  // WAL checkpoints the SQLite writer has run since start, for /metrics.
  virtual uint64_t checkpoints() const { return 0; }
  // Finishes queued writes and closes the sessions; later calls fail with `db_closed`.
  virtual void close() = 0;
};

struct DatabaseOptions {
  size_t max_group = 256;     // SQLite: most jobs committed together
  size_t read_sessions = 8;   // SQLite read pool / PostgreSQL pool size
  size_t pool_max = 32;       // PostgreSQL: most sessions
  int64_t checkpoint_pages = 10000;  // SQLite: WAL pages (4 KiB) between the writer's checkpoints
  // Where failed and recovered writes are reported (a full disk: storage_full); may be null.
  // Writes that fail for lack of space or an I/O error fail with storage_full / storage_failed
  // instead of db_error.
  StorageHealth* health = nullptr;
};

// Opens `url`: "sqlite:PATH" or "postgresql://..." (libpq URI; "postgres://" too).
// Errors: bad_db_url, db_unavailable (with the driver's message, which holds no personal data).
Result<std::unique_ptr<Database>> open_database(const std::string& url, const DatabaseOptions& options = {});

// Rewrites `?` to `$1`, `$2` … outside single-quoted literals.
std::string rewrite_placeholders(const std::string& sql);

}  // namespace jiuzhu::backend
