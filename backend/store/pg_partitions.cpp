#include "backend/store/pg_partitions.h"

#include "backend/store/sql_query.h"

namespace jiuzhu::backend {

const std::vector<std::string>& partitioned_tables() {
  static const std::vector<std::string> t = {"applications", "case_events", "discovery_queue", "visits", "audit_log"};
  return t;
}

const std::vector<const char*>& pg_partition_migration() {
  static const std::vector<const char*> s = {
      // The partition key of each table, as SQL over the row.
      R"(CREATE FUNCTION jiuzhu_partition_key(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
         SELECT CASE t WHEN 'case_events' THEN 'substr(application_no, 1, 6)'
                       WHEN 'audit_log' THEN 'substr(township, 1, 6)' ELSE 'county' END $$)",
      // audit_log stays append-only, except for the one move a new county's partition makes
      // (the row, its seq and its hash unchanged) while jiuzhu_ensure_county_partitions runs.
      R"(CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP = 'DELETE' AND current_setting('jiuzhu.partition_move', true) = 'on' THEN RETURN OLD; END IF;
           RAISE EXCEPTION 'audit_log is append-only';
         END $$)",
      // A county's partitions: made beside the parent, filled with the county's rows from
      // DEFAULT, then attached (PostgreSQL adds the parent's keys, indexes and triggers).
      R"(CREATE FUNCTION jiuzhu_ensure_county_partitions(c text) RETURNS integer LANGUAGE plpgsql AS $$
         DECLARE t text; part text; made integer := 0;
         BEGIN
           IF c !~ '^[0-9]{6}$' THEN RETURN 0; END IF;
           FOREACH t IN ARRAY ARRAY['applications', 'case_events', 'discovery_queue', 'visits', 'audit_log'] LOOP
             part := t || '_c' || c;
             CONTINUE WHEN to_regclass(part) IS NOT NULL;
             EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, t);
             PERFORM set_config('jiuzhu.partition_move', 'on', true);
             EXECUTE format('WITH moved AS (DELETE FROM %I WHERE %s = %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
                            t || '_default', jiuzhu_partition_key(t), c, part);
             PERFORM set_config('jiuzhu.partition_move', 'off', true);
             EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES IN (%L)', t, part, c);
             made := made + 1;
           END LOOP;
           RETURN made;
         END $$)",
      // The indexes the plain tables have besides their keys — whichever migrations made them —
      // to be made again on the partitioned tables under the same names.
      "CREATE TEMP TABLE jiuzhu_index_defs ON COMMIT DROP AS SELECT i.indexname AS name, i.indexdef AS def "
      "FROM pg_indexes i WHERE i.schemaname = current_schema() "
      "AND i.tablename IN ('applications', 'case_events', 'discovery_queue', 'visits', 'audit_log') "
      "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)",
      // Each table: the plain one renamed aside, the partitioned one made like it (same columns,
      // defaults and sequences), with its DEFAULT partition.
      R"(DO $$
         DECLARE t text;
         BEGIN
           FOREACH t IN ARRAY ARRAY['applications', 'case_events', 'discovery_queue', 'visits', 'audit_log'] LOOP
             EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_unpartitioned');
             EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS) PARTITION BY LIST (%s)',
                            t, t || '_unpartitioned', jiuzhu_partition_key(t));
             EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t || '_default', t);
           END LOOP;
         END $$)",
      // A partition for every county the data, the kiosks and the users name.
      R"(DO $$
         DECLARE c text;
         BEGIN
           FOR c IN SELECT county FROM applications_unpartitioned UNION SELECT county FROM discovery_queue_unpartitioned
                    UNION SELECT county FROM visits_unpartitioned UNION SELECT substr(township, 1, 6) FROM kiosks
                    UNION SELECT county FROM users UNION SELECT substr(township, 1, 6) FROM users LOOP
             PERFORM jiuzhu_ensure_county_partitions(c);
           END LOOP;
         END $$)",
      // The rows, column for column (LIKE kept the order); then the sequences follow the new
      // tables and the plain ones go.
      R"(DO $$
         DECLARE t text; seq text;
         BEGIN
           FOREACH t IN ARRAY ARRAY['applications', 'case_events', 'discovery_queue', 'visits', 'audit_log'] LOOP
             EXECUTE format('INSERT INTO %I SELECT * FROM %I', t, t || '_unpartitioned');
             IF t <> 'audit_log' THEN  -- audit_log is numbered by seq, without a sequence
               seq := pg_get_serial_sequence(t || '_unpartitioned', 'id');
               EXECUTE format('ALTER SEQUENCE %s OWNED BY %I.id', seq, t);
             END IF;
             EXECUTE format('DROP TABLE %I', t || '_unpartitioned');
           END LOOP;
         END $$)",
      // Keys (with the partition column, as PostgreSQL requires); plain indexes for lookups by id
      // or number alone.
      "ALTER TABLE applications ADD PRIMARY KEY (county, id)",
      "ALTER TABLE applications ADD CONSTRAINT applications_county_no UNIQUE (county, application_no)",
      "ALTER TABLE applications ADD CONSTRAINT applications_county_client UNIQUE (county, client_id)",
      "CREATE INDEX applications_no ON applications (application_no)",
      "CREATE INDEX applications_client ON applications (client_id)",
      "ALTER TABLE discovery_queue ADD PRIMARY KEY (county, id)",
      "CREATE INDEX discovery_queue_id ON discovery_queue (id)",
      "CREATE INDEX discovery_queue_lead ON discovery_queue (lead_id)",
      "ALTER TABLE visits ADD PRIMARY KEY (county, id)",
      "ALTER TABLE visits ADD CONSTRAINT visits_county_visit UNIQUE (county, visit_id)",
      "CREATE INDEX visits_visit_id ON visits (visit_id)",
      "CREATE INDEX audit_log_seq ON audit_log (seq)",
      // The other indexes as they were (a unique one without the county, which PostgreSQL
      // refuses on a partitioned table, is kept as a plain index).
      R"(DO $$
         DECLARE r record;
         BEGIN
           FOR r IN SELECT name, def FROM jiuzhu_index_defs ORDER BY name LOOP
             BEGIN
               EXECUTE r.def;
             EXCEPTION WHEN invalid_table_definition OR feature_not_supported THEN
               EXECUTE replace(r.def, 'CREATE UNIQUE INDEX', 'CREATE INDEX');
             END;
           END LOOP;
         END $$)",
      "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION "
      "audit_log_append_only()",
      // A county's first kiosk or user makes its partitions.
      R"(CREATE FUNCTION jiuzhu_county_arrives() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_TABLE_NAME = 'users' THEN  -- (kiosks have no county column: NEW.county is read only here)
             PERFORM jiuzhu_ensure_county_partitions(NEW.county);
           END IF;
           PERFORM jiuzhu_ensure_county_partitions(substr(NEW.township, 1, 6));
           RETURN NULL;
         END $$)",
      "CREATE TRIGGER kiosks_county_partitions AFTER INSERT ON kiosks FOR EACH ROW EXECUTE FUNCTION jiuzhu_county_arrives()",
      "CREATE TRIGGER users_county_partitions AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION jiuzhu_county_arrives()",
  };
  return s;
}

