// The province layout of PostgreSQL (docs/operations.md, "A province"): the five big tables —
// applications, case_events, discovery_queue, visits, audit_log — are partitioned by county
// with declarative partitioning (LIST), one partition per county plus a DEFAULT partition, so
// that a county's reads, its discovery import and its vacuum touch its own tables only.
//
// The partition key is the county column where the table has one (applications,
// discovery_queue, visits); case_events is keyed by substr(application_no, 1, 6) (an
// application number starts with its township code, whose first six digits are the county) and
// audit_log by substr(township, 1, 6) (entries without a township go to DEFAULT). PostgreSQL
// requires a unique key of a partitioned table to contain the partition columns, so
// applications and visits are unique per (county, number), and tables keyed by an expression
// have no unique key at all: case_events ids come from their sequence, and audit_log's seq is
// made unique by the audit_head row every appender locks (sql::append_audit_tx) and checked by
// `audit verify`. Lookups by id or number alone use plain indexes on every partition.
//
// The migration copies every row (ids, audit seq and hashes unchanged) and rebuilds every index
// the plain tables had, whichever migration made it; a unique index without the county becomes a
// plain one. A later migration's unique key or index on these tables must include `county`.
//
// A county gets its partitions (jiuzhu_ensure_county_partitions) when the migration finds it in
// the data, when its first kiosk or user is added (triggers on kiosks and users), or with
// `jiuzhu-server db add-county`. Rows of a county without partitions wait in DEFAULT and are
// moved into the county's partitions when they are made.
//
// SQLite keeps the plain tables: this is PostgreSQL only.
//
// Thread-safety: free functions over the caller's Database.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

// The statements of the schema migration that turns the plain PostgreSQL tables into the
// partitioned ones (rows copied, ids, sequences and audit hashes unchanged).
const std::vector<const char*>& pg_partition_migration();

// The partitioned tables, in the order the migration converts them.
const std::vector<std::string>& partitioned_tables();

// Creates the county's partitions of every partitioned table where missing, moving the
// county's rows out of DEFAULT. `county` must be six digits. Errors: bad_county,
// not_postgresql, db_error.
Status ensure_county_partitions(Database& db, const std::string& county);

struct PartitionRows {
  std::string table, partition, bound;  // bound: the county, or "DEFAULT"
  int64_t rows = 0;                     // estimated (pg_class.reltuples) unless `exact`
};
// Every partition of the partitioned tables. Errors: not_postgresql, db_error.
Result<std::vector<PartitionRows>> list_partitions(Database& db, bool exact);

}  // namespace jiuzhu::backend
