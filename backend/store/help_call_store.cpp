// The HelpCallStore on the shared SQL helpers, for SQLite and PostgreSQL alike.
#include "backend/store/help_call_store.h"

#include "backend/store/sql_support.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

constexpr const char* kColumns =
    "SELECT id, client_id, kiosk_id, township, county, screen, requested_at, received_at, status, "
    "answered_at, "
    "answered_by FROM help_calls WHERE 1 = 1";

HelpCall call_row(const Rows& rows, size_t r) {
  HelpCall c;
  c.id = rows.i64(r, 0);
  c.client_id = rows.str(r, 1);
  c.kiosk_id = rows.str(r, 2);
  c.township = rows.str(r, 3);
  c.county = rows.str(r, 4);
  c.screen = rows.str(r, 5);
  c.requested_at = rows.str(r, 6);
  c.received_at = rows.str(r, 7);
  c.status = rows.str(r, 8);
  c.answered_at = rows.str(r, 9);
  c.answered_by = rows.str(r, 10);
  return c;
}

std::optional<HelpCall> load(Tx& tx, const std::string& where, std::vector<Param> params) {
  auto rows = query(tx, std::string(kColumns) + where, params);
  if (rows.empty()) return std::nullopt;
  return call_row(rows, 0);
}

class SqlHelpCallStore final : public HelpCallStore {
 public:
  explicit SqlHelpCallStore(Database& db) : db_(db) {}

  Result<RecordedHelpCall> record(const HelpCall& call) override {
    return write_as<RecordedHelpCall>(db_, [&](Tx& tx) -> Result<RecordedHelpCall> {
      RecordedHelpCall out;
      // ON CONFLICT DO NOTHING: two racing retries of one call insert one row (both back ends).
      auto inserted =
          query(tx,
                "INSERT INTO help_calls (client_id, kiosk_id, township, county, screen, requested_at, "
                "received_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'open') "
                "ON CONFLICT (client_id) DO NOTHING RETURNING id",
                {call.client_id, call.kiosk_id, call.township, call.county, call.screen, call.requested_at,
                 call.received_at});
      out.created = !inserted.empty();
      auto stored = load(tx, " AND client_id = ?", {call.client_id});
      if (!stored) return make_error("db_error", "a recorded help call could not be read back");
      out.call = *stored;
      return out;
    });
  }

  Result<std::vector<HelpCall>> list(const Scope& scope, const std::string& status, int limit) override {
    return read_as<std::vector<HelpCall>>(db_, [&](Tx& tx) {
      std::string sql = kColumns;
      std::vector<Param> params;
      scope_params(sql, params, scope);
      if (!status.empty()) {
        sql += " AND status = ?";
        params.emplace_back(status);
      }
      sql += " ORDER BY id LIMIT ?";
      params.emplace_back(limit);
      return all_rows(query(tx, sql, params), call_row);
    });
  }

  Result<HelpCall> answer(int64_t id, const Scope& scope, const std::string& actor, const std::string& at,
                          const AuditEntry& audit) override {
    return write_as<HelpCall>(db_, [&](Tx& tx) -> Result<HelpCall> {
      std::string where = " AND id = ?";
      std::vector<Param> params = {static_cast<long long>(id)};
      scope_params(where, params, scope);
      auto current = load(tx, where, params);
      if (!current) return make_error("not_found", "no such help call");
      if (current->status != "answered") {
        exec(tx, "UPDATE help_calls SET status = 'answered', answered_at = ?, answered_by = ? WHERE id = ?",
             {at, actor, static_cast<long long>(id)});
        append_audit_tx(tx, audit);
        current = load(tx, " AND id = ?", {static_cast<long long>(id)});
      }
      return *current;
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<HelpCallStore> make_sql_help_call_store(Database& db) {
  return std::make_unique<SqlHelpCallStore>(db);
}

}  // namespace jiuzhu::backend
