// The schema, version by version. Append new versions; never edit a shipped one.
#include "backend/store/migrations.h"

#include "backend/store/pg_partitions.h"

#include <Poco/Data/Session.h>

#include <algorithm>
#include <string>
#include <vector>

namespace jiuzhu::backend {
namespace {

using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

struct Statement {
  const char* sql;
  int only = 0;  // 0 both, 1 SQLite only, 2 PostgreSQL only
};

struct Migration {
  int version;
  std::vector<Statement> statements;
};

std::vector<Statement> postgresql_only(const std::vector<const char*>& sql) {
  std::vector<Statement> out;
  for (const char* q : sql) out.push_back({q, 2});
  return out;
}

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> list = {
      {1,
       {
           {"CREATE TABLE kiosks (kiosk_id TEXT PRIMARY KEY, township TEXT NOT NULL, "
            "token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, active BIGINT NOT NULL DEFAULT 1)"},
           {"CREATE TABLE users (login TEXT PRIMARY KEY, role TEXT NOT NULL, township TEXT NOT NULL DEFAULT '', "
            "county TEXT NOT NULL DEFAULT '', department TEXT NOT NULL DEFAULT '', password_hash TEXT NOT NULL, "
            "created_at TEXT NOT NULL)"},
           {"CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, login TEXT NOT NULL, expires_at BIGINT NOT NULL)"},
           {"CREATE TABLE counters (scope TEXT PRIMARY KEY, n BIGINT NOT NULL)"},
           // One row per application. client_id UNIQUE is what makes a retried submission
           // (even two racing retries) store one application only.
           {"CREATE TABLE applications (id {{ID}}, application_no TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL UNIQUE, "
            "township TEXT NOT NULL, county TEXT NOT NULL, kiosk_id TEXT NOT NULL, channel TEXT NOT NULL, "
            "programs TEXT NOT NULL, status TEXT NOT NULL, priority BIGINT NOT NULL, received_at TEXT NOT NULL, "
            "updated_at TEXT NOT NULL, due_date TEXT NOT NULL, id_last4 TEXT NOT NULL, "
            "assigned_to TEXT NOT NULL DEFAULT '', body TEXT NOT NULL)"},
           {"CREATE INDEX applications_township ON applications (township, priority, id)"},
           {"CREATE INDEX applications_county ON applications (county, priority, id)"},
           {"CREATE TABLE case_events (id {{ID}}, application_no TEXT NOT NULL, at TEXT NOT NULL, "
            "actor TEXT NOT NULL, from_status TEXT NOT NULL, to_status TEXT NOT NULL, note TEXT NOT NULL)"},
           {"CREATE INDEX case_events_app ON case_events (application_no, id)"},
           {"CREATE TABLE referrals (id {{ID}}, referral_id TEXT NOT NULL UNIQUE, application_no TEXT NOT NULL, "
            "township TEXT NOT NULL, county TEXT NOT NULL, department TEXT NOT NULL, note TEXT NOT NULL, "
            "status TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL)"},
           {"CREATE INDEX referrals_department ON referrals (department, id)"},
           {"CREATE TABLE leads (lead_id TEXT PRIMARY KEY, township TEXT NOT NULL, county TEXT NOT NULL, "
            "source TEXT NOT NULL, urgent BIGINT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL, "
            "created_by TEXT NOT NULL)"},
           // The township's discovery queue: leads now, the discovery engine's results later.
           {"CREATE TABLE discovery_queue (id {{ID}}, township TEXT NOT NULL, county TEXT NOT NULL, "
            "household_id TEXT NOT NULL DEFAULT '', lead_id TEXT NOT NULL DEFAULT '', source TEXT NOT NULL, "
            "score {{REAL}} NOT NULL DEFAULT 0, flags TEXT NOT NULL DEFAULT '[]', status TEXT NOT NULL DEFAULT 'open', "
            "assigned_to TEXT NOT NULL DEFAULT '', visit_due TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, "
            "updated_at TEXT NOT NULL)"},
           {"CREATE INDEX discovery_queue_township ON discovery_queue (township, status, visit_due)"},
           {"CREATE TABLE visits (id {{ID}}, visit_id TEXT NOT NULL UNIQUE, queue_id BIGINT NOT NULL, "
            "township TEXT NOT NULL, county TEXT NOT NULL, visited_on TEXT NOT NULL, caseworker TEXT NOT NULL, "
            "outcome TEXT NOT NULL, note TEXT NOT NULL, next_visit_due TEXT NOT NULL, created_at TEXT NOT NULL)"},
           // Append-only, hash-chained (audit/audit_chain.h).
           {"CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, "
            "action TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL, township TEXT NOT NULL, "
            "detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)"},
           {"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END", 1},
           {"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END", 1},
           {"CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$", 2},
           {"CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()", 2},
       }},
      // The proactive-discovery workflow (store/queue_store.h): runs, queue items with their
      // workflow state, visit records, rosters, and idempotent leads.
      {2,
       {
           {"CREATE TABLE discovery_runs (id {{ID}}, county TEXT NOT NULL, as_of TEXT NOT NULL, "
            "summary TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL)"},
           {"CREATE INDEX discovery_runs_county ON discovery_runs (county, id)"},
           {"ALTER TABLE discovery_queue ADD COLUMN run_id BIGINT NOT NULL DEFAULT 0"},
           {"ALTER TABLE discovery_queue ADD COLUMN change_kind TEXT NOT NULL DEFAULT ''"},
           {"ALTER TABLE discovery_queue ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]'"},
           {"ALTER TABLE discovery_queue ADD COLUMN suggested_programs TEXT NOT NULL DEFAULT '[]'"},
           {"ALTER TABLE discovery_queue ADD COLUMN key_category TEXT NOT NULL DEFAULT ''"},
           {"ALTER TABLE discovery_queue ADD COLUMN cadence TEXT NOT NULL DEFAULT ''"},
           {"ALTER TABLE discovery_queue ADD COLUMN state TEXT NOT NULL DEFAULT 'lead'"},
           {"ALTER TABLE discovery_queue ADD COLUMN reason TEXT NOT NULL DEFAULT ''"},
           {"ALTER TABLE discovery_queue ADD COLUMN application_no TEXT NOT NULL DEFAULT ''"},
           {"ALTER TABLE discovery_queue ADD COLUMN subject_id TEXT NOT NULL DEFAULT ''"},
           // One item per household and county: a later run updates it instead of adding one.
           {"CREATE UNIQUE INDEX discovery_queue_household ON discovery_queue (county, household_id) "
            "WHERE household_id <> ''"},
           {"CREATE INDEX discovery_queue_county ON discovery_queue (county, state, id)"},
           {"ALTER TABLE visits ADD COLUMN findings TEXT NOT NULL DEFAULT ''"},
           {"ALTER TABLE visits ADD COLUMN next_step TEXT NOT NULL DEFAULT ''"},
           {"CREATE INDEX visits_queue ON visits (queue_id, id)"},
           {"CREATE TABLE roster_entries (id {{ID}}, run_id BIGINT NOT NULL, county TEXT NOT NULL, "
            "township TEXT NOT NULL, category TEXT NOT NULL, household_id TEXT NOT NULL, id_number TEXT NOT NULL, "
            "name TEXT NOT NULL, age BIGINT NOT NULL, relation TEXT NOT NULL, detail TEXT NOT NULL)"},
           {"CREATE INDEX roster_entries_run ON roster_entries (run_id, township, category, id)"},
           // NULL for leads sent without one; a retried lead with the same client_id stores nothing.
           {"ALTER TABLE leads ADD COLUMN client_id TEXT"},
           {"CREATE UNIQUE INDEX leads_client_id ON leads (client_id)"},
       }},
      // PostgreSQL: the audit chain's head, one row that appenders lock (sql::append_audit_tx)
      // instead of the whole audit_log table. It starts at the current last row. SQLite has a
      // single writer that keeps the head in memory and needs no table.
      {3,
       {
           {"CREATE TABLE audit_head (id BIGINT PRIMARY KEY CHECK (id = 1), seq BIGINT NOT NULL, hash TEXT NOT NULL, "
            "prev_hash TEXT NOT NULL)", 2},
           {"INSERT INTO audit_head (id, seq, hash, prev_hash) SELECT 1, COALESCE(MAX(seq), 0), "
            "COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64)), '' FROM audit_log", 2},
       }},
      // SQLite: the three tables every submission writes lose work that bought nothing.
      // AUTOINCREMENT updated sqlite_sequence on every insert (it only stops a deleted highest id
      // from coming back, and these rows are never deleted); audit_log's BIGINT PRIMARY KEY was a
      // second index beside the rowid, where INTEGER PRIMARY KEY is the rowid itself. Each table is
      // copied row for row (ids, sequence numbers and hashes unchanged) into its new form.
      // DROP TABLE fires no triggers; the append-only triggers are made again on the new table.
      {4,
       {
           {"CREATE TABLE applications_v4 (id INTEGER PRIMARY KEY, application_no TEXT NOT NULL UNIQUE, "
            "client_id TEXT NOT NULL UNIQUE, township TEXT NOT NULL, county TEXT NOT NULL, kiosk_id TEXT NOT NULL, "
            "channel TEXT NOT NULL, programs TEXT NOT NULL, status TEXT NOT NULL, priority BIGINT NOT NULL, "
            "received_at TEXT NOT NULL, updated_at TEXT NOT NULL, due_date TEXT NOT NULL, id_last4 TEXT NOT NULL, "
            "assigned_to TEXT NOT NULL DEFAULT '', body TEXT NOT NULL)", 1},
           {"INSERT INTO applications_v4 SELECT id, application_no, client_id, township, county, kiosk_id, channel, "
            "programs, status, priority, received_at, updated_at, due_date, id_last4, assigned_to, body "
            "FROM applications ORDER BY id", 1},
           {"DROP TABLE applications", 1},
           {"ALTER TABLE applications_v4 RENAME TO applications", 1},
           {"CREATE INDEX applications_township ON applications (township, priority, id)", 1},
           {"CREATE INDEX applications_county ON applications (county, priority, id)", 1},
           {"CREATE TABLE case_events_v4 (id INTEGER PRIMARY KEY, application_no TEXT NOT NULL, at TEXT NOT NULL, "
            "actor TEXT NOT NULL, from_status TEXT NOT NULL, to_status TEXT NOT NULL, note TEXT NOT NULL)", 1},
           {"INSERT INTO case_events_v4 SELECT id, application_no, at, actor, from_status, to_status, note "
            "FROM case_events ORDER BY id", 1},
           {"DROP TABLE case_events", 1},
           {"ALTER TABLE case_events_v4 RENAME TO case_events", 1},
           {"CREATE INDEX case_events_app ON case_events (application_no, id)", 1},
           {"CREATE TABLE audit_log_v4 (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, "
            "role TEXT NOT NULL, action TEXT NOT NULL, record_type TEXT NOT NULL, record_id TEXT NOT NULL, "
            "township TEXT NOT NULL, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)", 1},
           {"INSERT INTO audit_log_v4 SELECT seq, at, actor, role, action, record_type, record_id, township, detail, "
            "prev_hash, hash FROM audit_log ORDER BY seq", 1},
           {"DROP TABLE audit_log", 1},
           {"ALTER TABLE audit_log_v4 RENAME TO audit_log", 1},
           {"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END", 1},
           {"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END", 1},
       }},
      // ops: one-time kiosk enrolment codes (store/enrolment_store.h), kept as hashes; used_at
      // is set when a code is exchanged for a token.
      {5,
       {
           {"CREATE TABLE kiosk_enrolments (code_hash TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, township TEXT NOT NULL, "
            "created_at TEXT NOT NULL, expires_unix BIGINT NOT NULL, used_at TEXT NOT NULL DEFAULT '')"},
       }},
      // console: calls for help from a kiosk to the hall staff of its township (help_call_store.h);
      // client_id UNIQUE makes a retried call (the kiosk's outbox retries) one call. And county
      // parameter versions.
      {6,
       {
           {"CREATE TABLE help_calls (id {{ID}}, client_id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, "
            "township TEXT NOT NULL, county TEXT NOT NULL, screen TEXT NOT NULL, requested_at TEXT NOT NULL, "
            "received_at TEXT NOT NULL, status TEXT NOT NULL, answered_at TEXT NOT NULL DEFAULT '', "
            "answered_by TEXT NOT NULL DEFAULT '')"},
           {"CREATE INDEX help_calls_open ON help_calls (township, status, id)"},
           // console: county parameters entered with their citations (county_params_store.h);
           // every version kept, none overwritten.
           {"CREATE TABLE county_params (id {{ID}}, county TEXT NOT NULL, effective_from TEXT NOT NULL, "
            "body TEXT NOT NULL, created_by TEXT NOT NULL, created_at TEXT NOT NULL)"},
           {"CREATE INDEX county_params_in_force ON county_params (county, effective_from, id)"},
           // console: the list pages at a county of a million residents (docs/console.md,
           // Benchmark). The queue's default order (score DESC, id) read straight from an index
           // and stopped at the page's LIMIT instead of sorting the county's whole queue; the
           // ledger's columns from an index alone instead of the rows with their evidence.
           {"CREATE INDEX discovery_queue_county_score ON discovery_queue (county, status, score DESC, id)"},
           {"CREATE INDEX discovery_queue_township_score ON discovery_queue (township, status, score DESC, id)"},
           {"CREATE INDEX discovery_queue_ledger ON discovery_queue (county, created_at, id, township, state, "
            "updated_at, application_no, flags)"},
       }},
      // ops: the latest heartbeat of each kiosk (store/kiosk_status_store.h): devices, outbox
      // backlog, clock. One row per kiosk, replaced by each report; '' for "none".
      {7,
       {
           {"CREATE TABLE kiosk_status (kiosk_id TEXT PRIMARY KEY, township TEXT NOT NULL, reported_at TEXT NOT NULL, "
            "received_at TEXT NOT NULL, received_unix BIGINT NOT NULL, clock_offset_seconds BIGINT NOT NULL, "
            "reader TEXT NOT NULL, camera TEXT NOT NULL, printer TEXT NOT NULL, paper TEXT NOT NULL, "
            "outbox_backlog BIGINT NOT NULL, outbox_oldest_at TEXT NOT NULL DEFAULT '', app_version TEXT NOT NULL)"},
       }},
      // ops: PostgreSQL only: the big tables partitioned by county (store/pg_partitions.h).
      {8, postgresql_only(pg_partition_migration())},
      // console: a discovery item closed with a reason code (queue/workflow.h CloseReason), its note
      // and date, so that the ledger counts false alarms by reason; its covering index gains them.
      // And the steps of referrals.
      {9,
       {
           {"ALTER TABLE discovery_queue ADD COLUMN close_code TEXT NOT NULL DEFAULT ''"},
           {"ALTER TABLE discovery_queue ADD COLUMN close_note TEXT NOT NULL DEFAULT ''"},
           {"ALTER TABLE discovery_queue ADD COLUMN closed_at TEXT NOT NULL DEFAULT ''"},
           {"DROP INDEX discovery_queue_ledger"},
           {"CREATE INDEX discovery_queue_ledger ON discovery_queue (county, created_at, id, township, state, "
            "updated_at, application_no, flags, close_code, closed_at)"},
           // console: every step of a referral (sent with its reason, accepted, done, returned) for
           // the case's timeline (referral_steps_store.h).
           {"CREATE TABLE referral_steps (id {{ID}}, referral_id TEXT NOT NULL, application_no TEXT NOT NULL, "
            "department TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, step TEXT NOT NULL, note TEXT NOT NULL)"},
           {"CREATE INDEX referral_steps_case ON referral_steps (application_no, id)"},
           {"CREATE INDEX referral_steps_referral ON referral_steps (referral_id, id)"},
       }},
      // county: the county view (store/county_overview_store.h): the overdue list read in due-date
      // order from an index; the per-township queue counts from an index alone.
      {10,
       {
           {"CREATE INDEX applications_county_due ON applications (county, due_date, id)"},
           {"CREATE INDEX discovery_queue_county_township ON discovery_queue (county, township, status, visit_due)"},
           // county: staff accounts a county administrator switched off (store/staff_store.h).
           {"ALTER TABLE users ADD COLUMN active BIGINT NOT NULL DEFAULT 1"},
           // county: the ledger's untouched bulk (state lead, no application) counted per township,
           // first-flag time and flags straight from this index, in its order (discovery_ledger_store);
           // a township's ledger reads only its own range.
           {"CREATE INDEX discovery_queue_ledger_state ON discovery_queue (county, state, application_no, township, "
            "created_at, flags)"},
           // county: the State Council's holiday notices as entered (store/calendar_notice_store.h);
           // every entry kept, the latest of a year in force.
           {"CREATE TABLE calendar_notices (id {{ID}}, year BIGINT NOT NULL, document_number TEXT NOT NULL, "
            "title TEXT NOT NULL, published_on TEXT NOT NULL, holidays TEXT NOT NULL, workdays TEXT NOT NULL, "
            "created_by TEXT NOT NULL, created_at TEXT NOT NULL)"},
       }},
      // console: each township's service hall as its county entered it (store/hall_store.h), the
      // name, address and phone printed on the receipts and forms the server makes.
      {11,
       {
           {"CREATE TABLE halls (township TEXT PRIMARY KEY, county TEXT NOT NULL, name TEXT NOT NULL, "
            "address TEXT NOT NULL, phone TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at TEXT NOT NULL)"},
       }},
      // A referral's status is typed (intake/referral_workflow.h ReferralStatus): a schema-v1
      // database may hold the first draft's "open" (referred, nothing done by the department yet),
      // which is what sent means now; renamed so that every stored status converts.
      {12,
       {
           {"UPDATE referrals SET status = 'sent' WHERE status = 'open'"},
       }},
  };
  return list;
}

std::string fill(std::string sql, Backend backend) {
  auto replace = [&](const std::string& token, const std::string& with) {
    for (size_t pos; (pos = sql.find(token)) != std::string::npos;) sql.replace(pos, token.size(), with);
  };
  replace("{{ID}}", backend == Backend::postgresql ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace("{{REAL}}", backend == Backend::postgresql ? "DOUBLE PRECISION" : "REAL");
  return sql;
}

}  // namespace

int latest_schema_version() { return migrations().back().version; }

Status migrate(Database& db, int up_to) {
  const int target = up_to > 0 ? std::min(up_to, latest_schema_version()) : latest_schema_version();
  return db.write([target](Tx& tx) -> Status {
    auto& s = tx.session();
    if (tx.postgres()) {
      // Two servers starting at once must not both migrate.
      s << "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)", now;
      s << "LOCK TABLE schema_version IN EXCLUSIVE MODE", now;
    } else {
      s << "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)", now;
    }
    Poco::Int64 current = 0;
    Poco::Int64 rows = 0;
    s << "SELECT COUNT(*) FROM schema_version", into(rows), now;
    if (rows > 0) s << "SELECT MAX(version) FROM schema_version", into(current), now;
    if (current > latest_schema_version()) {
      // ops: name both versions, so that the administrator knows which build to install.
      return make_error("schema_too_new", "the database has schema version " + std::to_string(current) +
                                              ", newer than this jiuzhu-server knows (" +
                                              std::to_string(latest_schema_version()) +
                                              "): it was migrated by a newer build; run that build or a newer one "
                                              "(downgrades are not supported: restore a backup taken before the upgrade)");
    }
    for (const auto& m : migrations()) {
      if (m.version <= current || m.version > target) continue;
      for (const auto& st : m.statements) {
        if (st.only == 1 && tx.postgres()) continue;
        if (st.only == 2 && !tx.postgres()) continue;
        s << fill(st.sql, tx.backend()), now;
      }
      Poco::Int64 v = m.version;
      s << tx.q("INSERT INTO schema_version (version) VALUES (?)"), Poco::Data::Keywords::use(v), now;
    }
    return Ok{};
  });
}

}  // namespace jiuzhu::backend
