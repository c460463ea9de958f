// Shared SQL helpers (see sql_support.h).
#include "backend/store/sql_support.h"

#include <cstdio>
#include <vector>

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

const char* kAppColumns =
    "id, application_no, client_id, township, county, kiosk_id, channel, programs, status, priority, "
    "received_at, updated_at, due_date, id_last4, assigned_to, body";

ApplicationRecord app_row(RecordSet& rs, size_t r) {
  ApplicationRecord a;
  a.id = i64(rs, 0, r);
  a.application_no = str(rs, 1, r);
  a.client_id = str(rs, 2, r);
  a.township = str(rs, 3, r);
  a.county = str(rs, 4, r);
  a.kiosk_id = str(rs, 5, r);
  a.channel = str(rs, 6, r);
  a.programs = str(rs, 7, r);
  a.status = str(rs, 8, r);
  a.priority = i64(rs, 9, r);
  a.received_at = str(rs, 10, r);
  a.updated_at = str(rs, 11, r);
  a.due_date = str(rs, 12, r);
  a.id_last4 = str(rs, 13, r);
  a.assigned_to = str(rs, 14, r);
  a.body = str(rs, 15, r);
  return a;
}

std::optional<ApplicationRecord> load_app(Tx& tx, const std::string& no, const Scope& scope, bool for_update) {
  std::string sql = std::string("SELECT ") + kAppColumns + " FROM applications WHERE application_no = ?";
  Statement st(tx.session());
  scope_filter(st, sql, scope);
  if (for_update && tx.postgres()) sql += " FOR UPDATE";
  st << tx.q(sql), bind(no);
  scope_bind(st, scope);
  st.execute();
  RecordSet rs(st);
  if (rs.rowCount() == 0) return std::nullopt;
  return app_row(rs, 0);
}

// Next number in a named sequence (per township and day): atomic in both back ends because the
// upsert takes the row lock (PostgreSQL) or runs on the single writer (SQLite).
int64_t next_counter(Tx& tx, const std::string& scope) {
  Poco::Int64 n = 0;
  tx.session() << tx.q("INSERT INTO counters (scope, n) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET n = counters.n + 1 "
                       "RETURNING n"),
      bind(scope), into(n), now;
  return n;
}

std::string numbered(const std::string& prefix, const std::string& day, int64_t n) {
  char seq[16];
  std::snprintf(seq, sizeof seq, "%04lld", static_cast<long long>(n));
  return prefix + "-" + day + "-" + seq;
}

// Appends one audit row after the chain's last; PostgreSQL serialises appenders with a table
// lock (held to commit), SQLite has one writer anyway.
void append_audit_tx(Tx& tx, const AuditEntry& e) {
  auto& s = tx.session();
  if (tx.postgres()) s << "LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE", now;
  std::vector<Poco::Int64> last_seq;
  std::vector<std::string> last_hash;
  s << "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", into(last_seq), into(last_hash), now;
  int64_t seq = 1;
  std::string prev = audit_genesis_hash();
  if (!last_seq.empty()) {
    seq = last_seq[0] + 1;
    prev = last_hash[0];
  }
  const std::string at = now_rfc3339();
  const std::string hash = audit_row_hash(prev, seq, at, e);
  Poco::Int64 seq64 = seq;
  s << tx.q("INSERT INTO audit_log (seq, at, actor, role, action, record_type, record_id, township, detail, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
      bind(seq64), bind(at), bind(e.actor), bind(e.role), bind(e.action), bind(e.record_type), bind(e.record_id),
      bind(e.township), bind(e.detail), bind(prev), bind(hash), now;
}

QueueItem queue_row(RecordSet& rs, size_t r) {
  QueueItem q;
  q.id = i64(rs, 0, r);
  q.township = str(rs, 1, r);
  q.county = str(rs, 2, r);
  q.household_id = str(rs, 3, r);
  q.lead_id = str(rs, 4, r);
  q.source = str(rs, 5, r);
  q.score = dbl(rs, 6, r);
  q.flags = str(rs, 7, r);
  q.status = str(rs, 8, r);
  q.assigned_to = str(rs, 9, r);
  q.visit_due = str(rs, 10, r);
  q.created_at = str(rs, 11, r);
  q.updated_at = str(rs, 12, r);
  q.lead_body = str(rs, 13, r);
  return q;
}

const char* kQueueSelect =
    "SELECT q.id, q.township, q.county, q.household_id, q.lead_id, q.source, q.score, q.flags, q.status, "
    "q.assigned_to, q.visit_due, q.created_at, q.updated_at, COALESCE(l.body, '') "
    "FROM discovery_queue q LEFT JOIN leads l ON l.lead_id = q.lead_id WHERE 1 = 1";

void queue_scope(std::string& sql, const Scope& scope) {
  if (!scope.township.empty()) sql += " AND q.township = ?";
  else if (!scope.county.empty()) sql += " AND q.county = ?";
}

ReferralRecord referral_row(RecordSet& rs, size_t r) {
  ReferralRecord x;
  x.referral_id = str(rs, 0, r);
  x.application_no = str(rs, 1, r);
  x.township = str(rs, 2, r);
  x.county = str(rs, 3, r);
  x.department = str(rs, 4, r);
  x.note = str(rs, 5, r);
  x.status = str(rs, 6, r);
  x.created_at = str(rs, 7, r);
  x.created_by = str(rs, 8, r);
  return x;
}
const char* kReferralColumns = "referral_id, application_no, township, county, department, note, status, created_at, created_by";

}  // namespace jiuzhu::backend::sql
