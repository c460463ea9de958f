// Schema migrations: one ordered list, the same for SQLite and PostgreSQL.
//
// Each migration is a list of statements with tokens the back end fills in ({{ID}} for an
// auto-numbered primary key, {{REAL}} for a double). A few statements exist in one dialect only
// (the triggers that make the audit table append-only, PostgreSQL's audit_head in version 3,
// SQLite's rebuild of its three busiest tables in version 4). The schema_version table records how
// far a database has come; migrate() applies the rest in one write transaction, so a crash
// leaves the schema at a whole version.
//
// Thread-safety: migrate() runs through Database::write and may be called from any thread;
// call it once at start, before serving.
#pragma once

#include "backend/store/database.h"

namespace jiuzhu::backend {

// The newest schema version this build knows.
int latest_schema_version();

// Brings the schema up to latest_schema_version(), or only up to version `up_to` when it is
// positive (tests of an upgrade start from an older schema). Errors: db_error, schema_too_new
// (a newer build already migrated this database).
Status migrate(Database& db, int up_to = 0);

}  // namespace jiuzhu::backend
