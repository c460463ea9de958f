#include "backend/discovery/roster.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "backend/discovery/csv_reader.h"
#include "backend/discovery/feed_schema.h"
#include "core/intake/labels.h"
#include "core/id_number.h"
#include "printing/roster.h"

namespace jiuzhu::discovery {
namespace {

constexpr RosterGroup kGroups[] = {
    {"dibao", "低保对象"},
    {"tekun", "特困人员"},
    {"edge", "低保边缘人口"},
    {"unstable_lifted", "脱贫不稳定人口"},
    {"distressed_minor", "困境未成年人"},
    {"elderly_no_pension", "年满60周岁未领取养老金人员"},
    {"unemployed", "登记失业人员"},
    {"public_rental", "租住公租房人员"},
    {"warned", "预警发现的困难人员"},
};

int group_rank(const std::string& g) {
  for (size_t i = 0; i < std::size(kGroups); ++i) {
    if (g == kGroups[i].id) return static_cast<int>(i);
  }
  return 99;
}

const char* group_title(const std::string& g) {
  for (const auto& k : kGroups) {
    if (g == k.id) return k.title_zh;
  }
  return "";
}

// "最低生活保障 2024-01-18起" — a roster's 说明 is read by township and county staff and printed, so it
// is plain Chinese; an unknown start date (a messy feed) is left out rather than guessed.
std::string since_zh(std::string_view what, int32_t since) {
  std::string out(what);
  if (since) out += " " + date_from_int(since).iso() + "起";
  return out;
}

}  // namespace

std::string relation_zh(std::string_view relation) { return intake::relation_label(relation); }

std::vector<RosterGroup> roster_groups() { return {std::begin(kGroups), std::end(kGroups)}; }

std::vector<RosterEntry> build_rosters(const RunResult& run) {
  const Dataset& d = run.data;
  std::vector<RosterEntry> out;
  if (!d.present(Feed::population)) return out;
  auto add = [&](const char* group, size_t h, int32_t person, std::string detail) {
    out.push_back({group, std::string(d.township(h)), std::string(d.household_id(h)), person, std::move(detail)});
  };
  const auto& hh_of = d.table(Feed::population).cols[pop::household_id].ints;
  // Feed rows of living people, by feed: (group decided per row).
  auto each_row = [&](Feed f, auto&& fn) {
    if (!d.present(f)) return;
    const FeedTable& t = d.table(f);
    const auto& person = d.person_of_row[static_cast<size_t>(f)];
    for (size_t r = 0; r < t.rows; ++r) {
      const int32_t p = person[r];
      if (p < 0 || !d.alive(p)) continue;
      fn(t, r, p, static_cast<size_t>(hh_of[static_cast<size_t>(p)]));
    }
  };
  each_row(Feed::civil_affairs, [&](const FeedTable& t, size_t r, int32_t p, size_t h) {
    const int32_t since = t.cols[2].ints[r], until = t.cols[3].ints[r];
    if (since > d.as_of_int || (until != 0 && until <= d.as_of_int)) return;
    const std::string_view prog = enum_text(t.cols[1], r);
    const char* group = prog == "dibao" || prog == "dibao_separate" ? "dibao"
                        : prog == "tekun"                           ? "tekun"
                        : prog == "dibao_edge"                      ? "edge"
                                                                    : nullptr;
    if (group) add(group, h, p, since_zh(intake::program_label(prog), since));
  });
  each_row(Feed::rural_revitalization, [&](const FeedTable& t, size_t r, int32_t p, size_t h) {
    const int32_t cat = t.cols[1].ints[r];
    const char* group = cat == 0 ? "unstable_lifted" : cat == 1 ? "edge" : nullptr;
    if (group) add(group, h, p, since_zh("防返贫监测", t.cols[2].ints[r]));
  });
  each_row(Feed::hr, [&](const FeedTable& t, size_t r, int32_t p, size_t h) {
    if (t.cols[1].ints[r] == 0 && d.unemployed[static_cast<size_t>(p)]) {
      add("unemployed", h, p, since_zh("失业登记", t.cols[2].ints[r]));
    }
  });
  each_row(Feed::housing, [&](const FeedTable& t, size_t r, int32_t p, size_t h) {
    if (t.cols[1].ints[r] == 0) add("public_rental", h, p, since_zh("租住公租房", t.cols[2].ints[r]));
  });
  for (size_t h = 0; h < d.households; ++h) {
    const auto members = d.living.of(h);
    bool adult = false;
    for (int32_t p : members) adult |= d.age(p) >= 18 && d.age(p) <= 59;
    for (int32_t p : members) {
      const int age = d.age(p);
      if (!adult && age < 18) add("distressed_minor", h, p, "户内无18至59周岁成员");
      if (d.present(Feed::hr) && age >= 60 && !d.has_pension[static_cast<size_t>(p)]) {
        add("elderly_no_pension", h, p, "年满60周岁，未领取养老金");
      }
    }
  }
  // Warned: the members of queued households, with the rules that fired.
  for (const QueueItem& item : run.queue) {
    const size_t h = static_cast<size_t>(item.household);
    char detail[32];
    std::snprintf(detail, sizeof detail, "预警分 %.2f", item.score);
    for (int32_t p : d.living.of(h)) add("warned", h, p, detail);
  }
  // One entry per person and group.
  std::sort(out.begin(), out.end(), [](const RosterEntry& a, const RosterEntry& b) {
    if (a.township != b.township) return a.township < b.township;
    const int ga = group_rank(a.group), gb = group_rank(b.group);
    if (ga != gb) return ga < gb;
    if (a.household_id != b.household_id) return a.household_id < b.household_id;
    return a.person < b.person;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const RosterEntry& a, const RosterEntry& b) {
                          return a.group == b.group && a.person == b.person && a.township == b.township;
                        }),
            out.end());
  return out;
}

