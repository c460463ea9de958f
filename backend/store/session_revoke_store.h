// console: ending a staff session before its expiry (POST /api/v1/auth/logout). The sessions
// table keeps only SHA-256 hashes of tokens (auth/authenticator.h); one SQL for both back ends.
//
// Thread-safety: a free function over the thread-safe Database.
#pragma once

#include <string>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

// Deletes the session whose token hashes to `token_hash` (none: nothing to do). Errors: db_error,
// db_closed.
Status revoke_session(Database& db, const std::string& token_hash);

}  // namespace jiuzhu::backend
