#!/bin/sh
# Jiuzhu's discovery against DuckDB and PostgreSQL with the same rules on the same feeds, in one
# run (issue 18: ≥ 7× DuckDB, ≥ 25× PostgreSQL, ≤ 0.5 s and ≤ 1 GB for 1 M residents).
#
#   tests/bench/discovery/compare.sh [RESIDENTS]        (default 1000000)
#
# Environment: BUILD (default build; needs bin/discovery_bench, e.g.
# `cmake --build build --target discovery_bench`), FEEDS (default /tmp/jiuzhu-compare-RESIDENTS;
# the synthetic county, seed 1, is generated there once and reused), RUNS (default 3).
#
# Each system goes from the same CSV files to the ranked queue, RUNS times, median:
#   jiuzhu      discovery_bench: a forked child per run doing what `jiuzhu-server discover --out`
#               does (parse and validate the 11 feeds, join, rules, write the queue JSON file).
#   duckdb      duckdb_reference.mjs: empty in-memory database, COPY the CSV files, rules.sql.
#               @duckdb/node-api is pinned in package-lock.json here and installed with `npm ci`
#               when missing (a benchmark dependency, not the project's).
#   postgresql  pg_reference.sh: a throwaway cluster (deploy/postgres-test-server), \copy the CSV
#               files + VACUUM ANALYZE, rules.sql.
# Ratios are the other system's median total over Jiuzhu's median wall time; the rule-only
# times (tables already loaded) are given too. All three must flag the same households (count
# and score sum). Prints one JSON object on its last line. ~2 min for 1 M residents on an idle
# 2-core machine (+ ~1 min the first time, to synthesise the county).
set -eu
N=${1:-1000000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
FEEDS=${FEEDS:-/tmp/jiuzhu-compare-$N}
RUNS=${RUNS:-3}
AS_OF=2026-11-24
BENCH=$BUILD/bin/discovery_bench
[ -x "$BENCH" ] || { echo "compare.sh: $BENCH missing (cmake --build $BUILD --target discovery_bench)" >&2; exit 1; }
if [ ! -d "$HERE/node_modules/@duckdb/node-api" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund >&2)
fi
load_start=$(cut -d' ' -f1 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
t0=$(date +%s)
# Synthesise once (not timed), then time the runs.
jiuzhu=$("$BENCH" --residents "$N" --seed 1 --as-of "$AS_OF" --feeds "$FEEDS" --runs "$RUNS" --no-pg | tail -1)
duckdb=$(node "$HERE/duckdb_reference.mjs" "$FEEDS" "$AS_OF" "$RUNS" 2 | tail -1)
postgresql=$(sh "$HERE/pg_reference.sh" "$FEEDS" "$AS_OF" "$RUNS" | tail -1)
load_end=$(cut -d' ' -f1 /proc/loadavg)
JIUZHU="$jiuzhu" DUCKDB="$duckdb" POSTGRESQL="$postgresql" STARTED="$started" COMMIT="$commit" \
LOAD_START="$load_start" LOAD_END="$load_end" ELAPSED=$(( $(date +%s) - t0 )) python3 - <<'PY'
import json, os
j = json.loads(os.environ["JIUZHU"]); d = json.loads(os.environ["DUCKDB"]); p = json.loads(os.environ["POSTGRESQL"])
ours = j["wall_seconds_median"]
ours_rules = j["stages"]["join"]["seconds_median"] + j["stages"]["rules"]["seconds_median"]
out = {
    "benchmark": "discovery_compare",
    "started": os.environ["STARTED"],
    "commit": os.environ["COMMIT"],
    "cores": os.cpu_count(),
    "loadavg_1min_start": float(os.environ["LOAD_START"]),
    "loadavg_1min_end": float(os.environ["LOAD_END"]),
    "script_seconds": int(os.environ["ELAPSED"]),
    "residents": j["residents"], "households": j["households"], "feeds_bytes": j["feeds_bytes"], "runs": j["runs"],
    "jiuzhu": {"seconds_median": ours, "seconds_runs": j["wall_seconds_runs"], "cpu_seconds_median": j["cpu_seconds_median"],
               "maxrss_mb": j["maxrss_mb_max"], "join_rules_seconds_median": ours_rules,
               "stages": {k: {"seconds_median": v["seconds_median"], "cpu_seconds_median": v["cpu_seconds_median"]}
                          for k, v in j["stages"].items()},
               "flagged": j["flagged"]},
    "duckdb": {"version": d["duckdb_version"], "threads": d["threads"], "seconds_median": d["duckdb_total_seconds_median"],
               "seconds_runs": d["duckdb_total_seconds_runs"], "load_seconds_median": d["duckdb_load_seconds_median"],
               "rules_seconds_median": d["duckdb_rules_seconds_median"],
               "cpu_seconds_median": d["duckdb_cpu_seconds_median"], "maxrss_mb": round(d["duckdb_maxrss_mb"], 1),
               "flagged": d["duckdb_flagged"], "score_sum": d["duckdb_score_sum"]},
    "postgresql": {"version": p["pg_version"], "seconds_median": p["pg_total_seconds_median"], "seconds_runs": p["pg_total_seconds_runs"],
                   "load_seconds_median": p["pg_load_seconds_median"], "rules_seconds_median": p["pg_rules_seconds_median"],
                   "maxrss_mb": None, "flagged": p["pg_flagged"], "score_sum": p["pg_score_sum"]},
}
out["ratio_duckdb_over_jiuzhu"] = round(out["duckdb"]["seconds_median"] / ours, 2)
out["ratio_postgresql_over_jiuzhu"] = round(out["postgresql"]["seconds_median"] / ours, 2)
out["ratio_rules_only_duckdb_over_jiuzhu"] = round(out["duckdb"]["rules_seconds_median"] / ours_rules, 2)
out["ratio_rules_only_postgresql_over_jiuzhu"] = round(out["postgresql"]["rules_seconds_median"] / ours_rules, 2)
out["ratio_cpu_duckdb_over_jiuzhu"] = round(d["duckdb_cpu_seconds_median"] / j["cpu_seconds_median"], 2)
out["same_flagged"] = j["flagged"] == d["duckdb_flagged"] == p["pg_flagged"]
out["jiuzhu"]["score_sum"] = j["score_sum"]
out["same_score_sum"] = abs(j["score_sum"] - d["duckdb_score_sum"]) < 1e-6 and abs(j["score_sum"] - float(p["pg_score_sum"])) < 1e-6
out["targets"] = {"jiuzhu_seconds": 0.5, "jiuzhu_maxrss_mb": 1024, "ratio_duckdb": 7, "ratio_postgresql": 25}
out["met"] = {"seconds": ours <= 0.5, "maxrss": j["maxrss_mb_max"] <= 1024,
              "ratio_duckdb": out["ratio_duckdb_over_jiuzhu"] >= 7, "ratio_postgresql": out["ratio_postgresql_over_jiuzhu"] >= 25}
out["note"] = ("each system: same CSV files to the ranked queue (load + rules), median of runs; "
               "postgresql maxrss not measured (server processes)")
print(json.dumps(out))
PY
