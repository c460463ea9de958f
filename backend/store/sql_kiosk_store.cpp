// KioskStore on SQL, shared by the SQLite and PostgreSQL back ends.
#include "backend/store/kiosk_store.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

KioskRecord kiosk_row(const Rows& rows, size_t r) { return KioskRecord{rows.str(r, 0), rows.str(r, 1), rows.str(r, 2)}; }

class SqlKioskStore final : public KioskStore {
 public:
  explicit SqlKioskStore(Database& db) : db_(db) {}

  Status add_kiosk(const KioskRecord& k, const std::string& token_hash) override {
    return db_.write([&](Tx& tx) -> Status {
      if (!query(tx, "SELECT 1 FROM kiosks WHERE kiosk_id = ?", {k.kiosk_id}).empty()) {
        return make_error("kiosk_exists", "a kiosk with this id is already registered", "id");
      }
      exec(tx, "INSERT INTO kiosks (kiosk_id, township, token_hash, created_at) VALUES (?, ?, ?, ?)",
           {k.kiosk_id, k.township, token_hash, k.created_at});
      return Ok{};
    });
  }

  Result<std::optional<KioskRecord>> kiosk_by_token(const std::string& token_hash) override {
    return read_as<std::optional<KioskRecord>>(db_, [&](Tx& tx) -> std::optional<KioskRecord> {
      const Rows rows =
          query(tx, "SELECT kiosk_id, township, created_at FROM kiosks WHERE token_hash = ? AND active = 1", {token_hash});
      if (rows.empty()) return std::nullopt;
      return kiosk_row(rows, 0);
    });
  }

  Result<std::vector<KioskRecord>> kiosks(const Scope& scope) override {
    return read_as<std::vector<KioskRecord>>(db_, [&](Tx& tx) {
      std::string sql = "SELECT kiosk_id, township, created_at FROM kiosks WHERE 1 = 1";
      std::vector<Param> params;
      township_scope(sql, params, scope);
      return all_rows(query(tx, sql + " ORDER BY kiosk_id", params), kiosk_row);
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<KioskStore> make_sql_kiosk_store(Database& db) { return std::make_unique<SqlKioskStore>(db); }

}  // namespace jiuzhu::backend
