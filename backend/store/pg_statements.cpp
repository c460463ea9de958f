#include "backend/store/pg_statements.h"

#include <Poco/Data/DataException.h>

#include <charconv>
#include <exception>
#include <utility>

#include "backend/store/database.h"
#include "backend/store/sql_query.h"

namespace jiuzhu::backend {
namespace {

// At most this many statements are sent before their results are read: the results wait in the
// socket buffers meanwhile, and a full buffer on both sides would block the writer for good.
constexpr size_t kMaxSent = 64;

struct Result {
  PGresult* r;
  ~Result() { PQclear(r); }
};

std::string error_text(PGconn* conn, PGresult* r) {
  std::string message;
  if (r) {
    const char* state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
    message += PQresultErrorMessage(r);
    if (state) message += std::string(" (SQLSTATE ") + state + ")";
  } else {
    message += PQerrorMessage(conn);
  }
  return message;
}

[[noreturn]] void fail(PGconn* conn, PGresult* r, const std::string& what) {
  throw Poco::Data::DataException(what + ": " + error_text(conn, r));
}

// The parameters as the text libpq sends.
struct Texts {
  std::vector<std::string> text;
  std::vector<const char*> values;
  Texts(const sql::Param* params, size_t count) : text(count), values(count) {
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
  }
};

sql::Rows rows_of(PGresult* r) {
  sql::Rows rows;
  if (PQresultStatus(r) != PGRES_TUPLES_OK) return rows;
  const int n = PQntuples(r), columns = PQnfields(r);
  rows.set_columns(static_cast<size_t>(columns));
  for (int row = 0; row < n; ++row) {
    for (int c = 0; c < columns; ++c) {
      rows.push(PQgetisnull(r, row, c) ? std::string()
                                       : std::string(PQgetvalue(r, row, c), static_cast<size_t>(PQgetlength(r, row, c))));
    }
  }
  return rows;
}

}  // namespace

const std::string& PgStatements::prepared(std::string_view sql_text) {
  std::string key(sql_text);
  auto it = names_.find(key);
  if (it != names_.end()) return it->second;
  flush_sent();  // PQprepare waits for its answer, which pipeline mode does not allow
  const std::string name = "jz" + std::to_string(names_.size());
  Result prepared{PQprepare(conn_, name.c_str(), rewrite_placeholders(key).c_str(), 0, nullptr)};
  if (!prepared.r || PQresultStatus(prepared.r) != PGRES_COMMAND_OK) fail(conn_, prepared.r, "cannot prepare statement");
  return names_.emplace(std::move(key), name).first->second;
}

sql::Rows PgStatements::run(std::string_view sql_text, const sql::Param* params, size_t count) {
  flush_sent();
  const std::string& name = prepared(sql_text);
  const Texts texts(params, count);
  Result r{PQexecPrepared(conn_, name.c_str(), static_cast<int>(count), texts.values.data(), nullptr, nullptr, 0)};
  const auto status = r.r ? PQresultStatus(r.r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(conn_, r.r, "statement failed");
  return rows_of(r.r);
}

void PgStatements::send(std::string_view sql_text, const sql::Param* params, size_t count, RowsHandler handler) {
  if (!allowed_) throw Poco::Data::DataException("PgStatements::send outside a pipelined group");
  const std::string& name = prepared(sql_text);
  if (!in_pipeline_) {
    if (PQenterPipelineMode(conn_) != 1) fail(conn_, nullptr, "cannot enter pipeline mode");
    in_pipeline_ = true;
  }
  const Texts texts(params, count);
  if (PQsendQueryPrepared(conn_, name.c_str(), static_cast<int>(count), texts.values.data(), nullptr, nullptr, 0) != 1) {
    const std::string message = error_text(conn_, nullptr);
    drain(false);
    throw Poco::Data::DataException("cannot send statement: " + message);
  }
  sent_.push_back(Sent{std::move(handler), job_});
  if (sent_.size() >= kMaxSent) flush_sent();
}

void PgStatements::flush_sent() { drain(true); }

std::vector<size_t> PgStatements::settle() {
  drain(true);
  return std::exchange(again_, {});
}

void PgStatements::abandon() noexcept {
  try {
    drain(false);
  } catch (...) {
  }
  again_.clear();
}

void PgStatements::drain(bool call_handlers) {
  if (sent_.empty()) {
    if (in_pipeline_ && PQexitPipelineMode(conn_) == 1) in_pipeline_ = false;
    return;
  }
  std::vector<Sent> sent = std::exchange(sent_, {});
  std::string error;
  std::exception_ptr thrown;
  if (PQpipelineSync(conn_) != 1) error = "cannot sync the pipeline: " + error_text(conn_, nullptr);
  bool aligned = error.empty();
  for (size_t i = 0; aligned && i < sent.size(); ++i) {
    Result r{PQgetResult(conn_)};
    if (!r.r) {  // the connection broke: the rest will not come
      if (error.empty()) error = "lost the pipeline's results: " + error_text(conn_, nullptr);
      aligned = false;
      break;
    }
    const auto status = PQresultStatus(r.r);
    if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
      if (call_handlers && sent[i].handler && !thrown && error.empty()) {
        try {
          if (!sent[i].handler(rows_of(r.r))) again_.push_back(sent[i].job);
        } catch (...) {
          thrown = std::current_exception();
        }
      }
    } else if (status != PGRES_PIPELINE_ABORTED && error.empty()) {
      error = "statement failed: " + error_text(conn_, r.r);
    }
    while (PGresult* end = PQgetResult(conn_)) PQclear(end);  // the NULL after each statement's results
  }
  if (aligned) {
    Result sync{PQgetResult(conn_)};
    if ((!sync.r || PQresultStatus(sync.r) != PGRES_PIPELINE_SYNC) && error.empty())
      error = "pipeline out of step: " + error_text(conn_, sync.r);
  }
  if (PQexitPipelineMode(conn_) == 1) in_pipeline_ = false;
  else if (error.empty()) error = "cannot leave pipeline mode: " + error_text(conn_, nullptr);
  if (!call_handlers) return;
  if (!error.empty()) throw Poco::Data::DataException(error);
  if (thrown) std::rethrow_exception(thrown);
}

}  // namespace jiuzhu::backend
