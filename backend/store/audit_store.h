// AuditStore: the hash-chained audit log (个人信息保护法: every staff read and every write that
// touches a person's record leaves an entry). Stores that write a person's record append their
// entry inside their own transaction (sql::append_audit_tx); this interface is for entries that
// stand alone (a read, a login) and for reading and verifying the chain.
//
// One implementation (store/sql_audit_store.cpp) runs the same SQL on SQLite and PostgreSQL.
// Errors are Result values with stable codes: db_error, db_closed.
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/scope.h"
#include "core/result.h"

namespace jiuzhu::backend {

// What one audited action records. seq, at and the hashes are filled in by the store.
struct AuditEntry {
  std::string actor, role, action, record_type, record_id, township, detail;
};

struct AuditRow {
  int64_t seq = 0;
  std::string at;
  AuditEntry entry;
  std::string prev_hash, hash;
};

struct AuditVerification {
  bool ok = true;
  int64_t rows = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;

  // Appends `entry` after the chain's last row; durable when it returns ok.
  virtual Status append_audit(const AuditEntry& entry) = 0;
  // Up to `limit` rows of the scope (by the entry's township) with seq > after_seq, in seq order.
  virtual Result<std::vector<AuditRow>> audit(const Scope& scope, int64_t after_seq, int limit) = 0;
  // Walks the whole chain a page at a time; the first row whose hash does not follow is reported.
  virtual Result<AuditVerification> verify_audit() = 0;
};

// An audit store over `db`, which must outlive it and be migrated (store/migrations.h).
std::unique_ptr<AuditStore> make_sql_audit_store(Database& db);

}  // namespace jiuzhu::backend
