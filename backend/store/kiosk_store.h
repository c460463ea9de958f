// KioskStore: the registered kiosks and their bearer-token hashes (the enrolment exchange and
// disabling a kiosk are store/enrolment_store.h).
//
// One implementation (store/sql_kiosk_store.cpp) runs the same SQL on SQLite and PostgreSQL;
// each method is one transaction. Errors: kiosk_exists, db_error, db_closed.
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/scope.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct KioskRecord {
  std::string kiosk_id, township, created_at;
};

class KioskStore {
 public:
  virtual ~KioskStore() = default;

  // Registers a kiosk with the hash of its token; an id registered before → kiosk_exists.
  virtual Status add_kiosk(const KioskRecord& kiosk, const std::string& token_hash) = 0;
  // The active kiosk whose token hashes to `token_hash` (a disabled one is not found).
  virtual Result<std::optional<KioskRecord>> kiosk_by_token(const std::string& token_hash) = 0;
  // The kiosks of the scope (by township), by id.
  virtual Result<std::vector<KioskRecord>> kiosks(const Scope& scope) = 0;
};

// A kiosk store over `db`, which must outlive it and be migrated (store/migrations.h).
std::unique_ptr<KioskStore> make_sql_kiosk_store(Database& db);

}  // namespace jiuzhu::backend
