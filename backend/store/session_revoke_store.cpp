// store/session_revoke_store.h
#include "backend/store/session_revoke_store.h"

#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

Status revoke_session(Database& db, const std::string& token_hash) {
  return db.write([&](Tx& tx) -> Status {
    sql::exec(tx, "DELETE FROM sessions WHERE token_hash = ?", {token_hash});
    return Ok{};
  });
}

}  // namespace jiuzhu::backend
