// CaseStore on SQL, shared by the SQLite and PostgreSQL back ends.
#include "backend/store/case_store.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

class SqlCaseStore final : public CaseStore {
 public:
  explicit SqlCaseStore(Database& db) : db_(db) {}

  Result<std::vector<CaseEvent>> events(const std::string& no) override {
    return read_as<std::vector<CaseEvent>>(db_, [&](Tx& tx) {
      return all_rows(
          query(tx, "SELECT at, actor, from_status, to_status, note FROM case_events WHERE application_no = ? ORDER BY id", {no}),
          [](const Rows& rows, size_t r) {
            return CaseEvent{rows.str(r, 0), rows.str(r, 1), optional_case_state_of(rows.str(r, 2)),
                             case_state_of(rows.str(r, 3)), rows.str(r, 4)};
          });
    });
  }

  Result<ApplicationRecord> transition(const std::string& no, const Scope& scope, CaseState to,
                                       const std::string& note, const std::string& at, const TransitionCheck& check,
                                       const AuditEntry& audit) override {
    return write_as<ApplicationRecord>(db_, [&](Tx& tx) -> Result<ApplicationRecord> {
      auto current = load_app(tx, no, scope, true);
      if (!current) return make_error("not_found", "no such case");
      if (auto ok = check(*current); !ok) return ok.error();
      exec(tx, "UPDATE applications SET status = ?, updated_at = ? WHERE application_no = ?", {to_string(to), at, no});
      exec(tx, "INSERT INTO case_events (application_no, at, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)",
           {no, at, audit.actor, to_string(current->status), to_string(to), note});
      AuditEntry e = audit;
      e.township = current->township;
      append_audit_tx(tx, e);
      ApplicationRecord out = *current;
      out.status = to;
      out.updated_at = at;
      return out;
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<CaseStore> make_sql_case_store(Database& db) { return std::make_unique<SqlCaseStore>(db); }

}  // namespace jiuzhu::backend
