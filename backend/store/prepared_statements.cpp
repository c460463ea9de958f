// PreparedStatements (see prepared_statements.h).
#include "backend/store/prepared_statements.h"

#include <Poco/Data/DataException.h>
#include <sqlite3.h>

namespace jiuzhu::backend {

PreparedStatements::~PreparedStatements() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
}

sqlite3_stmt* PreparedStatements::get(std::string_view sql, bool& cached) {
  if (auto it = statements_.find(sql); it != statements_.end()) {
    cached = true;
    return it->second;
  }
  cached = statements_.size() < capacity_;
  sqlite3_stmt* statement = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    cached ? SQLITE_PREPARE_PERSISTENT : 0, &statement, nullptr);
  if (rc != SQLITE_OK || statement == nullptr) {
    if (statement) sqlite3_finalize(statement);
    throw Poco::Data::DataException(std::string("cannot prepare statement: ") + sqlite3_errmsg(db_));
  }
  if (cached) statements_.emplace(std::string(sql), statement);
  return statement;
}

void PreparedStatements::release(sqlite3_stmt* statement, bool cached) {
  if (!cached) {
    sqlite3_finalize(statement);
    return;
  }
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
}

}  // namespace jiuzhu::backend
