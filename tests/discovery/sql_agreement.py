#!/usr/bin/env python3
"""The C++ discovery engine and the same rules in SQL must agree, household by household.

Generates a messy county with messy_county.py (not the project's synth), runs
`jiuzhu-server discover` on it, runs rules.sqlite.sql over the same files in an in-memory SQLite
database (CSV read by Python's csv module, not by the engine's reader), and compares:
  - the set of rules that fired for every household (flags per household);
  - the programs suggested to every household (exclusions remove suggestions, never flags);
  - the number of rows dropped per feed file (summary.files.<file>.errors).
Prints one JSON line with the counts; exit 1 on any disagreement, listing the first differences.

    sql_agreement.py --server PATH [--seed N] [--households N] [--keep DIR]
    sql_agreement.py --server PATH --feeds DIR     (an existing county, e.g. from `synth`)
"""
import argparse
import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = "2026-11-24"
COUNTY = "450326"
sys.path.insert(0, HERE)
from messy_county import CONTRACT_COLUMNS  # noqa: E402  (the contract's column list)


def table_name(file):
    return "raw_" + file[:-4]


def load(db, feeds):
    for file, cols in CONTRACT_COLUMNS.items():
        columns = cols.split(",")
        db.execute("CREATE TABLE %s (rn INTEGER, %s)" % (table_name(file), ", ".join(c + " TEXT" for c in columns)))
        path = os.path.join(feeds, file)
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            header = [h.strip(" \t") for h in next(reader)]
            pos = [header.index(c) for c in columns]
            rows = []
            for rn, rec in enumerate(reader):
                if not rec:
                    continue  # a blank line is not a record
                rows.append([rn] + [rec[i] for i in pos])
        db.executemany("INSERT INTO %s VALUES (%s)" % (table_name(file), ",".join("?" * (len(columns) + 1))), rows)


def sql_run(feeds):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE params (as_of TEXT, county TEXT)")
    db.execute("INSERT INTO params VALUES (?, ?)", (AS_OF, COUNTY))
    load(db, feeds)
    with open(os.path.join(HERE, "rules.sqlite.sql"), encoding="utf-8") as f:
        db.executescript(f.read())
    flags = {}
    for hid, rule in db.execute("SELECT household_id, rule FROM flags"):
        flags.setdefault(hid, set()).add(rule)
    dropped = dict(db.execute("SELECT file, rows FROM dropped"))
    suggested = {}
    for hid, program in db.execute("SELECT household_id, program FROM suggested"):
        suggested.setdefault(hid, set()).add(program)
    return flags, dropped, suggested


def check_rosters(folder):
    """Every township's roster CSV is whole: the header, then rows of nine fields, and a PDF beside it."""
    names = sorted(n for n in os.listdir(folder) if n.endswith(".csv"))
    if not names:
        sys.exit("rosters: no roster CSV written in " + folder)
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if not rows or rows[0][:3] != ["group", "group_name", "township"] or len(rows) < 2:
            sys.exit("rosters: %s is empty or has no header" % name)
        if any(len(row) != 9 for row in rows):
            sys.exit("rosters: %s has a row without nine fields" % name)
        if not os.path.getsize(os.path.join(folder, name[:-4] + ".pdf")):
            sys.exit("rosters: %s has no PDF beside it" % name)


def engine_run(server, feeds, out):
    # --rosters too: the messy relations ("儿子", "Son", empty) once made the roster writer
    # abort with the queue written and the first roster file left empty.
    rosters = out + ".rosters"
    r = subprocess.run([server, "discover", "--feeds", feeds, "--county", COUNTY, "--as-of", AS_OF, "--out", out,
                        "--rosters", rosters], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("discover failed (%d): %s" % (r.returncode, r.stderr))
    check_rosters(rosters)
    with open(out, encoding="utf-8") as f:
        doc = json.load(f)
    flags = {h["household_id"]: {fl["rule"] for fl in h["flags"]} for h in doc["households"]}
    suggested = {h["household_id"]: set(h["suggested_programs"]) for h in doc["households"] if h["suggested_programs"]}
    files = doc["summary"].get("files", {})
    dropped = {file: files.get(file, {}).get("errors", 0) for file in CONTRACT_COLUMNS}
    return flags, dropped, doc["summary"], r.stderr.strip(), suggested


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--households", type=int, default=4000)
    ap.add_argument("--keep", help="write the county here and keep it")
    ap.add_argument("--feeds", help="compare on this existing feeds directory instead of generating one")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    feeds = args.feeds or args.keep or os.path.join(tmp.name, "feeds")
    if not args.feeds:
        subprocess.run([sys.executable, os.path.join(HERE, "messy_county.py"), "--out", feeds, "--seed", str(args.seed),
                        "--households", str(args.households), "--as-of", AS_OF, "--county", COUNTY], check=True)
    cpp_flags, cpp_dropped, summary, stderr, cpp_suggested = engine_run(args.server, feeds,
                                                                        os.path.join(tmp.name, "queue.json"))
    sql_flags, sql_dropped, sql_suggested = sql_run(feeds)

    problems = []
    for hid in sorted(set(cpp_flags) | set(sql_flags)):
        a, b = cpp_flags.get(hid, set()), sql_flags.get(hid, set())
        if a != b:
            problems.append("household %s: engine %s, sql %s" % (hid, sorted(a), sorted(b)))
    for hid in sorted(set(cpp_suggested) | set(sql_suggested)):
        a, b = cpp_suggested.get(hid, set()), sql_suggested.get(hid, set())
        if a != b:
            problems.append("household %s suggestions: engine %s, sql %s" % (hid, sorted(a), sorted(b)))
    for file in CONTRACT_COLUMNS:
        if cpp_dropped.get(file, 0) != sql_dropped.get(file, 0):
            problems.append("%s: engine dropped %d rows, sql %d" % (file, cpp_dropped.get(file, 0), sql_dropped.get(file, 0)))
    by_rule = {}
    for rules in cpp_flags.values():
        for r in rules:
            by_rule[r] = by_rule.get(r, 0) + 1
    report = {"seed": None if args.feeds else args.seed, "households_generated": None if args.feeds else args.households,
              "feeds": args.feeds, "flagged_engine": len(cpp_flags),
              "flagged_sql": len(sql_flags), "flags_engine": sum(len(v) for v in cpp_flags.values()),
              "row_errors": summary.get("row_errors"), "row_warnings": summary.get("row_warnings"),
              "dropped_sql": sum(sql_dropped.values()),
              "kept_flags_of_recipients": sum(1 for h, s in sql_flags.items() if h not in sql_suggested), "by_rule": dict(sorted(by_rule.items())),
              "disagreements": len(problems)}
    print(stderr, file=sys.stderr)
    for p in problems[:25]:
        print(p, file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False))
    return 1 if problems or not cpp_flags else 0


if __name__ == "__main__":
    sys.exit(main())
