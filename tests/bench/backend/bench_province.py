#!/usr/bin/env python3
"""Province benchmark (issue #19, docs/operations.md "A province"): PostgreSQL partitioned by
county with 100 counties loaded, intake and discovery for one county while a writer loads the
others, against the same county alone on an unpartitioned database.

  python3 tests/bench/backend/bench_province.py --server build/bin/jiuzhu-server \
      --bench-intake build/bin/bench_intake [--pg-url URL] [--counties 100] [--apps 3000]

What it does:
  1. A throwaway PostgreSQL (deploy/postgres-test-server) unless --pg-url names one (an admin
     URL: two databases are created on it and dropped at the end).
  2. "province": jiuzhu-server migrates it (schema with partitioned tables), every county gets
     its partitions (jiuzhu_ensure_county_partitions), then per county: --apps applications with
     one case event and one audit entry each, --queue discovery queue items, --visits visits,
     loaded with COPY. The measured county (450326) has the same, except its discovery queue,
     which its own discovery run makes.
  3. "single": the same schema with the five big tables turned back into plain tables (same
     columns, keys and indexes, no partitions), and only the measured county's rows.
  4. Three phases, each: intake = bench_intake --only postgresql (its kiosk is in 450326101), then
     one discovery run (POST /api/v1/discovery/runs) on the synthetic feeds of 450326 with
     --residents residents (jiuzhu-server synth):
       single          the unpartitioned database;
       province_quiet  the partitioned one, nothing else running (the cost of the partitions);
       province        the partitioned one while a writer COPYs applications, case events, queue
                       items and visits of the other counties all along (its rows/s reported);
                       the measured county's queue is emptied first (TRUNCATE of its partition).
Prints one JSON object on the last line. Figures from a shared machine are noisy: say so.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
MEASURED = "450326"
TABLES = ["applications", "case_events", "discovery_queue", "visits", "audit_log"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def psql(url, sql, stdin=None):
    r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql], input=stdin,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"psql failed: {sql[:120]}: {r.stderr}")
    return r.stdout


def scalar(url, sql):
    return subprocess.run(["psql", "-X", "-tA", "-d", url, "-c", sql], capture_output=True, text=True,
                          check=True).stdout.strip()


def counties(n):
    """n real county codes of Guangxi and its neighbours (assets/data/regions.csv), 450326 first."""
    out = [MEASURED]
    with open(os.path.join(ROOT, "assets/data/regions.csv"), encoding="utf-8") as f:
        for line in f:
            code = line.split(",", 1)[0]
            if len(code) == 6 and code.isdigit() and code[4:] != "00" and code[:2] in ("45", "44", "43", "52", "53"):
                if code != MEASURED:
                    out.append(code)
    if len(out) < n:
        raise SystemExit(f"only {len(out)} counties known")
    return out[:n]


def csv_line(values):
    cells = []
    for v in values:
        s = str(v)
        cells.append('"' + s.replace('"', '""') + '"' if not s or any(c in s for c in ',"\n') else s)  # "" is not NULL
    return ",".join(cells) + "\n"


APP_COLS = "application_no, client_id, township, county, kiosk_id, channel, programs, status, priority, " \
           "received_at, updated_at, due_date, id_last4, body"
EVENT_COLS = "application_no, at, actor, from_status, to_status, note"
QUEUE_COLS = "township, county, household_id, source, score, flags, status, state, created_at, updated_at"
VISIT_COLS = "visit_id, queue_id, township, county, visited_on, caseworker, outcome, note, next_visit_due, created_at"
AUDIT_COLS = "seq, at, actor, role, action, record_type, record_id, township, detail, prev_hash, hash"
COLS = {"applications": APP_COLS, "case_events": EVENT_COLS, "discovery_queue": QUEUE_COLS, "visits": VISIT_COLS,
        "audit_log": AUDIT_COLS}
BODY = json.dumps({"programs": ["dibao"], "household": {"members": [{"relation": "self", "age": 67}]},
                   "note": "x" * 200}, separators=(",", ":"))
STATUSES = ["received", "investigating", "under_review", "approved", "rejected"]


class Loader:
    """Synthetic rows of a county, made the same way for both databases (seeded per county)."""

    def __init__(self, apps, queue, visits):
        self.apps, self.queue, self.visits = apps, queue, visits
        self.audit_seq = 0
        self.batch = 0

    def county_rows(self, county, tag, with_queue=True, with_audit=True):
        rnd = random.Random(f"{county}-{tag}")
        apps, events, queue, visits, audit = [], [], [], [], []
        for i in range(self.apps):
            town = county + f"{100 + i % 12:03d}"
            day = f"2026-{9 + i % 2:02d}-{1 + i % 28:02d}"
            no = f"{town}-{tag}{day.replace('-', '')}-{i:05d}"
            at = day + "T10:00:00+08:00"
            apps.append(csv_line([no, str(uuid.UUID(int=rnd.getrandbits(128))), town, county, "K-" + town, "kiosk",
                                  '["dibao"]', rnd.choice(STATUSES), 0, at, at, "2026-12-20", "123X", BODY]))
            events.append(csv_line([no, at, "kiosk:K-" + town, "", "received", ""]))
            if with_audit:
                self.audit_seq += 1
                audit.append(csv_line([self.audit_seq, at, "kiosk:K-" + town, "kiosk", "submit", "application", no, town,
                                       "", "0" * 64, "%064x" % rnd.getrandbits(256)]))
        if with_queue:
            for i in range(self.queue):
                town = county + f"{100 + i % 12:03d}"
                queue.append(csv_line([town, county, f"H{county}{tag}{i:07d}", "discovery", round(rnd.random() * 10, 2),
                                       '["R01"]', "open", "lead", "2026-11-01T08:00:00+08:00",
                                       "2026-11-01T08:00:00+08:00"]))
            for i in range(self.visits):
                town = county + f"{100 + i % 12:03d}"
                visits.append(csv_line([f"V{town}-{tag}20261101-{i:05d}", i + 1, town, county, "2026-11-01", "cw",
                                        "visited", "", "2027-02-01", "2026-11-01T15:00:00+08:00"]))
        return {"applications": (APP_COLS, apps), "case_events": (EVENT_COLS, events),
                "discovery_queue": (QUEUE_COLS, queue), "visits": (VISIT_COLS, visits), "audit_log": (AUDIT_COLS, audit)}


def copy_in(url, table, cols, lines):
    if not lines:
        return 0
    psql(url, f"\\copy {table} ({cols}) FROM STDIN WITH (FORMAT csv)", stdin="".join(lines))
    return len(lines)


def load(url, loader, county_list, measured_queue):
    rows = 0
    t0 = time.monotonic()
    batch = {t: [] for t in TABLES}
    for n, c in enumerate(county_list):
        parts = loader.county_rows(c, "A", with_queue=(c != MEASURED or measured_queue))
        for t, (cols, lines) in parts.items():
            batch[t].extend(lines)
        if (n + 1) % 10 == 0 or n + 1 == len(county_list):
            for t in TABLES:
                rows += copy_in(url, t, COLS[t], batch[t])
                batch[t] = []
            log(f"  loaded {n + 1}/{len(county_list)} counties, {rows} rows, {time.monotonic() - t0:.0f} s")
    # The chain head follows the loaded audit rows, so that the server appends after them.
    psql(url, "UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_log), "
              "hash = (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1)")
    psql(url, "ANALYZE")
    return rows, time.monotonic() - t0


def unpartition(url):
    """The same tables without partitions: columns, defaults, keys and indexes copied by LIKE."""
    psql(url, "DROP TRIGGER kiosks_county_partitions ON kiosks; DROP TRIGGER users_county_partitions ON users")
    for t in TABLES:
        seq = "" if t == "audit_log" else f"ALTER SEQUENCE {t}_id_seq OWNED BY {t}_plain.id;"
        psql(url, f"CREATE TABLE {t}_plain (LIKE {t} INCLUDING ALL); {seq} DROP TABLE {t}; "
                  f"ALTER TABLE {t}_plain RENAME TO {t}")
    psql(url, "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW "
              "EXECUTE FUNCTION audit_log_append_only()")


class Writer(threading.Thread):
    """Loads the other counties while the measured county works: COPY batches of applications,
    case events, queue items and visits (no audit rows: the server's audit chain is its own)."""

    def __init__(self, url, loader, others):
        super().__init__(daemon=True)
        self.url, self.others, self.rows, self.stop = url, others, 0, threading.Event()
        self.loader = Loader(500, 300, 100)
        self.seconds = 0.0

    def run(self):
        t0 = time.monotonic()
        n = 0
        while not self.stop.is_set():
            c = self.others[n % len(self.others)]
            parts = self.loader.county_rows(c, f"W{n}", with_audit=False)
            for t, (cols, lines) in parts.items():
                self.rows += copy_in(self.url, t, cols, lines)
            n += 1
        self.seconds = time.monotonic() - t0


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd[:3]} failed: {r.stderr[-2000:]}")
    return r.stdout


