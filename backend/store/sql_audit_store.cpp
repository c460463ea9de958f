// AuditStore on SQL, shared by the SQLite and PostgreSQL back ends.
#include "backend/audit/audit_chain.h"
#include "backend/store/audit_store.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

constexpr const char* kAuditColumns =
    "seq, at, actor, role, action, record_type, record_id, township, detail, prev_hash, hash";

class SqlAuditStore final : public AuditStore {
 public:
  explicit SqlAuditStore(Database& db) : db_(db) {}

  Status append_audit(const AuditEntry& entry) override {
    return db_.write([&](Tx& tx) -> Status {
      append_audit_tx(tx, entry);
      return Ok{};
    });
  }

  Result<std::vector<AuditRow>> audit(const Scope& scope, int64_t after_seq, int limit) override {
    return read_as<std::vector<AuditRow>>(db_, [&](Tx& tx) {
      std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE seq > ?";
      std::vector<Param> params{after_seq};
      township_scope(sql, params, scope);
      sql += " ORDER BY seq LIMIT " + std::to_string(limit);
      return all_rows(query(tx, sql, params), audit_row);
    });
  }

  Result<AuditVerification> verify_audit() override {
    // A page at a time: a county's audit of years need not fit in memory.
    AuditChainWalker walker;
    int64_t after = 0;
    for (;;) {
      auto page = audit(Scope{}, after, 5000);
      if (!page) return page.error();
      if (page->empty()) break;
      after = page->back().seq;
      for (const auto& row : *page) {
        if (!walker.add(row)) return walker.result();
      }
    }
    return walker.result();
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<AuditStore> make_sql_audit_store(Database& db) { return std::make_unique<SqlAuditStore>(db); }

}  // namespace jiuzhu::backend
