// Backup, restore and checks of a data directory (contracts/cli.md: backup, restore, audit verify).
//
// A backup is one zip file (Poco::Zip; `unzip -l` lists it):
//   manifest.json   format, schema version, counts, the database file's size and SHA-256
//   jiuzhu.db       a consistent copy of the SQLite database
//   documents/ab/…  every scanned document (content-addressed: the name is the SHA-256)
//
// How the copy stays consistent while the server writes: SQLite's online backup API copies the
// whole database in one step inside one read transaction. In WAL mode a reader never blocks the
// writer, so submissions keep being acknowledged meanwhile, and the copy is the database as of
// the moment that read transaction began: every application acknowledged before the backup
// started is in it. Documents are copied after the database: documents are stored before the
// application that names them is acknowledged and are never deleted, so every document the copy
// refers to is already on disk.
//
// "Verified" means: the archive was written, fsynced and renamed into place, then read back
// into a scratch directory, where the database file's SHA-256 matches the manifest,
// PRAGMA integrity_check says ok, the audit hash chain is intact, and every document's bytes
// hash to its name. restore runs the same checks on what it unpacked.
//
// Thread-safety: free functions with no shared state; each call works on its own files.
#pragma once

#include <cstdint>
#include <string>

#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

// What a verified backup or a checked data directory holds.
struct DataSummary {
  int schema_version = 0;
  int64_t applications = 0;
  int64_t audit_rows = 0;
  int64_t documents = 0;
  uint64_t database_bytes = 0;
};

// The SQLite file of a database URL ("sqlite:PATH"), or empty for PostgreSQL and bad URLs.
std::string sqlite_path_of(const std::string& db_url);

// Copies the live SQLite database at `db_path` and the documents under `documents_dir` into
// the archive `out_file` (replaced atomically), then verifies the archive.
// Errors: no_database, backup_failed (SQLite's message), io_error, and those of verify_backup.
Result<DataSummary> create_backup(const std::string& db_path, const std::string& documents_dir,
                                  const std::string& out_file);

// Unpacks `archive` into a scratch directory beside it, checks it, and removes the scratch.
// Errors: bad_archive (not a Jiuzhu backup, unexpected entries), corrupt_backup (a hash,
// the integrity check or the audit chain does not match; the message says which).
Result<DataSummary> verify_backup(const std::string& archive);

// Unpacks `archive` into `data_dir` (created when missing; must otherwise be empty) and checks
// it as verify_backup does; on a failed check the unpacked files are removed again.
// Errors: data_dir_not_empty, io_error, and those of verify_backup.
Result<DataSummary> restore_backup(const std::string& archive, const std::string& data_dir);

// Checks a SQLite file offline: integrity_check, schema version, counts, the audit chain.
// Errors: no_database, corrupt_backup.
Result<DataSummary> check_sqlite_file(const std::string& path);

// Walks the audit hash chain of the database at `db_url` (SQLite or PostgreSQL) without
// migrating it. Errors: no_database, db_unavailable, db_error.
Result<AuditVerification> verify_audit_at(const std::string& db_url);

}  // namespace jiuzhu::backend
