// HallStore: the township's service hall (乡镇社会救助窗口) as its county administrator entered it: the name,
// address and phone number printed on receipts and forms (docs/console.md, 窗口信息). The kiosk
// has its own copy in its options (kiosk/app/options.h); the server prints from this table. One
// row per township, replaced by each entry; the audit log keeps who changed it when.
//
// Thread-safety: all methods may be called concurrently (each is one transaction on the
// thread-safe Database).
#pragma once

#include <optional>
#include <string>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct HallDetails {
  std::string township;  // 9 digits
  std::string county;    // 6 digits (the township's first six)
  std::string name, address, phone;
  std::string updated_by, updated_at;
};

class HallStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit HallStore(Database& db) : db_(db) {}

  // The hall of `township`, or nullopt when its county has not entered one.
  Result<std::optional<HallDetails>> hall_details(const std::string& township);

  // Stores `hall` in place of the township's previous entry, with `audit`, in one transaction.
  Status put_hall_details(const HallDetails& hall, const AuditEntry& audit);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