Status ensure_county_partitions(Database& db, const std::string& county) {
  if (county.size() != 6 || county.find_first_not_of("0123456789") != std::string::npos)
    return make_error("bad_county", "a county is six digits", "county");
  if (db.backend() != Backend::postgresql)
    return make_error("not_postgresql", "county partitions exist in PostgreSQL only");
  return db.write([&](Tx& tx) -> Status {
    sql::query(tx, "SELECT jiuzhu_ensure_county_partitions(?)", {county});
    return Ok{};
  });
}

Result<std::vector<PartitionRows>> list_partitions(Database& db, bool exact) {
  if (db.backend() != Backend::postgresql) return make_error("not_postgresql", "county partitions exist in PostgreSQL only");
  std::vector<PartitionRows> out;
  auto st = db.read([&](Tx& tx) -> Status {
    const sql::Rows rows = sql::query(
        tx,
        "SELECT p.relname, c.relname, pg_get_expr(c.relpartbound, c.oid), GREATEST(c.reltuples, 0)::bigint "
        "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE p.relname IN ('applications', 'case_events', 'discovery_queue', 'visits', 'audit_log') "
        "AND p.relkind = 'p' ORDER BY p.relname, c.relname");
    for (size_t i = 0; i < rows.size(); ++i) {
      PartitionRows r{rows.str(i, 0), rows.str(i, 1), rows.str(i, 2), rows.i64(i, 3)};
      if (r.bound.rfind("FOR VALUES IN ('", 0) == 0) r.bound = r.bound.substr(16, r.bound.size() - 18);
      if (exact) r.rows = sql::query(tx, "SELECT COUNT(*) FROM \"" + r.partition + "\"").i64(0, 0);
      out.push_back(std::move(r));
    }
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
