// Small pieces shared by the SQL stores (store/sql_repository.cpp and the stores beside it):
// reading typed cells out of a RecordSet, area-scope filters, per-day numbering and the
// hash-chained audit append that must run inside the caller's write transaction.
//
// Thread-safety: free functions over a caller-owned Tx/Statement; no shared state.
#pragma once

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "backend/store/sql_query.h"

namespace jiuzhu::backend::sql {

// Typed cell readers: NULL reads as "" / 0.
std::string str(Poco::Data::RecordSet& rs, size_t col, size_t row);
int64_t i64(Poco::Data::RecordSet& rs, size_t col, size_t row);
double dbl(Poco::Data::RecordSet& rs, size_t col, size_t row);

// Appends the " AND township = ?" / " AND county = ?" condition for `scope` to `sql`
// (nothing for the unrestricted scope); scope_bind binds the matching value.
void scope_filter(Poco::Data::Statement& st, std::string& sql, const Scope& scope);
void scope_bind(Poco::Data::Statement& st, const Scope& scope);
// The same condition for sql::query: appended to `sql`, its value to `params`.
void scope_params(std::string& sql, std::vector<Param>& params, const Scope& scope);

extern const char* kAppColumns;
ApplicationRecord app_row(Poco::Data::RecordSet& rs, size_t r);
ApplicationRecord app_row(const Rows& rows, size_t r);
// The application `no` within `scope`; locked for update on PostgreSQL when `for_update`.
std::optional<ApplicationRecord> load_app(Tx& tx, const std::string& no, const Scope& scope, bool for_update);

// Next number in a named sequence (per township and day), atomic in both back ends.
int64_t next_counter(Tx& tx, const std::string& scope);
// "PREFIX-YYYYMMDD-0001".
std::string numbered(const std::string& prefix, const std::string& day, int64_t n);

// Appends one audit row after the chain's last, inside the caller's write transaction. On
// PostgreSQL it holds the audit_head row lock to commit: call it as late in the transaction as
// the work allows.
void append_audit_tx(Tx& tx, const AuditEntry& e);


// Appends " AND q.township = ?" / " AND q.county = ?" for the discovery queue aliased as q.
void queue_scope(std::string& sql, const Scope& scope);

ReferralRecord referral_row(Poco::Data::RecordSet& rs, size_t r);
extern const char* kReferralColumns;
// Inserts `referral` (its application_no, department, note, status, created_at, created_by set)
// as a new referral of a case within `scope`, numbered "R<township>-<day>-NNNN"; fills its
// referral_id, township and county. Inside the caller's write transaction; appends no audit row
// (the caller does, last). Errors: not_found (no such case in scope).
Status insert_referral_tx(Tx& tx, ReferralRecord& referral, const std::string& day, const Scope& scope);

// An audit_log row read as `SELECT seq, at, <the seven AuditEntry columns>, prev_hash, hash`.
AuditRow audit_row(const Rows& rows, size_t r);

}  // namespace jiuzhu::backend::sql
