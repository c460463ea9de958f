// PgStatements: the PostgreSQL writer's SQL, each statement prepared once on the writer's
// connection (libpq PQprepare) and then run with one round trip (PQexecPrepared). Through Poco
// every statement was prepared and executed anew, two round trips each; a submission runs about
// five statements, and the writer runs them one job after another, so the round trips were its
// whole cost. The SQLite counterpart is prepared_statements.h.
//
// Results come back as text, as sql::Rows holds them (NULL as ""); parameters are sent as text.
// Errors throw Poco::Data::DataException with the server's message and SQLSTATE.
//
// Thread-safety: one per connection, used by the writer thread only.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>
#include <unordered_map>

namespace jiuzhu::backend {

namespace sql {
class Param;
class Rows;
}  // namespace sql

class PgStatements {
 public:
  explicit PgStatements(PGconn* conn) : conn_(conn) {}
  // Runs `sql` (with `?` placeholders) with `params`.
  sql::Rows run(std::string_view sql, const sql::Param* params, size_t count);

 private:
  PGconn* conn_;
  std::unordered_map<std::string, std::string> names_;  // SQL → prepared statement name
};

}  // namespace jiuzhu::backend