RosterPerson roster_person(const RunResult& run, const RosterEntry& entry) {
  const Dataset& d = run.data;
  const FeedTable& pop_t = d.table(Feed::population);
  const size_t p = static_cast<size_t>(entry.person);
  // enum_text, not the contract's value list: an unlisted value is interned after the listed
  // ones and an empty one is -1, so indexing the list overran it (bad_alloc on a messy feed).
  return {id_string(pop_t.ids[p]), std::string(pop_t.cols[pop::name].text(p)), d.age(entry.person),
          std::string(enum_text(pop_t.cols[pop::relation], p))};
}

std::string roster_csv(const RunResult& run, const std::vector<RosterEntry>& entries, const std::string& township) {
  std::string csv = "group,group_name,township,household_id,id_number,name,age,relation,detail\n";
  for (const RosterEntry& e : entries) {
    if (!township.empty() && e.township != township) continue;
    const RosterPerson who = roster_person(run, e);
    const std::string fields[] = {e.group, group_title(e.group), e.township, e.household_id, who.id_number,
                                  who.name, std::to_string(who.age), who.relation, e.detail};
    for (size_t i = 0; i < std::size(fields); ++i) {
      if (i) csv += ',';
      append_csv_field(csv, fields[i]);
    }
    csv += '\n';
  }
  return csv;
}

Status write_rosters(const RunResult& run, const RuleSet& rules, const std::string& dir) {
  (void)rules;
  ::mkdir(dir.c_str(), 0755);
  const auto entries = build_rosters(run);
  std::map<std::string, std::vector<RosterEntry>> by_town;
  for (const auto& e : entries) by_town[e.township].push_back(e);
  for (const auto& [town, list] : by_town) {
    const std::string base = dir + "/roster_" + town;
    std::ofstream csv(base + ".csv", std::ios::binary);
    csv << roster_csv(run, list, town);
    if (!csv.good()) return make_error("roster_write_failed", "cannot write " + base + ".csv");
    // Paper leaves the office: masked ID numbers and names (GB/T 35273).
    printing::TableDocument doc;
    doc.title = "重点人群分类花名册";
    doc.subtitle = {"乡镇代码 " + town + "　统计日期 " + run.as_of.iso(), "来源：部门数据比对（主动发现）"};
    doc.headers = {"类别", "户编号", "身份证号", "姓名", "年龄", "与户主关系", "说明"};
    doc.weights = {2.2, 2.2, 2.4, 1.2, 0.8, 1.2, 2.6};
    doc.landscape = true;
    for (const auto& e : list) {
      const RosterPerson who = roster_person(run, e);
      doc.rows.push_back({group_title(e.group), e.household_id, mask_id_number(who.id_number), mask_name(who.name),
                          std::to_string(who.age), relation_zh(who.relation), e.detail});
    }
    auto pdf = printing::render_table_document(doc);
    if (!pdf.ok()) return pdf.error();
    std::ofstream out(base + ".pdf", std::ios::binary);
    out << *pdf;
    if (!out.good()) return make_error("roster_write_failed", "cannot write " + base + ".pdf");
  }
  return Ok{};
}

}  // namespace jiuzhu::discovery
