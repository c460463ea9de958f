#!/usr/bin/env bash
# run_journey.sh KIOSK BIN_DIR SCRIPT.kiosk — runs one kiosk journey under Xvfb with the
# simulated devices against a real jiuzhu-server on a free loopback port, in a temp directory.
#
# Directives in the script (lines starting "#! "):
#   #! backend                 start the backend before the kiosk
#   #! staff                   create hall staff 1001 (password 24681357)
#   #! args ARGS...            extra kiosk flags (e.g. --idle-seconds 2)
#   #! offline-then PHASE2 [SHOT]  run with the backend down; once the screenshot SHOT.png
#                              (default offline_receipt.png) exists, kill -9 the kiosk, start
#                              the backend and run PHASE2 (same data dir): it must upload what
#                              was saved
#   #! receipt-qr-then PHASE2  after the script, rasterise the printed receipt PDF to
#                              ${WORK}/receipt.png (pdftoppm) and run PHASE2
#   #! intake-count N          at the end, the backend's intake holds exactly N applications
#   #! help-call-kept-or-delivered  at the end, the kiosk's help call is either listed by
#                              GET /api/v1/help-calls (hall staff; the outbox holds no help call)
#                              or, while the backend answers that 404, still queued in the outbox
#   #! lead-resent-is-known    at the end, the lead the kiosk uploaded (its client_id is the name
#                              of its done/<id>.ack) POSTed again with that client_id is
#                              answered 200 (already stored), not 201: the kiosk sent it
# In scripts, ${ASSETS} and ${WORK} are replaced by the assets directory and the temp dir.
# Set KEEP_JOURNEY=1 to keep the temp dir (screenshots, logs) for inspection,
# SCREENSHOT_OUT=DIR to copy the screenshots there, KIOSK_EXTRA_ARGS for more kiosk flags.
set -uo pipefail
KIOSK=$1
BIN=$2
SCRIPT=$3
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
WORK=$(mktemp -d /tmp/kiosk-journey.XXXXXX)
SDATA=$WORK/server
KDATA=$WORK/kiosk
SHOTS=$WORK/shots
mkdir -p "$SDATA" "$KDATA" "$SHOTS"
SERVER_PID=""
KIOSK_RUNNER=""
SERVER=${JIUZHU_SERVER:-$BIN/jiuzhu-server}  # JIUZHU_SERVER overrides (another build's server)

