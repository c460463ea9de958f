// sql::query on SQLite's cached prepared statements or on Poco::Data (see sql_query.h).
#include "backend/store/sql_query.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>
#include <sqlite3.h>

#include <charconv>
#include <cstdlib>

#include "backend/store/pg_statements.h"
#include "backend/store/prepared_statements.h"

namespace jiuzhu::backend::sql {
namespace {

Rows query_sqlite(PreparedStatements& prepared, std::string_view sql, const Param* params, size_t count) {
  bool cached = false;
  sqlite3_stmt* st = prepared.get(sql, cached);
  struct Release {
    PreparedStatements& prepared;
    sqlite3_stmt* st;
    bool cached;
    ~Release() { prepared.release(st, cached); }
  } release{prepared, st, cached};
  auto fail = [&](const char* what) {
    throw Poco::Data::DataException(std::string(what) + ": " + sqlite3_errmsg(prepared.db()));
  };
  if (sqlite3_bind_parameter_count(st) != static_cast<int>(count)) {
    throw Poco::Data::DataException("statement expects " + std::to_string(sqlite3_bind_parameter_count(st)) +
                                    " parameters, got " + std::to_string(count));
  }
  for (size_t i = 0; i < count; ++i) {
    const int at = static_cast<int>(i) + 1;
    const Param& p = params[i];
    int rc = SQLITE_OK;
    switch (p.kind()) {
      case Param::Kind::integer: rc = sqlite3_bind_int64(st, at, p.integer()); break;
      case Param::Kind::real: rc = sqlite3_bind_double(st, at, p.real()); break;
      case Param::Kind::text:
        rc = sqlite3_bind_text(st, at, p.text().data(), static_cast<int>(p.text().size()), SQLITE_STATIC);
        break;
    }
    if (rc != SQLITE_OK) fail("cannot bind parameter");
  }
  Rows rows;
  const int columns = sqlite3_column_count(st);
  rows.set_columns(static_cast<size_t>(columns));
  for (;;) {
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) fail("statement failed");
    for (int c = 0; c < columns; ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
      rows.push(text ? std::string(text, static_cast<size_t>(sqlite3_column_bytes(st, c))) : std::string());
    }
  }
  return rows;
}

Rows query_poco(Tx& tx, std::string_view sql, const Param* params, size_t count) {
  using Poco::Data::Keywords::bind;
  Poco::Data::Statement st(tx.session());
  st << tx.q(std::string(sql));
  for (size_t i = 0; i < count; ++i) {
    const Param& p = params[i];
    switch (p.kind()) {
      case Param::Kind::integer: st, bind(static_cast<Poco::Int64>(p.integer())); break;
      case Param::Kind::real: st, bind(p.real()); break;
      case Param::Kind::text: st, bind(std::string(p.text())); break;
    }
  }
  st.execute();
  Rows rows;
  if (st.columnsExtracted() == 0) return rows;
  Poco::Data::RecordSet rs(st);
  rows.set_columns(rs.columnCount());
  for (size_t r = 0; r < rs.rowCount(); ++r) {
    for (size_t c = 0; c < rs.columnCount(); ++c) {
      const auto& v = rs.value(c, r);
      rows.push(v.isEmpty() ? std::string() : v.convert<std::string>());
    }
  }
  return rows;
}

Rows run(Tx& tx, std::string_view sql, const Param* params, size_t count) {
  if (auto* prepared = tx.prepared()) return query_sqlite(*prepared, sql, params, count);
  if (auto* pg = tx.pg_statements()) return pg->run(sql, params, count);
  return query_poco(tx, sql, params, count);
}

}  // namespace

int64_t Rows::i64(size_t row, size_t col) const {
  const std::string& s = str(row, col);
  int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

double Rows::dbl(size_t row, size_t col) const {
  const std::string& s = str(row, col);
  return s.empty() ? 0.0 : std::strtod(s.c_str(), nullptr);
}

Rows query(Tx& tx, std::string_view sql, std::initializer_list<Param> params) {
  return run(tx, sql, params.begin(), params.size());
}

Rows query(Tx& tx, std::string_view sql, const std::vector<Param>& params) {
  return run(tx, sql, params.data(), params.size());
}

void exec(Tx& tx, std::string_view sql, std::initializer_list<Param> params) {
  (void)run(tx, sql, params.begin(), params.size());
}

}  // namespace jiuzhu::backend::sql
