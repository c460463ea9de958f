#!/usr/bin/env bash
# bench_kiosk.sh BIN_DIR: start-up time, frame-time percentiles (wall and UI-thread CPU, all
# frames and the frames showing the live camera preview) and peak RSS (overall and per screen)
# of jiuzhu-kiosk on a scripted journey (attract → card → home → policy → apply → documents with
# the camera preview running → review), software rendering at 1080×1920 under Xvfb, simulated
# devices, no backend (the submission goes to the outbox). Runs RUNS times (default 3) and
# reports medians. CPU time per frame survives a loaded machine; wall time does not: the JSON
# carries the load average. Last stdout line: one JSON object.
set -euo pipefail
BIN=${1:?usage: bench_kiosk.sh BIN_DIR}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
WORK=$(mktemp -d /tmp/kiosk-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BIN/kiosk_test_photo" "$WORK/page.jpg"
"$BIN/kiosk_test_photo" "$WORK/desk.jpg" 1 empty
sed -e "s|\${ASSETS}|$REPO/assets|g" -e "s|\${WORK}|$WORK|g" "$HERE/journey.kiosk" > "$WORK/journey.kiosk"
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/data"
  xvfb-run -a -s "-screen 0 1080x1920x24" "$BIN/jiuzhu-kiosk" --devices sim --data-dir "$WORK/data" \
    --backend http://127.0.0.1:9 --submit-wait 0 --script "$WORK/journey.kiosk" --stats "$WORK/stats$i.json" \
    --screenshot-dir "$WORK" > "$WORK/log$i" 2>&1 || { cat "$WORK/log$i" >&2; exit 1; }
  cat "$WORK/stats$i.json"
done
python3 - "$WORK" "$RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)" <<'PY'
import json, statistics, sys
w, n, load = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = [json.load(open(f"{w}/stats{i}.json")) for i in range(1, n + 1)]
out = {"bench": "kiosk_journey", "runs": n, "resolution": "1080x1920", "renderer": "software",
       "loadavg_after": load}
for k, v in runs[0].items():
    if isinstance(v, (int, float)):
        out[k] = round(statistics.median(r[k] for r in runs), 2)
phases = runs[0]["peak_rss_mb_by_phase"].keys()
out["peak_rss_mb_by_phase"] = {p: round(statistics.median(r["peak_rss_mb_by_phase"].get(p, 0) for r in runs), 1)
                               for p in phases}
print(json.dumps(out, ensure_ascii=False))
PY
