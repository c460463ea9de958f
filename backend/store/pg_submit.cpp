#include "backend/store/pg_submit.h"

#include <Poco/Data/DataException.h>

#include "backend/store/sql_query.h"
#include "backend/store/sql_support.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend {
namespace {

// Every `?` is bound in order; the comments name the parameters each line takes.
const std::string& insert_sql() {
  static const std::string sql = [] {
    const std::string p = "?::text";
    return std::string(
               // county, client_id
               "WITH seen AS (SELECT 1 FROM applications WHERE county = ?::text AND client_id = ?::text), "
               // counter scope
               "counter AS (INSERT INTO counters (scope, n) SELECT ?::text, 1 WHERE NOT EXISTS (SELECT 1 FROM seen) "
               "ON CONFLICT (scope) DO UPDATE SET n = counters.n + 1 RETURNING n), "
               // "<township>-<day>-"; the number padded to four digits, longer when it needs more
               // (printf's %04lld, as sql::numbered)
               "numbered AS (SELECT ?::text || lpad(n::text, greatest(4, length(n::text)), '0') AS application_no "
               "FROM counter), "
               // the 14 columns after application_no
               "app AS (INSERT INTO applications (application_no, client_id, township, county, kiosk_id, channel, "
               "programs, status, priority, received_at, updated_at, due_date, id_last4, assigned_to, body) "
               "SELECT application_no, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::bigint, "
               "?::text, ?::text, ?::text, ?::text, ?::text, ?::text FROM numbered), "
               // received_at, actor, status
               "event AS (INSERT INTO case_events (application_no, at, actor, from_status, to_status, note) "
               "SELECT application_no, ?::text, ?::text, '', ?::text, '' FROM numbered), "
               // the hash's at, actor, role, action, record_type, township, detail (each twice)
               "head AS (UPDATE audit_head SET seq = seq + 1, prev_hash = hash, hash = ") +
           sql::pg_audit_hash_sql({p, p, p, p, p, "numbered.application_no", p, p}) +
           " FROM numbered WHERE id = 1 RETURNING seq, prev_hash, hash, numbered.application_no), "
           // at, actor, role, action, record_type, township, detail
           "audit AS (INSERT INTO audit_log (seq, at, actor, role, action, record_type, record_id, township, detail, "
           "prev_hash, hash) SELECT seq, ?::text, ?::text, ?::text, ?::text, ?::text, application_no, ?::text, ?::text, "
           "prev_hash, hash FROM head RETURNING seq) "
           "SELECT application_no, (SELECT count(*) FROM audit) FROM numbered";
  }();
  return sql;
}

}  // namespace

std::optional<std::string> pg_insert_new_application(Tx& tx, const NewApplication& app) {
  const ApplicationRecord& a = app.record;
  const AuditEntry& e = app.audit;
  const std::string scope = "app:" + a.township + ":" + app.number_day;
  const std::string prefix = a.township + "-" + app.number_day + "-";
  const std::string at = now_rfc3339();
  const sql::Rows rows = sql::query(
      tx, insert_sql(),
      {a.county, a.client_id, scope, prefix,
       a.client_id, a.township, a.county, a.kiosk_id, a.channel, a.programs, a.status, a.priority, a.received_at,
       a.updated_at, a.due_date, a.id_last4, a.assigned_to, a.body,
       a.received_at, e.actor, a.status,
       at, at, e.actor, e.actor, e.role, e.role, e.action, e.action, e.record_type, e.record_type, e.township,
       e.township, e.detail, e.detail,
       at, e.actor, e.role, e.action, e.record_type, e.township, e.detail});
  if (rows.empty()) return std::nullopt;
  if (rows.i64(0, 1) != 1) throw Poco::Data::DataException("audit_head has no row (migration 3 missing)");
  return rows.str(0, 0);
}

}  // namespace jiuzhu::backend
