// open_database and the dialect helpers shared by both back ends.
#include "backend/store/database.h"

#include "backend/store/postgres_database.h"
#include "backend/store/sqlite_database.h"

namespace jiuzhu::backend {

std::string rewrite_placeholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  bool in_literal = false;
  int n = 0;
  for (char c : sql) {
    if (c == '\'') in_literal = !in_literal;
    if (c == '?' && !in_literal) {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::string Tx::q(const std::string& sql) const {
  return backend_ == Backend::postgresql ? rewrite_placeholders(sql) : sql;
}

Result<std::unique_ptr<Database>> open_database(const std::string& url, const DatabaseOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.empty()) return make_error("bad_db_url", "sqlite: URL needs a file path", "db");
    return open_sqlite_database(path, options);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return open_postgres_database(url, options);
  }
  return make_error("bad_db_url", "database URL must start with sqlite: or postgresql://", "db");
}

}  // namespace jiuzhu::backend
