// PreparedStatements: the compiled statements of one SQLite connection, kept between jobs.
//
// Why: Poco::Data (1.11) compiles every statement again each time it runs, and on the
// submission path sqlite3_prepare was a third of the server's CPU time (callgrind, see
// docs/operations.md). A connection keeps each distinct SQL text compiled here and only resets
// and rebinds it on the next use. The cache is bounded: SQL built with varying literals (LIMIT n)
// beyond the bound is compiled for the one run and finalized.
//
// Thread-safety: none; one instance belongs to one connection, which one thread uses at a time
// (the writer thread, or whoever holds a pooled read session). Destroy it before the connection.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace jiuzhu::backend {

class PreparedStatements {
 public:
  explicit PreparedStatements(sqlite3* db, size_t capacity = 128) : db_(db), capacity_(capacity) {}
  ~PreparedStatements();
  PreparedStatements(const PreparedStatements&) = delete;
  PreparedStatements& operator=(const PreparedStatements&) = delete;

  sqlite3* db() const { return db_; }

  // A statement for `sql`, reset with its bindings cleared, ready to bind and step. `cached`
  // tells the caller whether it must finalize the statement itself (cache full). Throws
  // Poco::Data::DataException with SQLite's message when the SQL does not compile.
  sqlite3_stmt* get(std::string_view sql, bool& cached);
  // Returns a statement from get() after use: resets it (ending its read of the database) or
  // finalizes it when it was not cached.
  void release(sqlite3_stmt* statement, bool cached);

 private:
  sqlite3* db_;
  size_t capacity_;
  // Looked up by string_view: a lookup must not copy the SQL text into a new string each time.
  struct SqlHash {
    using is_transparent = void;
    size_t operator()(std::string_view sql) const { return std::hash<std::string_view>{}(sql); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, SqlHash, std::equal_to<>> statements_;
};

}  // namespace jiuzhu::backend
