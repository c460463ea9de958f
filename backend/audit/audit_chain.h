// The audit log's hash chain: each row's hash covers the previous row's hash and every field of
// the row, so editing, deleting or reordering any row breaks the chain from that row on.
// (The database also refuses UPDATE and DELETE on the table; the chain catches what a person
// with direct file or superuser access could still do.)
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "backend/store/audit_store.h"

namespace jiuzhu::backend {

// The prev_hash of the first row.
const std::string& audit_genesis_hash();

// SHA-256 (hex) over prev_hash and the row's fields, each length-prefixed so no two different
// rows can encode to the same bytes.
std::string audit_row_hash(const std::string& prev_hash, int64_t seq, const std::string& at, const AuditEntry& e);

// Checks rows given in seq order from the first: seq 1, 2, 3 …, each prev_hash equal to the
// previous row's hash, each hash recomputed. Reports the first row that does not fit.
AuditVerification verify_audit_chain(const std::vector<AuditRow>& rows);

// The same check for rows handed over a page at a time, so that a long chain (years of a
// county's audit) is never held in memory at once. One walker per walk; not thread-safe.
class AuditChainWalker {
 public:
  // Checks the next row; false once a row did not fit (then result() names the first such row
  // and later rows are ignored).
  bool add(const AuditRow& row);
  const AuditVerification& result() const { return result_; }

 private:
  AuditVerification result_;
  std::string prev_ = audit_genesis_hash();
  int64_t expected_ = 1;
};

}  // namespace jiuzhu::backend
