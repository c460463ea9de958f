#include "backend/store/pg_statements.h"

#include <Poco/Data/DataException.h>

#include <charconv>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/sql_query.h"

namespace jiuzhu::backend {
namespace {

struct Result {
  PGresult* r;
  ~Result() { PQclear(r); }
};

[[noreturn]] void fail(PGconn* conn, PGresult* r, const std::string& what) {
  std::string message = what + ": ";
  if (r) {
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    message += PQresultErrorMessage(r);
    if (state) message += std::string(" (SQLSTATE ") + state + ")";
  } else {
    message += PQerrorMessage(conn);
  }
  throw Poco::Data::DataException(message);
}

}  // namespace

sql::Rows PgStatements::run(std::string_view sql_text, const sql::Param* params, size_t count) {
  std::string key(sql_text);
  auto it = names_.find(key);
  if (it == names_.end()) {
    const std::string name = "jz" + std::to_string(names_.size());
    Result prepared{PQprepare(conn_, name.c_str(), rewrite_placeholders(key).c_str(), 0, nullptr)};
    if (!prepared.r || PQresultStatus(prepared.r) != PGRES_COMMAND_OK) fail(conn_, prepared.r, "cannot prepare statement");
    it = names_.emplace(std::move(key), name).first;
  }
  std::vector<std::string> text(count);
  std::vector<const char*> values(count);
  for (size_t i = 0; i < count; ++i) {
    const sql::Param& p = params[i];
    switch (p.kind()) {
      case sql::Param::Kind::integer: text[i] = std::to_string(p.integer()); break;
      case sql::Param::Kind::real: {
        char buf[64];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, p.real());
        text[i] = ec == std::errc() ? std::string(buf, end) : std::to_string(p.real());
        break;
      }
      case sql::Param::Kind::text: text[i] = std::string(p.text()); break;
    }
    values[i] = text[i].c_str();
  }
  Result r{PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(count), values.data(), nullptr, nullptr, 0)};
  const auto status = r.r ? PQresultStatus(r.r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(conn_, r.r, "statement failed");
  sql::Rows rows;
  if (status != PGRES_TUPLES_OK) return rows;
  const int n = PQntuples(r.r), columns = PQnfields(r.r);
  rows.set_columns(static_cast<size_t>(columns));
  for (int row = 0; row < n; ++row) {
    for (int c = 0; c < columns; ++c) {
      rows.push(PQgetisnull(r.r, row, c) ? std::string() : std::string(PQgetvalue(r.r, row, c),
                                                                         static_cast<size_t>(PQgetlength(r.r, row, c))));
    }
  }
  return rows;
}

}  // namespace jiuzhu::backend
