#!/usr/bin/env python3
"""Writes the 11 departmental feeds of a county the way other programs export them: messy.

Independent of the project's own generator (backend/discovery/synth.cpp): written from the
column list of contracts/feeds.md alone, with its own households, dates and vocabulary, and with
the faults real exports have:

  - UTF-8 byte-order marks and CRLF line ends (per file, at random);
  - columns in another order, and extra columns nobody asked for;
  - fields quoted when they need not be, quoted commas and doubled quotes in free text;
  - spaces and tabs around values; upper/mixed case in enumerations and booleans
    ("Employed", "TRUE", "是");
  - empty optional fields (pension_monthly on non-pension rows, until, deceased_date,
    total_cost, issued, since of housing);
  - values the contract does not list: emergency events "flood", "landslide", "洪涝",
    disability kinds "言语", education levels "junior_high", relations "儿子", programs "低保",
    hr statuses "retired", education statuses "graduated";
  - exact duplicate rows (re-exports) and a few conflicting duplicate registry rows;
  - a registry birth_date that is missing, in another format, or differs from the ID number;
  - genuinely unusable rows: a wrong check character, an impossible birth date in the number,
    a date in a rule's own column that cannot be read ("2026/13/01", "unknown"), an empty loss;
  - rows of people not in this county's registry.

Deterministic: random.Random(seed); the same seed and arguments give the same bytes.

    messy_county.py --out DIR [--seed N] [--households N] [--as-of YYYY-MM-DD] [--county 450326]
"""
import argparse
import datetime as dt
import os
import random

# contracts/feeds.md, the file → columns table.
CONTRACT_COLUMNS = {
    "population.csv": "id_number,name,household_id,relation,birth_date,hukou_type,township,village,deceased_date",
    "civil_affairs.csv": "id_number,program,since,until",
    "disability.csv": "id_number,kind,grade,issued",
    "medical_insurance.csv": "id_number,settled_date,total_cost,out_of_pocket,inpatient",
    "health.csv": "id_number,diagnosis,date,serious",
    "hr.csv": "id_number,status,since,pension_monthly",
    "education.csv": "id_number,school,level,status,date",
    "housing.csv": "id_number,status,since",
    "emergency.csv": "id_number,event,date,loss",
    "rural_revitalization.csv": "id_number,category,since",
    "income.csv": "id_number,year,annual_income",
}

# 永福县 townships (国家统计局 统计用区划代码 2023) and a few birth regions of residents.
TOWNSHIPS = ["100", "101", "102", "103", "104", "105", "202", "204", "205"]
BIRTH_REGIONS = ["450326"] * 16 + ["450321", "450305", "430102", "450323"]
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高梁韦蒙莫覃廖"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红"
VILLAGES = ["龙山村", "板峡村", "新村, 第三组", "和平村", "\"老街\"社区", "崇山村", "福寿村"]
DIAGNOSES = ["肺癌, 晚期", "尿毒症", "脑卒中后遗症", "高血压", "慢性阻塞性肺病", "白血病", "骨折",
             "糖尿病, 伴并发症", "精神分裂症", "chronic kidney disease", "\"重症\"肺炎"]
SCHOOLS = ["永福县第一中学", "罗锦镇中心小学", "百寿中学, 初中部", "桂林市职业技术学校", "苏桥小学"]


def check_char(first17):
    return CHECK[sum(int(c) * w for c, w in zip(first17, WEIGHTS)) % 11]


