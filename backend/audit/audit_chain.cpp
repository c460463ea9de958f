#include "backend/audit/audit_chain.h"

#include "backend/util/crypto.h"

namespace jiuzhu::backend {

const std::string& audit_genesis_hash() {
  static const std::string zero(64, '0');
  return zero;
}

std::string audit_row_hash(const std::string& prev_hash, int64_t seq, const std::string& at, const AuditEntry& e) {
  std::string buf;
  auto add = [&](const std::string& field) {
    buf += std::to_string(field.size());
    buf += ':';
    buf += field;
    buf += '\n';
  };
  add(prev_hash);
  add(std::to_string(seq));
  add(at);
  add(e.actor);
  add(e.role);
  add(e.action);
  add(e.record_type);
  add(e.record_id);
  add(e.township);
  add(e.detail);
  return sha256_hex(buf);
}

bool AuditChainWalker::add(const AuditRow& row) {
  if (!result_.ok) return false;
  ++result_.rows;
  if (row.seq != expected_ || row.prev_hash != prev_ ||
      audit_row_hash(row.prev_hash, row.seq, row.at, row.entry) != row.hash) {
    result_.ok = false;
    result_.first_bad_seq = row.seq;
    return false;
  }
  prev_ = row.hash;
  ++expected_;
  return true;
}

AuditVerification verify_audit_chain(const std::vector<AuditRow>& rows) {
  AuditChainWalker walker;
  for (const auto& row : rows) {
    if (!walker.add(row)) break;
  }
  return walker.result();
}

}  // namespace jiuzhu::backend