cleanup() {
  if [ -n "$KIOSK_RUNNER" ]; then kill "$KIOSK_RUNNER" 2>/dev/null; wait "$KIOSK_RUNNER" 2>/dev/null; fi
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  if [ "${KEEP_JOURNEY:-}" = "1" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

fail() { echo "journey $(basename "$SCRIPT"): $*" >&2; [ -f "$WORK/server.log" ] && tail -5 "$WORK/server.log" >&2; exit 1; }
directive() { grep -E "^#! $1( |$)" "$SCRIPT" | head -1 | cut -d' ' -f3-; }
has_directive() { grep -qE "^#! $1( |$)" "$SCRIPT"; }

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

start_server() {
  "$SERVER" serve --listen "127.0.0.1:$PORT" --data-dir "$SDATA" > "$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    grep -q "listening on" "$WORK/server.log" 2>/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || fail "backend exited: $(tail -3 "$WORK/server.log")"
    sleep 0.2
  done
  fail "backend did not start"
}

# Accounts are created before the server runs (it migrates the same database on start).
"$SERVER" kiosk add --id kiosk-journey --township 450326101 --data-dir "$SDATA" > "$KDATA/kiosk.token" \
  2> "$WORK/admin.log" || fail "kiosk add failed: $(cat "$WORK/admin.log")"
if has_directive staff || has_directive intake-count; then
  echo 24681357 | "$SERVER" user add --login 1001 --role hall_staff --township 450326101 \
    --data-dir "$SDATA" > /dev/null 2>> "$WORK/admin.log" || fail "user add failed: $(cat "$WORK/admin.log")"
fi

"$BIN/kiosk_test_photo" "$WORK/page.jpg" || fail "cannot make the test photo"
mkdir -p "$KDATA/camera"

prepare() { sed -e "s|\${ASSETS}|$REPO/assets|g" -e "s|\${WORK}|$WORK|g" "$1" > "$2"; }
EXTRA=$(directive args)

run_kiosk() {  # run_kiosk SCRIPT → exit code
  # shellcheck disable=SC2086
  xvfb-run -a -s "-screen 0 1080x1920x24" "$KIOSK" --backend "http://127.0.0.1:$PORT" --data-dir "$KDATA" \
    --devices sim --script "$1" --screenshot-dir "$SHOTS" --backoff 0.2,1 $EXTRA ${KIOSK_EXTRA_ARGS:-}
}

prepare "$SCRIPT" "$WORK/phase1.kiosk"

if has_directive offline-then; then
  read -r PHASE2_NAME SHOT_NAME <<< "$(directive offline-then)"
  PHASE2="$HERE/scripts/$PHASE2_NAME"
  SHOT_NAME=${SHOT_NAME:-offline_receipt}
  run_kiosk "$WORK/phase1.kiosk" > "$WORK/kiosk1.log" 2>&1 &
  KIOSK_RUNNER=$!
  for _ in $(seq 1 600); do
    [ -f "$SHOTS/$SHOT_NAME.png" ] && break
    kill -0 "$KIOSK_RUNNER" 2>/dev/null || fail "phase 1 ended early: $(tail -3 "$WORK/kiosk1.log")"
    sleep 0.2
  done
  [ -f "$SHOTS/$SHOT_NAME.png" ] || fail "no $SHOT_NAME screenshot"
  # Power loss: the kiosk dies with no chance to clean up.
  KPID=$(pgrep -P "$KIOSK_RUNNER" -x jiuzhu-kiosk || true)
  [ -z "$KPID" ] && KPID=$(pgrep -P "$(pgrep -P "$KIOSK_RUNNER" | head -1)" -x jiuzhu-kiosk || true)
  [ -n "$KPID" ] || fail "cannot find the kiosk process to kill"
  kill -9 "$KPID"
  wait "$KIOSK_RUNNER" 2>/dev/null
  KIOSK_RUNNER=""
  start_server
  prepare "$PHASE2" "$WORK/phase2.kiosk"
  run_kiosk "$WORK/phase2.kiosk" > "$WORK/kiosk2.log" 2>&1 || fail "phase 2: $(tail -3 "$WORK/kiosk2.log")"
else
  has_directive backend && start_server
  run_kiosk "$WORK/phase1.kiosk" > "$WORK/kiosk1.log" 2>&1 || fail "$(tail -3 "$WORK/kiosk1.log")"
  if has_directive receipt-qr-then; then
    PDF=$(ls -t "$KDATA"/printed/*.pdf 2>/dev/null | head -1)
    [ -n "$PDF" ] || fail "no receipt was printed"
    pdftoppm -png -r 300 -singlefile "$PDF" "$WORK/receipt" || fail "pdftoppm failed"
    prepare "$HERE/scripts/$(directive receipt-qr-then)" "$WORK/phase2.kiosk"
    run_kiosk "$WORK/phase2.kiosk" > "$WORK/kiosk2.log" 2>&1 || fail "phase 2: $(tail -3 "$WORK/kiosk2.log")"
  fi
fi

if has_directive intake-count; then
  WANT=$(directive intake-count)
  TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"login":"1001","password":"24681357"}' \
    "http://127.0.0.1:$PORT/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') \
    || fail "staff login failed"
  GOT=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/intake?limit=100" |
    python3 -c 'import json,sys
j=json.load(sys.stdin)
items=j if isinstance(j,list) else next(v for v in j.values() if isinstance(v,list))
print(len(items))') || fail "intake query failed"
  [ "$GOT" = "$WANT" ] || fail "intake holds $GOT application(s), expected $WANT"
fi
if has_directive help-call-kept-or-delivered; then
  HELP_ITEMS=$(grep -l . "$KDATA"/outbox/items/*.item 2>/dev/null | wc -l)
  TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' -d '{"login":"1001","password":"24681357"}' \
    "http://127.0.0.1:$PORT/api/v1/auth/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') \
    || fail "staff login failed"
  CODE=$(curl -s -o "$WORK/help-calls.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$PORT/api/v1/help-calls")
  if [ "$CODE" = "404" ]; then
    [ "$HELP_ITEMS" = "1" ] || fail "the backend has no help-calls endpoint yet, so the call must still be queued; the outbox holds $HELP_ITEMS item(s)"
  else
    [ "$CODE" = "200" ] || fail "GET /api/v1/help-calls answered $CODE"
    ACKED=$(ls "$KDATA"/outbox/done/*.ack 2>/dev/null | head -1)
    [ -n "$ACKED" ] || fail "the backend lists help calls but the kiosk's was not acknowledged"
    grep -q "$(basename "$ACKED" .ack)" "$WORK/help-calls.json" || fail "the kiosk's help call is not listed"
    [ "$HELP_ITEMS" = "0" ] || fail "the delivered help call is still queued"
  fi
fi
if has_directive lead-resent-is-known; then
  ACK=$(ls "$KDATA"/outbox/done/*.ack 2>/dev/null | head -1)
  [ -n "$ACK" ] || fail "the kiosk has no acknowledged lead"
  CID=$(basename "$ACK" .ack)
  BODY='{"source":"kiosk","township":"450326101","subject":{"name":"重发"},"reporter":{"relation":"other"},"situation":"重发","urgent":false,"client_id":"'"$CID"'"}'
  CODE=$(curl -s -o "$WORK/resend.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $(cat "$KDATA/kiosk.token")" \
    -H 'Content-Type: application/json; charset=utf-8' -d "$BODY" "http://127.0.0.1:$PORT/api/v1/leads")
  [ "$CODE" = "200" ] || fail "the lead sent again with the kiosk's client_id got $CODE, expected 200: $(cat "$WORK/resend.json")"
fi
if [ -n "${SCREENSHOT_OUT:-}" ]; then mkdir -p "$SCREENSHOT_OUT" && cp "$SHOTS"/*.png "$SHOTS"/*.json "$SCREENSHOT_OUT"/ 2>/dev/null; fi
echo "journey $(basename "$SCRIPT"): passed"
