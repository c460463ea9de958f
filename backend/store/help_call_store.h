// HelpCallStore: calls for help from a kiosk ("找工作人员帮忙") to the hall staff of its
// township, kept until a staff member marks them answered (contracts/api.md, docs/console.md).
//
// One SQL implementation on Database serves both back ends (SQLite and PostgreSQL). A call is
// identified to the kiosk by its client_id (a UUID the kiosk makes once): recording the same
// client_id again returns the stored call, so the kiosk's retries ring the hall once. Reads and
// the answer are filtered by Scope: a call of another township is "not found".
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct HelpCall {
  int64_t id = 0;
  std::string client_id, kiosk_id, township, county, screen;
  std::string requested_at;  // the kiosk's clock, as sent
  std::string received_at;   // the server's clock
  std::string status;        // "open" | "answered"
  std::string answered_at, answered_by;
};

struct RecordedHelpCall {
  HelpCall call;
  bool created = false;  // false: this client_id was recorded before; `call` is the stored one
};

class HelpCallStore {
 public:
  virtual ~HelpCallStore() = default;
  // Records `call` (id, status and answer fields are set by the store) unless its client_id is
  // known; then returns the stored call unchanged, whichever kiosk sent it (the caller decides
  // what a client_id of another kiosk means).
  virtual Result<RecordedHelpCall> record(const HelpCall& call) = 0;
  // Calls within `scope` with `status` ("" for any), oldest first, at most `limit`.
  virtual Result<std::vector<HelpCall>> list(const Scope& scope, const std::string& status, int limit) = 0;
  // Marks call `id` within `scope` answered by `actor` at `at` and appends `audit` in the same
  // transaction; a call already answered is returned as it is (the first answer stands).
  // not_found when there is no such call in `scope`.
  virtual Result<HelpCall> answer(int64_t id, const Scope& scope, const std::string& actor,
                                  const std::string& at, const AuditEntry& audit) = 0;
};

std::unique_ptr<HelpCallStore> make_sql_help_call_store(Database& db);

}  // namespace jiuzhu::backend
