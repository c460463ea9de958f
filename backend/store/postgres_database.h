// The PostgreSQL back end of Database (see store/database.h for the contract): a Poco session
// pool; each write job is one transaction.
#pragma once

#include <memory>
#include <string>

#include "backend/store/database.h"

namespace jiuzhu::backend {

// `url` is a libpq connection URI (postgresql://user@host:port/db?options=...).
Result<std::unique_ptr<Database>> open_postgres_database(const std::string& url, const DatabaseOptions& options);

}  // namespace jiuzhu::backend

namespace jiuzhu::backend {
// The libpq keyword form ("host='…' port='…' …") of a postgresql:// URI, which is what Poco's
// connector accepts. Errors: bad_db_url.
Result<std::string> postgres_keywords(const std::string& url);
}  // namespace jiuzhu::backend