def http(port, method, path, body=None, token=None, timeout=900):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=None if body is None else json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b"null")


def discovery(server, url, feeds, work, tag):
    """One discovery run for the measured county through the API; seconds of the request."""
    data = os.path.join(work, "data")
    os.makedirs(os.path.join(data, "feeds"), exist_ok=True)
    link = os.path.join(data, "feeds", "run1")
    if not os.path.exists(link):
        os.symlink(feeds, link)
    login = f"bench{os.getpid()}{tag.replace('_', '')}"
    run([server, "user", "add", "--login", login, "--role", "county_admin", "--county", MEASURED, "--db", url],
        input=f"pw-{login}-secret\n")
    logf = open(os.path.join(work, "server.log"), "w")
    p = subprocess.Popen([server, "serve", "--listen", "127.0.0.1:0", "--data-dir", data, "--db", url],
                         stdout=subprocess.PIPE, stderr=logf, text=True)
    try:
        port = None
        for line in p.stdout:  # "listening on 127.0.0.1:PORT"
            if "127.0.0.1:" in line:
                port = int(line.rsplit(":", 1)[1].split()[0])
                break
        if port is None:
            raise RuntimeError("server did not start")
        token = http(port, "POST", "/api/v1/auth/login", {"login": login, "password": f"pw-{login}-secret"})["token"]
        t0 = time.monotonic()
        try:
            r = http(port, "POST", "/api/v1/discovery/runs", {"feeds_dir": "run1", "as_of": "2026-11-24"}, token)
        except Exception:
            logf.flush()
            log(f"discovery failed after {time.monotonic() - t0:.1f} s; server alive: {p.poll() is None}; its log:")
            log(open(os.path.join(work, "server.log")).read()[-3000:])
            raise
        seconds = time.monotonic() - t0
        return seconds, r.get("flagged"), r.get("new")
    finally:
        p.terminate()
        p.wait(timeout=30)
        logf.close()


