// AccountStore on SQL, shared by the SQLite and PostgreSQL back ends.
#include "backend/store/account_store.h"
#include "backend/store/sql_support.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

constexpr const char* kUserColumns = "login, role, township, county, department, password_hash, created_at";

std::optional<UserRecord> first_user(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return UserRecord{rows.str(0, 0), role_of(rows.str(0, 1)), rows.str(0, 2), rows.str(0, 3),
                    rows.str(0, 4), rows.str(0, 5), rows.str(0, 6)};
}

class SqlAccountStore final : public AccountStore {
 public:
  explicit SqlAccountStore(Database& db) : db_(db) {}

  Status add_user(const UserRecord& u) override {
    return db_.write([&](Tx& tx) -> Status {
      if (!query(tx, "SELECT 1 FROM users WHERE login = ?", {u.login}).empty()) {
        return make_error("user_exists", "a user with this login already exists", "login");
      }
      exec(tx, std::string("INSERT INTO users (") + kUserColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
           {u.login, to_string(u.role), u.township, u.county, u.department, u.password_hash, u.created_at});
      return Ok{};
    });
  }

  Result<std::optional<UserRecord>> user(const std::string& login) override {
    return read_as<std::optional<UserRecord>>(db_, [&](Tx& tx) {
      // county: a disabled account (staff_store.h) is not found, so it cannot log in.
      return first_user(
          query(tx, std::string("SELECT ") + kUserColumns + " FROM users WHERE login = ? AND active = 1", {login}));
    });
  }

  Status add_session(const std::string& token_hash, const std::string& login, int64_t expires) override {
    return db_.write([&](Tx& tx) -> Status {
      // Expired sessions are of no use to anyone; sweep them as new ones arrive.
      exec(tx, "DELETE FROM sessions WHERE expires_at < ?", {unix_now()});
      exec(tx, "INSERT INTO sessions (token_hash, login, expires_at) VALUES (?, ?, ?)", {token_hash, login, expires});
      return Ok{};
    });
  }

  Result<std::optional<UserRecord>> session_user(const std::string& token_hash, int64_t now_unix) override {
    return read_as<std::optional<UserRecord>>(db_, [&](Tx& tx) {
      return first_user(query(tx,
                               "SELECT u.login, u.role, u.township, u.county, u.department, u.password_hash, u.created_at "
                               "FROM sessions x JOIN users u ON u.login = x.login WHERE x.token_hash = ? AND x.expires_at > ? "
                               "AND u.active = 1",
                               {token_hash, now_unix}));
    });
  }

  Status revoke_session(const std::string& token_hash) override {
    return db_.write([&](Tx& tx) -> Status {
      exec(tx, "DELETE FROM sessions WHERE token_hash = ?", {token_hash});
      return Ok{};
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<AccountStore> make_sql_account_store(Database& db) { return std::make_unique<SqlAccountStore>(db); }

}  // namespace jiuzhu::backend
