// Shared SQL helpers (see sql_support.h).
#include "backend/store/sql_support.h"

#include <Poco/Data/DataException.h>

#include <cstdio>
#include <vector>

#include <nlohmann/json.hpp>

#include "backend/audit/audit_chain.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::sql {

using Poco::Data::RecordSet;
using Poco::Data::Statement;
using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

std::string str(RecordSet& rs, size_t col, size_t row) {
  const auto& v = rs.value(col, row);
  return v.isEmpty() ? std::string() : v.convert<std::string>();
}
int64_t i64(RecordSet& rs, size_t col, size_t row) {
  const auto& v = rs.value(col, row);
  return v.isEmpty() ? 0 : v.convert<Poco::Int64>();
}
double dbl(RecordSet& rs, size_t col, size_t row) {
  const auto& v = rs.value(col, row);
  return v.isEmpty() ? 0.0 : v.convert<double>();
}

// Appends `where` conditions for a Scope on the given columns and binds their values.
void scope_filter(Statement& st, std::string& sql, const Scope& scope) {
  if (!scope.township.empty()) {
    sql += " AND township = ?";
  } else if (!scope.county.empty()) {
    sql += " AND county = ?";
  }
  (void)st;
}
void scope_bind(Statement& st, const Scope& scope) {
  if (!scope.township.empty()) st, bind(scope.township);
  else if (!scope.county.empty()) st, bind(scope.county);
}

namespace {

// " AND township = ?" or " AND <county_expr> = ?" for `scope`, its value to `params`.
void scope_condition(std::string& sql, std::vector<Param>& params, const Scope& scope, const char* county_expr) {
  if (!scope.township.empty()) {
    sql += " AND township = ?";
    params.emplace_back(scope.township);
  } else if (!scope.county.empty()) {
    sql += std::string(" AND ") + county_expr + " = ?";
    params.emplace_back(scope.county);
  }
}

}  // namespace

void scope_params(std::string& sql, std::vector<Param>& params, const Scope& scope) {
  scope_condition(sql, params, scope, "county");
}

void township_scope(std::string& sql, std::vector<Param>& params, const Scope& scope) {
  scope_condition(sql, params, scope, "substr(township, 1, 6)");
}

const char* kAppColumns =
    "id, application_no, client_id, township, county, kiosk_id, channel, programs, status, priority, "
    "received_at, updated_at, due_date, id_last4, assigned_to, body";

CaseState case_state_of(const std::string& text) {
  return parsed_or_throw(parse_case_state(text), "a case state column holds an unknown state");
}

model::Channel channel_of(const std::string& text) {
  return parsed_or_throw(model::parse_channel(text), "applications.channel holds an unknown channel");
}

model::Role role_of(const std::string& text) {
  return parsed_or_throw(model::parse_staff_role(text), "users.role holds an unknown role");
}

std::optional<CaseState> optional_case_state_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return case_state_of(text);
}


ApplicationRecord app_row(const Rows& rows, size_t r) {
  ApplicationRecord a;
  a.id = rows.i64(r, 0);
  a.application_no = rows.str(r, 1);
  a.client_id = rows.str(r, 2);
  a.township = rows.str(r, 3);
  a.county = rows.str(r, 4);
  a.kiosk_id = rows.str(r, 5);
  a.channel = channel_of(rows.str(r, 6));
  a.programs = string_list_of(rows.str(r, 7), "applications.programs");
  a.status = case_state_of(rows.str(r, 8));
  a.priority = rows.i64(r, 9);
  a.received_at = rows.str(r, 10);
  a.updated_at = rows.str(r, 11);
  a.due_date = rows.str(r, 12);
  a.id_last4 = rows.str(r, 13);
  a.assigned_to = rows.str(r, 14);
  a.body = rows.str(r, 15);
  return a;
}

std::optional<ApplicationRecord> load_app(Tx& tx, const std::string& no, const Scope& scope, bool for_update) {
  std::string sql = std::string("SELECT ") + kAppColumns + " FROM applications WHERE application_no = ?";
  std::vector<Param> params{no};
  scope_params(sql, params, scope);
  if (for_update && tx.postgres()) sql += " FOR UPDATE";
  const Rows rows = query(tx, sql, params);
  if (rows.empty()) return std::nullopt;
  return app_row(rows, 0);
}

// Next number in a named sequence (per township and day): atomic in both back ends because the
// upsert takes the row lock (PostgreSQL) or runs on the single writer (SQLite).
int64_t next_counter(Tx& tx, const std::string& scope) {
  return query(tx, "INSERT INTO counters (scope, n) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET n = counters.n + 1 "
                   "RETURNING n",
               {scope})
      .i64(0, 0);
}

std::string numbered(const std::string& prefix, const std::string& day, int64_t n) {
  char seq[16];
  std::snprintf(seq, sizeof seq, "%04lld", static_cast<long long>(n));
  return prefix + "-" + day + "-" + seq;
}

namespace {

// One length-prefixed field of audit_row_hash's input ("LEN:VALUE\n"), as SQL over a text
// parameter; LEN counts bytes, as std::string::size does.
std::string hashed_field(const std::string& value_sql) {
  return "octet_length(" + value_sql + ")::text || ':' || " + value_sql + " || E'\\n'";
}

// PostgreSQL: advances audit_head and appends the row in one statement. The head's UPDATE takes
// its row lock (held to commit) and computes the new hash from the old head with the same
// length-prefixed SHA-256 as audit_row_hash, so verify_audit_chain checks it like any other row.
const std::string& pg_append_sql() {
  static const std::string sql = [] {
    std::string fields = hashed_field("hash") + " || " + hashed_field("(seq + 1)::text");
    for (int i = 0; i < 8; ++i) fields += " || " + hashed_field("?::text");
    return "WITH head AS (UPDATE audit_head SET seq = seq + 1, prev_hash = hash, "
           "hash = encode(sha256(convert_to(" + fields + ", 'UTF8')), 'hex') WHERE id = 1 RETURNING seq, prev_hash, hash) "
           "INSERT INTO audit_log (seq, at, actor, role, action, record_type, record_id, township, detail, prev_hash, hash) "
           "SELECT seq, ?, ?, ?, ?, ?, ?, ?, ?, prev_hash, hash FROM head RETURNING seq";
  }();
  return sql;
}

}  // namespace

