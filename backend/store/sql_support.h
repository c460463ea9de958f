// Small pieces shared by the SQL stores (store/sql_*_store.cpp and the stores beside them):
// reading typed cells out of a RecordSet, area-scope filters, per-day numbering and the
// hash-chained audit append that must run inside the caller's write transaction.
//
// Thread-safety: free functions over a caller-owned Tx/Statement; no shared state.
#pragma once

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "backend/queue/workflow.h"
#include "backend/store/database.h"
#include "backend/store/application_store.h"
#include "backend/store/audit_store.h"
#include "backend/store/referral_store.h"
#include "backend/store/scope.h"
#include "backend/store/sql_query.h"
#include "core/model/role.h"
#include "core/result.h"

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

// A stored name read by its type's own parser (parse_channel, parse_item_state, …, which return
// a Result or an optional): the value, or a Poco::DataException (db_error) with `message` naming
// the column when it does not convert.
template <typename Parsed>
auto parsed_or_throw(Parsed parsed, const char* message) {
  if (!parsed) throw Poco::Data::DataException(message);
  return *std::move(parsed);
}

// The typed columns of applications, case_events and users from and to their text (and of
// referrals and discovery_queue, below) — the one place they are converted. A stored value that
// does not convert throws Poco::DataException (db_error).
CaseState case_state_of(const std::string& text);
// As case_state_of, with "" (a case event's from_status at submission) as none.
std::optional<CaseState> optional_case_state_of(const std::string& text);
model::Channel channel_of(const std::string& text);
// users.role: a staff role's name (core/model/role.h); anything else is db_error.
model::Role role_of(const std::string& text);

extern const char* kAppColumns;
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

// referrals.status (intake/referral_workflow.h); anything else is db_error.
ReferralStatus referral_status_of(const std::string& text);
// discovery_queue.state and .status (queue/workflow.h); anything else is db_error.
queue::ItemState item_state_of(const std::string& text);
queue::ItemStatus item_status_of(const std::string& text);
// discovery_queue.change_kind: "" (a lead) is none; an unknown name is a DataException.
std::optional<queue::ChangeKind> optional_change_kind_of(const std::string& text);
// A TEXT column holding a JSON array of strings (applications.programs, discovery_queue.flags,
// .suggested_programs): its strings; anything else is db_error. `column` names it in the error.
std::vector<std::string> string_list_of(const std::string& text, const char* column);
// The text such a column stores for `list` (compact JSON, as string_list_of reads it).
std::string string_list_text(const std::vector<std::string>& list);
// A TEXT column holding JSON (discovery_queue.evidence, leads.body): its value, which must be of
// `type` (array or object); anything else is db_error. `column` names it in the error.
nlohmann::json json_of(const std::string& text, nlohmann::json::value_t type, const char* column);
extern const char* kReferralColumns;
// A referrals row read as `SELECT <kReferralColumns>`.
ReferralRecord referral_row(const Rows& rows, size_t r);
// Inserts `referral` (its application_no, department, note, status, created_at, created_by set)
// as a new referral of a case within `scope`, numbered "R<township>-<day>-NNNN"; fills its
// referral_id, township and county. Inside the caller's write transaction; appends no audit row
// (the caller does, last). Errors: not_found (no such case in scope).
Status insert_referral_tx(Tx& tx, ReferralRecord& referral, const std::string& day, const Scope& scope);

// Runs `produce(tx)` on a read session of `db` and returns what it produced, or the read's error.
template <typename T, typename Produce>
Result<T> read_as(Database& db, Produce produce) {
  T out{};
  auto st = db.read([&](Tx& tx) -> Status {
    out = produce(tx);
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

// Runs `produce(tx)`, which returns Result<T>, in a write transaction of `db`: its value once
// committed, or its error (the transaction rolled back) or the write's. A job may run twice
// (database.h): `produce` starts afresh each time.
template <typename T, typename Produce>
Result<T> write_as(Database& db, Produce produce) {
  T out{};
  auto st = db.write([&](Tx& tx) -> Status {
    Result<T> r = produce(tx);
    if (!r) return r.error();
    out = std::move(r).value();
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

// Every row of `rows` through `row(rows, r)`.
template <typename Row>
auto all_rows(const Rows& rows, Row row) {
  std::vector<decltype(row(rows, 0))> out;
  out.reserve(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) out.push_back(row(rows, r));
  return out;
}

// The scope condition on a table whose county is the first 6 digits of its township column
// (kiosks, audit_log): appended to `sql`, its value to `params`.
void township_scope(std::string& sql, std::vector<Param>& params, const Scope& scope);

// An audit_log row read as `SELECT seq, at, <the seven AuditEntry columns>, prev_hash, hash`.
AuditRow audit_row(const Rows& rows, size_t r);

}  // namespace jiuzhu::backend::sql
