// PgStatements: the PostgreSQL writer's SQL, each statement prepared once on the writer's
// connection (libpq PQprepare) and then run with one round trip (PQexecPrepared). Through Poco
// every statement was prepared and executed anew, two round trips each; a submission runs about
// five statements, and the writer runs them one job after another, so the round trips were its
// whole cost. The SQLite counterpart is prepared_statements.h.
//
// Pipelining (hardening, issue 18): while the writer runs a group, a job may send() a statement
// whose rows it does not need before it returns (a new application's insert, store/pg_submit.h).
// Sent statements go out in libpq's pipeline mode without waiting for each other; their results
// are read, and their handlers called in order, by settle() — one round trip for all of them.
// Anything else on the connection settles first: run(), and Tx::session() (every Poco statement
// of a job goes through it), so a job that reads or writes synchronously sees every earlier
// statement of the group done, as without pipelining. The committer settles before COMMIT.
//
// Results come back as text, as sql::Rows holds them (NULL as ""); parameters are sent as text.
// Errors throw Poco::Data::DataException with the server's message and SQLSTATE.
//
// Thread-safety: one per connection, used by the writer thread only.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jiuzhu::backend {

namespace sql {
class Param;
class Rows;
}  // namespace sql

class PgStatements {
 public:
  // Called with a sent statement's rows when it has run; returns false when the job that sent it
  // must run again alone, not pipelined (it wrote nothing and needs a synchronous path).
  // A handler may throw: the group then fails as if the statement had.
  using RowsHandler = std::function<bool(const sql::Rows&)>;

  // `conn` may be gone when this is destroyed (after a reconnect): the destructor does not touch it.
  explicit PgStatements(PGconn* conn) : conn_(conn) {}
  PgStatements(const PgStatements&) = delete;
  PgStatements& operator=(const PgStatements&) = delete;

  // Runs `sql` (with `?` placeholders) with `params` (after settling what was sent).
  sql::Rows run(std::string_view sql, const sql::Param* params, size_t count);

  // The committer allows send() for the jobs of a group (inside its open transaction) and tags
  // each job's sends with the job's index in the group.
  void allow_pipeline(bool allowed) { allowed_ = allowed; }
  void set_job(size_t index) { job_ = index; }
  bool pipelining_allowed() const { return allowed_; }
  // Sends `sql` with `params` (copied) without waiting for it; `handler` gets its rows at
  // settle(). Only while allowed.
  void send(std::string_view sql, const sql::Param* params, size_t count, RowsHandler handler);
  // Reads the results of everything sent and calls the handlers in order; returns the jobs
  // (their indexes) whose handler asked to run again. Throws (DataException) when a sent
  // statement failed — every later one was then skipped by the server and the transaction is
  // aborted — or a handler threw; the connection is out of pipeline mode either way.
  std::vector<size_t> settle();
  // Reads the results of everything sent, as settle() does, keeping the jobs to run again for
  // the next settle(): before any statement that waits for its answer.
  void flush_sent();
  // Like settle(), without calling the handlers or throwing: for a group being rolled back.
  void abandon() noexcept;

 private:
  const std::string& prepared(std::string_view sql);
  void drain(bool call_handlers);
  struct Sent {
    RowsHandler handler;  // empty for statements without one
    size_t job;
  };
  PGconn* conn_;
  std::unordered_map<std::string, std::string> names_;  // SQL → prepared statement name
  bool allowed_ = false;
  size_t job_ = 0;
  bool in_pipeline_ = false;  // the connection is in libpq's pipeline mode
  std::vector<Sent> sent_;    // sent, results not read yet
  std::vector<size_t> again_;  // jobs whose handler asked to run again, since the last settle()
};

}  // namespace jiuzhu::backend