// Appends one audit row after the chain's last.
//  - SQLite: one writer thread appends; it remembers the tail between jobs (Tx::chain_tail) and
//    reads it from the table only when it does not know it.
//  - PostgreSQL: appenders queue on the row lock of the one-row audit_head instead of locking the
//    whole table, and the head update and the insert are one statement (one round trip), so the
//    serialised part of a transaction is that statement and the commit.
void append_audit_tx(Tx& tx, const AuditEntry& e) {
  const std::string at = now_rfc3339();
  if (tx.postgres()) {
    // Each value is bound twice, once hashed and once stored: placeholders are positional `?`.
    const Rows appended =
        query(tx, pg_append_sql(),
              {at, at, e.actor, e.actor, e.role, e.role, e.action, e.action, e.record_type, e.record_type, e.record_id,
               e.record_id, e.township, e.township, e.detail, e.detail, at, e.actor, e.role, e.action, e.record_type,
               e.record_id, e.township, e.detail});
    if (appended.empty()) throw Poco::Data::DataException("audit_head has no row (migration 3 missing)");
    return;
  }
  ChainTail* remembered = tx.chain_tail();
  ChainTail head;
  if (remembered && remembered->known) {
    head = *remembered;
  } else {
    const Rows rows = query(tx, "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    head = rows.empty() ? ChainTail{true, 0, audit_genesis_hash()} : ChainTail{true, rows.i64(0, 0), rows.str(0, 1)};
  }
  const int64_t seq = head.seq + 1;
  const std::string hash = audit_row_hash(head.hash, seq, at, e);
  exec(tx,
       "INSERT INTO audit_log (seq, at, actor, role, action, record_type, record_id, township, detail, prev_hash, hash) "
       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
       {seq, at, e.actor, e.role, e.action, e.record_type, e.record_id, e.township, e.detail, head.hash, hash});
  if (remembered) *remembered = ChainTail{true, seq, hash};
}

void queue_scope(std::string& sql, const Scope& scope) {
  if (!scope.township.empty()) sql += " AND q.township = ?";
  else if (!scope.county.empty()) sql += " AND q.county = ?";
}

const char* kReferralColumns = "referral_id, application_no, township, county, department, note, status, created_at, created_by";

ReferralStatus referral_status_of(const std::string& text) {
  return parsed_or_throw(parse_referral_status(text), "referrals.status holds an unknown status");
}

queue::ItemState item_state_of(const std::string& text) {
  return parsed_or_throw(queue::parse_item_state(text), "discovery_queue.state holds an unknown state");
}

std::optional<queue::ChangeKind> optional_change_kind_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return parsed_or_throw(queue::parse_change_kind(text), "discovery_queue.change_kind holds an unknown change");
}

queue::ItemStatus item_status_of(const std::string& text) {
  return parsed_or_throw(queue::parse_item_status(text), "discovery_queue.status holds an unknown status");
}

std::vector<std::string> string_list_of(const std::string& text, const char* column) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) throw Poco::Data::DataException(std::string(column) + " holds no JSON array");
  std::vector<std::string> out;
  out.reserve(json.size());
  for (const auto& v : json) {
    if (!v.is_string()) throw Poco::Data::DataException(std::string(column) + " holds a non-string");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::string string_list_text(const std::vector<std::string>& list) { return nlohmann::json(list).dump(); }

nlohmann::json json_of(const std::string& text, nlohmann::json::value_t type, const char* column) {
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.type() != type) {
    throw Poco::Data::DataException(std::string(column) + " holds no JSON of its type");
  }
  return json;
}

ReferralRecord referral_row(const Rows& rows, size_t r) {
  return ReferralRecord{rows.str(r, 0), rows.str(r, 1), rows.str(r, 2),
                        rows.str(r, 3), rows.str(r, 4), rows.str(r, 5),
                        referral_status_of(rows.str(r, 6)), rows.str(r, 7), rows.str(r, 8)};
}

AuditRow audit_row(const Rows& rows, size_t r) {
  AuditRow a;
  a.seq = rows.i64(r, 0);
  a.at = rows.str(r, 1);
  a.entry = AuditEntry{rows.str(r, 2), rows.str(r, 3), rows.str(r, 4), rows.str(r, 5),
                       rows.str(r, 6), rows.str(r, 7), rows.str(r, 8)};
  a.prev_hash = rows.str(r, 9);
  a.hash = rows.str(r, 10);
  return a;
}

Status insert_referral_tx(Tx& tx, ReferralRecord& out, const std::string& day, const Scope& scope) {
  auto app = load_app(tx, out.application_no, scope, false);
  if (!app) return make_error("not_found", "no such case");
  out.township = app->township;
  out.county = app->county;
  out.referral_id = numbered("R" + app->township, day, next_counter(tx, "ref:" + app->township + ":" + day));
  exec(tx, std::string("INSERT INTO referrals (") + kReferralColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
       {out.referral_id, out.application_no, out.township, out.county, out.department, out.note, to_string(out.status),
        out.created_at, out.created_by});
  return Ok{};
}

}  // namespace jiuzhu::backend::sql
