#!/bin/sh
# The discovery rules as SQL on a throwaway PostgreSQL (deploy/postgres-test-server), over the
# same CSV feeds. Each of RUNS runs empties the feed tables, loads the CSV files with \copy and
# VACUUM ANALYZE (timed: "load"), then runs the rule queries of rules.sql (psql \timing, summed
# over its statements: "rules"). Prints one JSON line with each run and the medians.
#
#   pg_reference.sh FEEDS_DIR AS_OF [RUNS]
set -eu
FEEDS=${1:?usage: pg_reference.sh FEEDS_DIR AS_OF [RUNS]}
AS_OF=${2:?usage: pg_reference.sh FEEDS_DIR AS_OF [RUNS]}
RUNS=${3:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
URL=$("$ROOT/deploy/postgres-test-server" start)
trap '"$ROOT/deploy/postgres-test-server" stop "$URL" >/dev/null 2>&1 || true' EXIT
PSQL="psql -X -q -v ON_ERROR_STOP=1 $URL"

$PSQL -c "ALTER SYSTEM SET work_mem = '256MB'" -c "ALTER SYSTEM SET max_parallel_workers_per_gather = 2" \
      -c "ALTER SYSTEM SET shared_buffers = '512MB'" -c "SELECT pg_reload_conf()" >/dev/null
$PSQL -f "$HERE/schema.sql" >/dev/null
TABLES="population civil_affairs disability medical_insurance health hr education housing emergency rural_revitalization income"
times=""
loads=""
totals=""
flagged=0
i=0
while [ $i -lt "$RUNS" ]; do
  $PSQL -c "TRUNCATE $(echo $TABLES | tr ' ' ',')" >/dev/null
  load_start=$(date +%s.%N)
  for t in $TABLES; do
    if [ -f "$FEEDS/$t.csv" ]; then
      $PSQL -c "\\copy $t FROM '$FEEDS/$t.csv' WITH (FORMAT csv, HEADER true)"
    fi
  done
  $PSQL -c "VACUUM ANALYZE" >/dev/null
  load_end=$(date +%s.%N)
  load_s=$(awk "BEGIN {printf \"%.3f\", $load_end - $load_start}")
  out=$($PSQL -v as_of="$AS_OF" -c 'SET client_min_messages = warning' -c '\timing on' -f "$HERE/rules.sql" -At)
  # Sum the statement times (the last statement, the count, is not part of the rules).
  ms=$(printf '%s\n' "$out" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | awk '{t[NR]=$1} END {s=0; for (k=1;k<NR;k++) s+=t[k]; printf "%.1f", s}')
  result=$(printf '%s\n' "$out" | grep -E '^[0-9]+ [0-9.]+$' | tail -1)
  flagged=${result% *}
  score_sum=${result#* }
  times="$times $ms"
  loads="$loads $load_s"
  totals="$totals $(awk "BEGIN {printf \"%.3f\", $load_s + $ms / 1000}")"
  i=$((i + 1))
done
median_of() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
median=$(median_of $times)
version=$($PSQL -At -c "SHOW server_version")
printf '{"pg_version":"%s","pg_load_seconds_runs":[%s],"pg_load_seconds_median":%s,"pg_rules_ms_runs":[%s],"pg_rules_seconds_median":%.3f,"pg_total_seconds_runs":[%s],"pg_total_seconds_median":%s,"pg_flagged":%s,"pg_score_sum":%s}\n' \
  "$version" "$(echo $loads | tr ' ' ',')" "$(median_of $loads)" "$(echo $times | tr ' ' ',')" \
  "$(awk "BEGIN {print $median / 1000}")" "$(echo $totals | tr ' ' ',')" "$(median_of $totals)" "$flagged" "$score_sum"
