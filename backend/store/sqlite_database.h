// The embedded SQLite back end of Database (see store/database.h for the contract): WAL,
// synchronous=FULL, one writer thread with group commit, a pool of read sessions.
#pragma once

#include <memory>
#include <string>

#include "backend/store/database.h"

namespace jiuzhu::backend {

// Opens (creating if needed) the database file at `path`; its directory must exist.
Result<std::unique_ptr<Database>> open_sqlite_database(const std::string& path, const DatabaseOptions& options);

}  // namespace jiuzhu::backend
