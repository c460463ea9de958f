#!/usr/bin/env python3
"""Backup under load (issue #19): how long `jiuzhu-server backup` takes on a database of N
applications while clients keep submitting, and what it does to their latency.

Starts jiuzhu-server (SQLite) in a temporary directory, loads N applications, then per run:
a window of submissions without a backup, and the same load while `backup` runs (it copies,
writes the zip and verifies it). Prints one JSON object on its last line: per-run and median
backup seconds, archive bytes, and acked/s, p50 and p99 of submissions without and during backup.

usage: bench_backup.py --server build/bin/jiuzhu-server [--applications 20000] [--clients 8]
                       [--runs 3] [--window 4]
Only the Python standard library; the client runs on the same machine as the server.
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(birth="19500315", seq=123):
    body = "450326" + birth + "%03d" % seq
    check = "10X98765432"[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]
    return body + check


def application(client_id):
    idn = id_number()
    member = {"id_number": idn, "name": "张三", "relation": "self", "lives_together": True,
              "monthly_income": 200, "pension_monthly": 0, "disability": None, "serious_illness": False,
              "employment": "none", "student": None, "in_prison": False}
    return {"client_id": client_id, "township": "450326101", "channel": "kiosk", "programs": ["dibao"],
            "applicant": {"id_number": idn, "name": "张三", "phone": "13800000000", "address": "罗锦镇某村",
                          "card_read": True},
            "proxy": None,
            "household": {"hukou": "rural", "members": [member],
                          "assets": {"deposits": 0, "vehicles": 0, "extra_housing": 0},
                          "has_able_supporter": False, "receiving": []},
            "statement": "年老体弱，无固定收入", "documents": [],
            "consent": {"verification_authorized": True, "truthfulness_promised": True,
                        "signed_at": "2026-11-24T09:00:00+08:00"},
            "submitted_at": "2026-11-24T09:01:00+08:00"}


class Load:
    """Clients submitting new applications until stopped; latencies of acked submissions."""

    def __init__(self, port, token, clients):
        self.port, self.token, self.clients = port, token, clients
        self.lock = threading.Lock()
        self.latencies = []
        self.errors = 0
        self.stop = threading.Event()
        self.threads = []

    def _client(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Content-Type": "application/json", "Authorization": "Bearer " + self.token}
        while not self.stop.is_set():
            body = json.dumps(application(str(uuid.uuid4())))
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/applications", body, headers)
                r = conn.getresponse()
                r.read()
                ok = r.status == 201
            except (OSError, http.client.HTTPException):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                ok = False
            dt = time.perf_counter() - t0
            with self.lock:
                if ok:
                    self.latencies.append(dt)
                else:
                    self.errors += 1

    def start(self):
        self.threads = [threading.Thread(target=self._client) for _ in range(self.clients)]
        for t in self.threads:
            t.start()

    def take(self):
        with self.lock:
            out, self.latencies = self.latencies, []
            errors, self.errors = self.errors, 0
        return out, errors

    def finish(self):
        self.stop.set()
        for t in self.threads:
            t.join()


def summary(latencies, seconds, errors):
    lat = sorted(latencies)
    pick = lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 2) if lat else None
    return {"acked_per_s": round(len(lat) / seconds, 1), "p50_ms": pick(0.5), "p99_ms": pick(0.99), "errors": errors}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", default="build/bin/jiuzhu-server")
    ap.add_argument("--applications", type=int, default=20000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--window", type=float, default=4.0)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as tmp:
        data = os.path.join(tmp, "data")
        token = subprocess.run([a.server, "kiosk", "add", "--id", "BENCH", "--township", "450326101", "--data-dir", data],
                               check=True, capture_output=True, text=True).stdout.strip()
        server = subprocess.Popen([a.server, "serve", "--listen", "127.0.0.1:0", "--data-dir", data],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        port = int(server.stdout.readline().strip().rsplit(":", 1)[1])
        load = Load(port, token, a.clients)
        load.start()
        t0 = time.time()
        loaded = 0
        while loaded < a.applications:
            time.sleep(0.5)
            lat, _ = load.take()
            loaded += len(lat)
        load_seconds = time.time() - t0
        runs = []
        for i in range(a.runs):
            load.take()
            time.sleep(a.window)
            quiet_lat, quiet_errors = load.take()
            quiet = summary(quiet_lat, a.window, quiet_errors)
            out = os.path.join(tmp, "backup-%d.zip" % i)
            b0 = time.perf_counter()
            rc = subprocess.run([a.server, "backup", "--out", out, "--data-dir", data],
                                capture_output=True, text=True)
            backup_s = time.perf_counter() - b0
            lat, errors = load.take()
            during = summary(lat, backup_s, errors)
            runs.append({"backup_s": round(backup_s, 2), "exit": rc.returncode, "archive_bytes": os.path.getsize(out)
                         if os.path.exists(out) else 0, "verified": rc.stdout.strip(), "without_backup": quiet,
                         "during_backup": during})
            print(json.dumps(runs[-1], ensure_ascii=False), file=sys.stderr)
        load.finish()
        server.terminate()
        server.wait(timeout=15)
        med = lambda f: statistics.median(f(r) for r in runs)
        print(json.dumps({
            "bench": "backup_under_load", "applications_loaded": loaded, "load_seconds": round(load_seconds, 1),
            "clients": a.clients, "runs": runs,
            "median_backup_s": med(lambda r: r["backup_s"]),
            "median_p99_ms_without": med(lambda r: r["without_backup"]["p99_ms"] or 0),
            "median_p99_ms_during": med(lambda r: r["during_backup"]["p99_ms"] or 0),
            "median_acked_per_s_without": med(lambda r: r["without_backup"]["acked_per_s"]),
            "median_acked_per_s_during": med(lambda r: r["during_backup"]["acked_per_s"]),
            "all_backups_exit_0": all(r["exit"] == 0 for r in runs)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
