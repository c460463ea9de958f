// PostgreSQL: a new application stored by one statement.
//
// Why: the writer runs a group's jobs one after another on one connection, so each statement of
// a submission is a round trip between the writer and the server (and, on a busy machine, two
// context switches). Profiled with pg_stat_statements under bench_intake (64 clients): the five
// statements of a submission took 0.06 ms of the server's execution time together, while the
// writer spent about 0.8 ms per submission — the rest was waiting on round trips. Here the
// client_id check, the per-day counter, the application, its first case event and the audit
// row are one data-modifying WITH statement (prepared once on the writer's connection), so a
// submission is one round trip. Same rows, same transaction, same durability as the statements
// it replaces (sql_repository.cpp's SQLite path): the commit is still the group's.
//
// Thread-safety: a function over the caller's Tx (the writer thread's).
#pragma once

#include <optional>
#include <string>

#include "backend/store/database.h"
#include "backend/store/repository.h"

namespace jiuzhu::backend {

// Inserts `app` as a new application numbered "<township>-<number_day>-NNNN" (the next number of
// the township's day, as sql::numbered writes it), with its "received" case event and its audit
// row (app.audit, record_id = the number) appended to the chain. Returns the number; nullopt,
// with nothing written, when the county already has an application with app.record.client_id
// (the caller answers a retry). Throws as sql::query does (e.g. a unique violation when a racing
// retry committed first). PostgreSQL only (tx.postgres()).
std::optional<std::string> pg_insert_new_application(Tx& tx, const NewApplication& app);

}  // namespace jiuzhu::backend
