// StaffStore: the staff accounts of one county as its administrator manages them (the console's 账号与自助机,
// docs/console.md): list, disable / enable, and a new password. Accounts are created through
// Repository::add_user (the same path as `jiuzhu-server user add`).
//
// An account belongs to a county through its `county` column (hall staff and caseworkers carry
// their township's county; a department account may have none and is then not listed). A
// disabled account (users.active = 0) cannot log in and its sessions are deleted; the
// repository's user and session lookups read only active accounts. Every change appends its
// audit entry in the same transaction, its
// township set to the account's township (or the county for a county-level account).
//
// Thread-safety: all methods may be called concurrently (each is one transaction on the
// thread-safe Database).
#pragma once

#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/model/role.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct StaffAccount {
  std::string login;
  model::Role role = model::Role::none;  // a staff role; stored as its name (sql_support converts)
  std::string township, county, department, created_at;
  bool active = true;
};

class StaffStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit StaffStore(Database& db) : db_(db) {}

  // The accounts of `county`, by login.
  Result<std::vector<StaffAccount>> list(const std::string& county);

  // Switches `login` of `county` off or on; switching off also ends its sessions. Errors:
  // not_found (no such account in the county — including accounts of other counties).
  Status set_active(const std::string& county, const std::string& login, bool active, const AuditEntry& audit);

  // Replaces the password hash of `login` of `county` and ends its sessions. Errors: not_found.
  Status set_password(const std::string& county, const std::string& login, const std::string& password_hash,
                      const AuditEntry& audit);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