def intake(bench, url, seconds, rounds, clients):
    out = run([bench, "--pg-url", url, "--only", "postgresql", "--seconds", str(seconds), "--rounds", str(rounds),
               "--clients", str(clients)])
    j = json.loads(out.strip().splitlines()[-1])["postgresql"]
    return {"acked_per_s": round(j["rps"], 1), "p50_ms": round(j["p50_ms"], 2), "p99_ms": round(j["p99_ms"], 2),
            "errors": j["errors"]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", default=os.path.join(ROOT, "build/bin/jiuzhu-server"))
    ap.add_argument("--bench-intake", default=os.path.join(ROOT, "build/bin/bench_intake"))
    ap.add_argument("--pg-url", default="")
    ap.add_argument("--counties", type=int, default=100)
    ap.add_argument("--apps", type=int, default=3000, help="applications per county (each with a case event and an audit entry)")
    ap.add_argument("--queue", type=int, default=2000, help="discovery queue items per county")
    ap.add_argument("--visits", type=int, default=500, help="visits per county")
    ap.add_argument("--residents", type=int, default=100000, help="residents of the measured county's feeds")
    ap.add_argument("--seconds", type=float, default=20, help="intake seconds per database")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--clients", type=int, default=32)
    a = ap.parse_args()

    started = time.monotonic()
    own_pg = not a.pg_url
    admin = a.pg_url or run([os.path.join(ROOT, "deploy/postgres-test-server"), "start"]).strip()
    work = tempfile.mkdtemp(prefix="bench-province-")
    base = admin.rsplit("/", 1)[0]
    dbs = {"province": base + "/bench_province", "single": base + "/bench_single"}
    result = {"machine": "shared" if os.cpu_count() and os.cpu_count() <= 4 else "unknown", "cpus": os.cpu_count(),
              "counties": a.counties, "per_county": {"applications": a.apps, "case_events": a.apps,
                                                     "audit": a.apps, "queue": a.queue, "visits": a.visits},
              "residents_measured_county": a.residents}
    try:
        feeds = os.path.join(work, "feeds-450326")
        run([a.server, "synth", "--county", MEASURED, "--residents", str(a.residents), "--seed", "19", "--out", feeds,
             "--as-of", "2026-11-24"])
        county_list = counties(a.counties)
        for name, url in dbs.items():
            psql(admin, f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]}")
            psql(admin, f"CREATE DATABASE {url.rsplit('/', 1)[1]}")
            run([a.server, "db", "partitions", "--db", url])  # migrates
        log("province: partitions for every county")
        psql(dbs["province"], "SELECT count(jiuzhu_ensure_county_partitions(c)) FROM unnest(ARRAY[" +
             ",".join(f"'{c}'" for c in county_list) + "]) AS c")
        log("single: plain tables")
        unpartition(dbs["single"])
        log("loading province")
        rows, secs = load(dbs["province"], Loader(a.apps, a.queue, a.visits), county_list, False)
        result["province_load"] = {"rows": rows, "seconds": round(secs, 1), "rows_per_s": round(rows / secs)}
        log("loading single")
        rows, secs = load(dbs["single"], Loader(a.apps, a.queue, a.visits), [MEASURED], False)
        result["single_load"] = {"rows": rows, "seconds": round(secs, 1)}
        result["partitions"] = int(scalar(dbs["province"], "SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r'"))

        # province_quiet: the partitioned database alone (the cost of the partitions); then
        # province: the same while a writer loads the other counties (the cost of neighbours).
        for name in ("single", "province_quiet", "province"):
            url = dbs["province" if name.startswith("province") else name]
            writer = None
            if name == "province":
                # The measured county's discovery starts from nothing again: its partitions emptied.
                psql(url, f"TRUNCATE discovery_queue_c{MEASURED}; DELETE FROM discovery_runs WHERE county = '{MEASURED}'; "
                          f"DELETE FROM roster_entries WHERE county = '{MEASURED}'")
                writer = Writer(url, None, county_list[1:])
                writer.start()
                time.sleep(2)
            log(f"{name}: intake")
            fig = {"intake": intake(a.bench_intake, url, a.seconds, a.rounds, a.clients)}
            log(f"{name}: discovery")
            secs, flagged, new = discovery(a.server, url, feeds, os.path.join(work, name), name)
            fig["discovery"] = {"seconds": round(secs, 2), "flagged": flagged, "new": new}
            if writer:
                writer.stop.set()
                writer.join()
                fig["writer"] = {"rows": writer.rows, "rows_per_s": round(writer.rows / max(writer.seconds, 1e-9))}
            result[name] = fig
            log(f"{name}: {json.dumps(fig)}")
        result["ratio_quiet_to_single"] = {
            "acked_per_s": round(result["province_quiet"]["intake"]["acked_per_s"] / result["single"]["intake"]["acked_per_s"], 3),
            "p99": round(result["province_quiet"]["intake"]["p99_ms"] / result["single"]["intake"]["p99_ms"], 3),
            "discovery_seconds": round(result["province_quiet"]["discovery"]["seconds"] / result["single"]["discovery"]["seconds"], 3)}
        result["ratio_province_to_single"] = {
            "acked_per_s": round(result["province"]["intake"]["acked_per_s"] / result["single"]["intake"]["acked_per_s"], 3),
            "p99": round(result["province"]["intake"]["p99_ms"] / result["single"]["intake"]["p99_ms"], 3),
            "discovery_seconds": round(result["province"]["discovery"]["seconds"] / result["single"]["discovery"]["seconds"], 3)}
    finally:
        for url in dbs.values():
            subprocess.run(["psql", "-X", "-q", "-d", admin, "-c", f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]}"],
                           capture_output=True)
        if own_pg:
            subprocess.run([os.path.join(ROOT, "deploy/postgres-test-server"), "stop", admin], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)
    result["wall_seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
