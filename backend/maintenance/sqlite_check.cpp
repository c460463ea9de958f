// The SQLite side of backups: the online copy, the offline check of a copy, and the audit walk
// (backup.h). Raw sqlite3 calls here because Poco::Data has no binding for the backup API.
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "backend/maintenance/backup.h"
#include "backend/maintenance/sqlite_copy.h"
#include "backend/store/audit_store.h"

namespace jiuzhu::backend {
namespace {

// One sqlite3 handle, closed on scope exit.
struct Handle {
  sqlite3* db = nullptr;
  ~Handle() {
    if (db) sqlite3_close_v2(db);
  }
  std::string message() const { return db ? sqlite3_errmsg(db) : "out of memory"; }
};

Status open_handle(Handle& h, const std::string& path, int flags) {
  if (sqlite3_open_v2(path.c_str(), &h.db, flags, nullptr) != SQLITE_OK) {
    return make_error("backup_failed", "cannot open " + path + ": " + h.message());
  }
  sqlite3_busy_timeout(h.db, 10000);
  return Ok{};
}

// Runs `sql` and returns the first column of every row as text.
Result<std::vector<std::string>> column(Handle& h, const std::string& sql) {
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(h.db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    return make_error("corrupt_backup", "cannot run '" + sql + "': " + h.message());
  }
  std::vector<std::string> out;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(st, 0);
    out.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) return make_error("corrupt_backup", "'" + sql + "' failed: " + h.message());
  return out;
}

Result<int64_t> single_int(Handle& h, const std::string& sql) {
  auto rows = column(h, sql);
  if (!rows) return rows.error();
  if (rows->empty()) return int64_t{0};
  try {
    return static_cast<int64_t>(std::stoll(rows->front()));
  } catch (const std::exception&) {
    return int64_t{0};
  }
}

}  // namespace

Status sqlite_online_copy(const std::string& source, const std::string& target) {
  if (!std::filesystem::is_regular_file(source))
    return make_error("no_database", "no SQLite database at " + source);
  Handle src, dst;
  // Read-write without CREATE: a WAL reader needs to map the -shm file; nothing is written.
  if (auto st = open_handle(src, source, SQLITE_OPEN_READWRITE); !st) return st;
  if (auto st = open_handle(dst, target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); !st) return st;
  sqlite3_backup* b = sqlite3_backup_init(dst.db, "main", src.db, "main");
  if (!b) return make_error("backup_failed", "cannot start the backup: " + dst.message());
  // All pages in one step: one read transaction, so a concurrent writer cannot make the copy
  // restart (it would after every write between smaller steps), and in WAL mode the writer is not
  // blocked while it runs. BUSY/LOCKED only happen while the source is being opened or
  // checkpointed; retry those for a while.
  int rc = SQLITE_OK;
  for (int attempt = 0; attempt < 600; ++attempt) {
    rc = sqlite3_backup_step(b, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE)
    return make_error("backup_failed", "the online backup failed: " + std::string(sqlite3_errstr(rc)));
  if (sqlite3_errcode(dst.db) != SQLITE_OK)
    return make_error("backup_failed", "writing the copy failed: " + dst.message());
  // The copy is one self-contained file: no -wal beside it.
  if (auto mode = column(dst, "PRAGMA journal_mode=DELETE"); !mode) return mode.error();
  return Ok{};
}

Result<DataSummary> check_sqlite_file(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    return make_error("no_database", "no SQLite database at " + path);
  DataSummary summary;
  {
    Handle h;
    if (sqlite3_open_v2(path.c_str(), &h.db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      return make_error("corrupt_backup", "cannot open " + path + ": " + h.message());
    }
    auto integrity = column(h, "PRAGMA integrity_check");
    if (!integrity) return integrity.error();
    if (integrity->size() != 1 || integrity->front() != "ok") {
      return make_error("corrupt_backup",
                        "integrity_check failed: " + (integrity->empty() ? "" : integrity->front()));
    }
    auto version = single_int(h, "SELECT MAX(version) FROM schema_version");
    if (!version) return version.error();
    summary.schema_version = static_cast<int>(*version);
    auto apps = single_int(h, "SELECT COUNT(*) FROM applications");
    if (!apps) return apps.error();
    summary.applications = *apps;
  }
  summary.database_bytes = std::filesystem::file_size(path);
  auto chain = verify_audit_at("sqlite:" + path);
  if (!chain) return chain.error();
  summary.audit_rows = chain->rows;
  if (!chain->ok) {
    return make_error("corrupt_backup",
                      "the audit chain is broken at entry seq=" + std::to_string(chain->first_bad_seq));
  }
  return summary;
}

Result<AuditVerification> verify_audit_at(const std::string& db_url) {
  const std::string path = sqlite_path_of(db_url);
  if (!path.empty() && !std::filesystem::is_regular_file(path)) {
    return make_error("no_database", "no SQLite database at " + path);
  }
  DatabaseOptions options;
  options.read_sessions = 1;
  options.pool_max = 2;
  auto db = open_database(db_url, options);
  if (!db) return db.error();
  auto result = make_sql_audit_store(**db)->verify_audit();
  (*db)->close();
  return result;
}

std::string sqlite_path_of(const std::string& db_url) {
  return db_url.rfind("sqlite:", 0) == 0 ? db_url.substr(7) : std::string();
}

}  // namespace jiuzhu::backend
