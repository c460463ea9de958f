// DiscoveryLinkStore (console): the discovery queue item an application came from (a caseworker helped the
// household apply: discovery_queue.application_no), so the case view can link back to it. One SQL for SQLite
// and PostgreSQL, read-only.
//
// Thread-safety: may be called concurrently (a read on the thread-safe Database).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

class DiscoveryLinkStore {
 public:
  // `db` must outlive the store and be migrated (store/migrations.h).
  explicit DiscoveryLinkStore(Database& db) : db_(db) {}

  // The id of the queue item of `county` linked to `application_no` (the lowest id when
  // several), or nullopt. Errors: db_error, db_closed.
  Result<std::optional<int64_t>> discovery_item_of_application(const std::string& county,
                                                               const std::string& application_no);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
