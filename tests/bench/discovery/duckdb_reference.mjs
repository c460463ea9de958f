// The discovery rules as SQL on DuckDB (in-process, @duckdb/node-api pinned in package-lock.json),
// over the same CSV feeds and with the same SQL as the PostgreSQL reference (schema.sql, rules.sql):
// each run starts from an empty in-memory database, loads the CSV files (COPY, DuckDB's parallel
// CSV reader) and runs the rule queries. Both parts are timed; RUNS runs; prints one JSON line.
//
//   node duckdb_reference.mjs FEEDS_DIR AS_OF [RUNS] [THREADS]
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [feeds, asOf, runsArg, threadsArg] = process.argv.slice(2);
if (!feeds || !/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) {
  console.error('usage: node duckdb_reference.mjs FEEDS_DIR AS_OF [RUNS] [THREADS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 3);
const threads = String(threadsArg ?? 2);
const here = dirname(fileURLToPath(import.meta.url));

// The PostgreSQL files, adapted only where DuckDB's dialect differs: no UNLOGGED tables, and the
// psql variable :'as_of' written as a literal.
const statements = (text) => text.split('\n').filter((l) => !l.trimStart().startsWith('--')).join('\n')
  .split(';').map((s) => s.trim()).filter((s) => s.length > 0);
const schema = statements(readFileSync(join(here, 'schema.sql'), 'utf8').replaceAll('CREATE UNLOGGED TABLE', 'CREATE TABLE'));
const rules = statements(readFileSync(join(here, 'rules.sql'), 'utf8').replaceAll(":'as_of'", `'${asOf}'`))
  .filter((s) => !s.startsWith('SELECT count(*)') && !s.startsWith('DROP TABLE'));  // a fresh database each run
const tables = ['population', 'civil_affairs', 'disability', 'medical_insurance', 'health', 'hr', 'education',
  'housing', 'emergency', 'rural_revitalization', 'income'];

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e9;

const load = [], rulesTime = [], total = [], cpu = [];
let flagged = 0, scoreSum = 0, version = '';
for (let r = 0; r < runs; ++r) {
  const t0 = now();
  const c0 = process.cpuUsage();
  const instance = await DuckDBInstance.create(':memory:', { threads });
  const con = await instance.connect();
  for (const s of schema) await con.run(s);
  for (const t of tables) {
    const file = join(feeds, `${t}.csv`);
    if (existsSync(file)) await con.run(`COPY ${t} FROM '${file.replaceAll("'", "''")}' (FORMAT csv, HEADER true)`);
  }
  const t1 = now();
  for (const s of rules) await con.run(s);
  const t2 = now();
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1e6);
  const res = await con.runAndReadAll('SELECT count(*)::BIGINT, coalesce(sum(score), 0)::DOUBLE FROM queue_sql');
  const row = res.getRows()[0];
  flagged = Number(row[0]);
  scoreSum = Number(row[1]);
  version = (await con.runAndReadAll('SELECT version()')).getRows()[0][0];
  con.closeSync();
  instance.closeSync();
  load.push(t1 - t0);
  rulesTime.push(t2 - t1);
  total.push(t2 - t0);
}
console.log(JSON.stringify({
  duckdb_version: version, threads: Number(threads), runs,
  duckdb_load_seconds_runs: load, duckdb_rules_seconds_runs: rulesTime, duckdb_total_seconds_runs: total,
  duckdb_load_seconds_median: median(load), duckdb_rules_seconds_median: median(rulesTime),
  duckdb_total_seconds_median: median(total),
  // Process CPU (all of DuckDB's threads) from the empty database to the queue: on a shared
  // machine the figure to compare with Jiuzhu's cpu_seconds_median.
  duckdb_cpu_seconds_runs: cpu, duckdb_cpu_seconds_median: median(cpu), duckdb_flagged: flagged, duckdb_score_sum: scoreSum,
  // Peak resident memory of this process (node + DuckDB) over all runs.
  duckdb_maxrss_mb: process.resourceUsage().maxRSS / 1024,
}));
