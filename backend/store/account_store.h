// AccountStore: staff accounts and their login sessions, as authentication needs them (the
// county administrator's list / disable / password is store/staff_store.h).
//
// Only active accounts are found: a disabled account (users.active = 0) cannot log in and its
// sessions no longer authenticate. Sessions are stored by the hash of their token only.
// One implementation (store/sql_account_store.cpp) runs the same SQL on SQLite and PostgreSQL;
// each method is one transaction. Errors: user_exists, db_error, db_closed.
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "backend/store/database.h"
#include "core/model/role.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct UserRecord {
  std::string login;
  model::Role role = model::Role::none;  // a staff role; stored as its name (sql_support converts)
  std::string township, county, department, password_hash, created_at;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

  // Creates an account; a login that exists → user_exists.
  virtual Status add_user(const UserRecord& user) = 0;
  // The active account `login`, or nullopt.
  virtual Result<std::optional<UserRecord>> user(const std::string& login) = 0;
  // Stores a session of `login` until `expires_unix`; sweeps expired sessions on the way.
  virtual Status add_session(const std::string& token_hash, const std::string& login, int64_t expires_unix) = 0;
  // The active user of a live session (expired ones are not found).
  virtual Result<std::optional<UserRecord>> session_user(const std::string& token_hash, int64_t now_unix) = 0;
  // console: ends the session whose token hashes to `token_hash` before its expiry (POST
  // /api/v1/auth/logout); an unknown or already ended session is nothing to do.
  virtual Status revoke_session(const std::string& token_hash) = 0;
};

// An account store over `db`, which must outlive it and be migrated (store/migrations.h).
std::unique_ptr<AccountStore> make_sql_account_store(Database& db);

}  // namespace jiuzhu::backend