class County:
    def __init__(self, args):
        self.r = random.Random(args.seed)
        self.as_of = dt.date.fromisoformat(args.as_of)
        self.county = args.county
        self.households = args.households
        self.used_ids = set()
        self.rows = {f: [] for f in CONTRACT_COLUMNS}

    # ---- values ------------------------------------------------------------------------------
    def date_ago(self, days_lo, days_hi):
        return self.as_of - dt.timedelta(days=self.r.randint(days_lo, days_hi))

    def birth_for_age(self, age):
        born = self.as_of - dt.timedelta(days=int(age * 365.25) + self.r.randint(1, 360))
        return born

    def new_id(self, birth):
        while True:
            region = self.r.choice(BIRTH_REGIONS)
            first17 = region + birth.strftime("%Y%m%d") + "%03d" % self.r.randint(0, 999)
            if first17 in self.used_ids:
                continue
            self.used_ids.add(first17)
            return first17 + check_char(first17)

    def spaced(self, v):
        """Spaces or a tab around a value, sometimes."""
        x = self.r.random()
        if x < 0.03:
            return v + "  "
        if x < 0.04:
            return " " + v
        if x < 0.045:
            return "\t" + v + " "
        return v

    def cased(self, v):
        x = self.r.random()
        if x < 0.04:
            return v.upper()
        if x < 0.08:
            return v.capitalize()
        return v

    def boolean(self, b):
        x = self.r.random()
        if x < 0.7:
            return "true" if b else "false"
        return self.r.choice(["TRUE", "1", "是", "Y", "yes"] if b else ["FALSE", "0", "否", "N", "no"])

    def iso(self, d):
        return d.isoformat()

    def name(self):
        n = self.r.choice(SURNAMES) + "".join(self.r.choice(GIVEN) for _ in range(self.r.randint(1, 2)))
        return n if self.r.random() > 0.01 else n + ", 又名" + self.r.choice(GIVEN)

    def person_id_text(self, pid):
        x = self.r.random()
        if pid.endswith("X") and x < 0.3:
            return pid[:-1] + "x"  # lowercase x: valid
        return self.spaced(pid)

    def bad_id(self, pid):
        kind = self.r.randrange(4)
        if kind == 0:  # wrong check character
            c = pid[-1]
            return pid[:-1] + self.r.choice([d for d in "0123456789X" if d != c])
        if kind == 1:
            return pid[:-2]  # truncated
        if kind == 2:  # impossible birth date in the number
            first17 = pid[:10] + "1399" + pid[14:17]
            return first17 + check_char(first17)
        return pid[:5] + "O" + pid[6:]  # letter O for zero

    # ---- households --------------------------------------------------------------------------
    def make_people(self):
        people = []  # dicts
        for h in range(self.households):
            hid = self.r.choice(["HH", "hh-", "户"]) + "%06d" % (h + 1)
            town = self.county + self.r.choice(TOWNSHIPS)
            hukou = "rural" if self.r.random() < 0.7 else "urban"
            shape = self.r.random()
            members = []
            if shape < 0.18:  # one older person alone
                members.append(("head", self.r.randint(55, 92)))
            elif shape < 0.22:  # grandparents raising grandchildren
                members.append(("head", self.r.randint(58, 80)))
                if self.r.random() < 0.5:
                    members.append(("spouse", self.r.randint(58, 80)))
                for _ in range(self.r.randint(1, 3)):
                    members.append(("grandchild", self.r.randint(2, 17)))
            elif shape < 0.24:  # a child alone with an older sibling under 18
                members.append(("head", self.r.randint(15, 17)))
                members.append(("sibling", self.r.randint(6, 14)))
            else:
                head = self.r.randint(22, 70)
                members.append(("head", head))
                if self.r.random() < 0.8:
                    members.append(("spouse", max(18, head + self.r.randint(-6, 6))))
                for _ in range(self.r.choice([0, 1, 1, 2, 2, 3])):
                    if head - 20 > 0:
                        members.append(("child", self.r.randint(0, max(0, min(40, head - 20)))))
                if head < 55 and self.r.random() < 0.3:
                    members.append(("parent", head + self.r.randint(22, 32)))
            for rel, age in members:
                birth = self.birth_for_age(age)
                p = {"id": self.new_id(birth), "birth": birth, "age": age, "hid": hid, "rel": rel,
                     "town": town, "hukou": hukou, "died": None}
                people.append(p)
            # deaths: a working-age member died recently, or an older one long ago
            if self.r.random() < 0.03:
                age = self.r.randint(20, 70)
                birth = self.birth_for_age(age)
                died = self.date_ago(5, 700)
                people.append({"id": self.new_id(birth), "birth": birth, "age": age, "hid": hid,
                               "rel": self.r.choice(["spouse", "child", "head"]), "town": town,
                               "hukou": hukou, "died": died})
        return people

    def population(self, people):
        rows = self.rows["population.csv"]
        rel_unlisted = {"child": ["儿子", "女儿", "Son"], "spouse": ["配偶", "wife"], "grandchild": ["孙子"],
                        "parent": ["母亲"], "head": ["户主"], "sibling": ["弟弟"]}
        for p in people:
            birth = p["birth"].isoformat()
            x = self.r.random()
            if x < 0.01:
                birth = ""
            elif x < 0.02:
                birth = p["birth"].strftime("%Y/%m/%d")
            elif x < 0.025:
                birth = (p["birth"] + dt.timedelta(days=1)).isoformat()  # differs from the ID
            rel = p["rel"]
            if self.r.random() < 0.03:
                rel = self.r.choice(rel_unlisted[rel])
            else:
                rel = self.cased(rel)
            hukou = self.cased(p["hukou"]) if self.r.random() > 0.02 else self.r.choice(["农业", "非农业"])
            died = "" if p["died"] is None else p["died"].isoformat()
            if p["died"] is not None and self.r.random() < 0.03:
                died = "unknown"  # unusable: the row is dropped
            row = {"id_number": self.person_id_text(p["id"]), "name": self.name(), "household_id": self.spaced(p["hid"]),
                   "relation": self.spaced(rel), "birth_date": birth, "hukou_type": hukou,
                   "township": self.spaced(p["town"]), "village": self.r.choice(VILLAGES), "deceased_date": died}
            if self.r.random() < 0.004:
                row["id_number"] = self.bad_id(p["id"])
            if self.r.random() < 0.002:
                row["township"] = "450327" + self.r.choice(TOWNSHIPS)  # another county
            rows.append(row)
            if self.r.random() < 0.01:
                rows.append(dict(row))  # exact re-export
            elif self.r.random() < 0.002:
                other = dict(row)
                other["village"] = "另一个村"  # conflicting copy
                rows.append(other)

    def feed_row(self, file, row, dup=0.01):
        self.rows[file].append(row)
        if self.r.random() < dup:
            self.rows[file].append(dict(row))

    def idtext(self, p):
        if self.r.random() < 0.003:
            return self.bad_id(p["id"])
        return self.person_id_text(p["id"])

    def feeds(self, people):
        r = self.r
        by_hh = {}
        for p in people:
            by_hh.setdefault(p["hid"], []).append(p)
        outsiders = []
        for _ in range(max(5, len(people) // 200)):
            b = self.birth_for_age(r.randint(18, 80))
            outsiders.append({"id": self.new_id(b), "age": 40, "died": None})
        for p in people + outsiders:
            if p["died"] is not None and p["died"] <= self.as_of and r.random() < 0.7:
                continue
            age = p["age"]
            # civil affairs
            if r.random() < 0.06:
                prog = r.choice(["dibao", "dibao", "tekun", "dibao_edge", "temporary_emergency", "medical"])
                if r.random() < 0.03:
                    prog = r.choice(["低保", "特困供养"])
                until = "" if r.random() < 0.7 else self.iso(self.date_ago(-300, 400))
                self.feed_row("civil_affairs.csv", {"id_number": self.idtext(p), "program": self.spaced(self.cased(prog)),
                                                    "since": self.iso(self.date_ago(30, 3000)), "until": until})
            # disability
            if r.random() < 0.06 + age / 1500:
                kind = r.choice(["physical", "visual", "hearing", "speech", "intellectual", "mental", "multiple"])
                if r.random() < 0.05:
                    kind = r.choice(["言语", "Intellectual", "多重"])
                grade = str(r.randint(1, 4))
                if r.random() < 0.01:
                    grade = r.choice(["", "二级", "5"])  # unusable: dropped
                issued = self.iso(self.date_ago(10, 6000)) if r.random() > 0.05 else r.choice(["", "2019-02-30"])
                self.feed_row("disability.csv", {"id_number": self.idtext(p), "kind": self.spaced(kind), "grade": self.spaced(grade),
                                                 "issued": issued})
            # medical settlements
            for _ in range(r.choice([0, 0, 0, 1, 1, 2, 3]) + (1 if age > 60 else 0)):
                oop = round(r.lognormvariate(5.8, 1.4), 2)
                total = round(oop * r.uniform(1.5, 4), 2)
                settled = self.date_ago(1, 500)
                row = {"id_number": self.idtext(p), "settled_date": self.iso(settled),
                       "total_cost": "" if r.random() < 0.05 else str(total),
                       "out_of_pocket": str(oop), "inpatient": self.boolean(r.random() < 0.2)}
                if r.random() < 0.005:
                    row["out_of_pocket"] = r.choice(["", "N/A"])  # unusable: dropped
                if r.random() < 0.005:
                    row["settled_date"] = "2026/13/01"  # unusable: dropped
                if r.random() < 0.02:
                    row["inpatient"] = ""
                self.feed_row("medical_insurance.csv", row, dup=0.02)
            # health
            if r.random() < 0.04 + age / 2000:
                serious = r.random() < 0.5
                row = {"id_number": self.idtext(p), "diagnosis": r.choice(DIAGNOSES),
                       "date": self.iso(self.date_ago(1, 700)), "serious": self.boolean(serious)}
                if r.random() < 0.01:
                    row["serious"] = r.choice(["", "maybe"])
                self.feed_row("health.csv", row)
            # hr
            if 18 <= age <= 59:
                x = r.random()
                if x < 0.06:
                    self.feed_row("hr.csv", {"id_number": self.idtext(p), "status": self.cased("unemployed_registered"),
                                             "since": self.iso(self.date_ago(10, 900)),
                                             "pension_monthly": "" if r.random() < 0.9 else "0"})
                elif x < 0.5:
                    self.feed_row("hr.csv", {"id_number": self.idtext(p), "status": self.spaced(self.cased("employed")),
                                             "since": self.iso(self.date_ago(10, 5000)), "pension_monthly": ""})
                elif x < 0.51:
                    self.feed_row("hr.csv", {"id_number": self.idtext(p), "status": "retired",
                                             "since": self.iso(self.date_ago(10, 900)), "pension_monthly": ""})
            elif age >= 60 and r.random() < 0.45:
                pm = str(r.randint(150, 4000))
                if r.random() < 0.03:
                    pm = ""  # a pension row without its amount: kept, warned
                self.feed_row("hr.csv", {"id_number": self.idtext(p), "status": self.cased("pension"),
                                         "since": self.iso(self.date_ago(100, 8000)), "pension_monthly": pm})
            # education
            if 6 <= age <= 19 and r.random() < 0.9:
                level = "primary" if age < 12 else "junior" if age < 15 else r.choice(["senior", "vocational"])
                if r.random() < 0.04:
                    level = r.choice(["junior_high", "初中"])
                status = "enrolled"
                if r.random() < 0.03:
                    status = r.choice(["dropped_out", "suspended", "Dropped_Out"])
                elif r.random() < 0.01:
                    status = "graduated"
                row = {"id_number": self.idtext(p), "school": r.choice(SCHOOLS), "level": level,
                       "status": self.spaced(status), "date": self.iso(self.date_ago(1, 500))}
                self.feed_row("education.csv", row)
            # income
            if 18 <= age <= 64 and r.random() < 0.55:
                for year in ([self.as_of.year - 1] if r.random() < 0.6 else [self.as_of.year - 2, self.as_of.year - 1]):
                    for _ in range(1 if r.random() < 0.9 else 2):
                        amount = round(r.lognormvariate(9.8, 0.7), 2)
                        self.feed_row("income.csv", {"id_number": self.idtext(p), "year": str(year),
                                                     "annual_income": str(amount)})
        # household-level feeds: housing, emergency, monitoring
        for hid, members in by_hh.items():
            living = [m for m in members if m["died"] is None]
            if not living:
                continue
            head = living[0]
            if r.random() < 0.04:
                status = r.choice(["public_rental", "dilapidated", "hardship_registered", "Dilapidated"])
                since = "" if r.random() < 0.1 else self.iso(self.date_ago(30, 3000))
                self.feed_row("housing.csv", {"id_number": self.idtext(head), "status": self.spaced(status), "since": since})
            if r.random() < 0.03:
                event = r.choice(["disaster", "fire", "accident", "sudden_illness", "other", "flood", "landslide",
                                  "洪涝", "Typhoon", "泥石流, 房屋受损"])
                loss = str(r.choice([0, r.randint(500, 90000)]))
                if r.random() < 0.03:
                    loss = ""  # unusable: dropped
                self.feed_row("emergency.csv", {"id_number": self.idtext(r.choice(living)), "event": event,
                                                "date": self.iso(self.date_ago(1, 400)), "loss": loss})
            if head["hukou"] == "rural" and r.random() < 0.03:
                cat = r.choice(["unstable_lifted", "edge_vulnerable", "sudden_hardship", "Edge_Vulnerable"])
                self.feed_row("rural_revitalization.csv", {"id_number": self.idtext(head), "category": cat,
                                                           "since": self.iso(self.date_ago(30, 1500))})

    # ---- writing -----------------------------------------------------------------------------
    def quote(self, v):
        needs = any(c in v for c in ',"\r\n') or v != v.strip(" ")
        if needs or self.r.random() < 0.05:
            return '"' + v.replace('"', '""') + '"'
        return v

    def write(self, out):
        os.makedirs(out, exist_ok=True)
        for file, cols in CONTRACT_COLUMNS.items():
            columns = cols.split(",")
            if self.r.random() < 0.4:
                rest = columns[1:]
                self.r.shuffle(rest)
                columns = [columns[0]] + rest if self.r.random() < 0.5 else rest[:1] + [columns[0]] + rest[1:]
            extra = self.r.random() < 0.4
            header = columns + (["备注", "export_time"] if extra else [])
            eol = "\r\n" if self.r.random() < 0.5 else "\n"
            bom = self.r.random() < 0.4
            lines = [",".join(self.quote(h) for h in header)]
            for row in self.rows[file]:
                vals = [row[c] for c in columns]
                if extra:
                    vals += [self.r.choice(["", "核实中", "已复核, 无误"]), "2026-11-20 08:00:00"]
                lines.append(",".join(self.quote(v) for v in vals))
            text = eol.join(lines) + (eol if self.r.random() < 0.8 else "")
            with open(os.path.join(out, file), "wb") as f:
                if bom:
                    f.write(b"\xef\xbb\xbf")
                f.write(text.encode("utf-8"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--households", type=int, default=4000)
    ap.add_argument("--as-of", default="2026-11-24")
    ap.add_argument("--county", default="450326")
    args = ap.parse_args()
    c = County(args)
    people = c.make_people()
    c.population(people)
    c.feeds(people)
    c.write(args.out)


if __name__ == "__main__":
    main()
