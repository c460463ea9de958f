// Key-group rosters (重点人群信息库, 分类造册; 永民发〔2022〕3号 part 2(4)): the people of each
// key group, per township, as classified lists for caseworkers and partner departments.
//
// Groups (stable ids): dibao, tekun, edge (低保边缘: active dibao_edge or the monitoring list's
// edge_vulnerable), unstable_lifted (脱贫不稳定), distressed_minor (困境未成年人: under 18 with no
// living household member aged 18–59), elderly_no_pension (≥ 60 with no pension in hr.csv),
// unemployed (registered), public_rental (租住公租房/廉租房), warned (members of queued
// households). A group whose source feed is absent is simply empty.
//
// build_rosters() is a pure function of a run; the CSV and PDF writers only format it. The CSV
// holds full ID numbers (for authorised staff, like the queue); the PDF, which is paper that
// leaves the office, masks ID numbers and names.
//
// Thread-safety: pure functions; write_rosters writes only into its directory.
#pragma once

#include <string>
#include <vector>

#include "backend/discovery/engine.h"

namespace jiuzhu::discovery {

struct RosterEntry {
  std::string group;
  std::string township;
  std::string household_id;
  int32_t person = -1;
  std::string detail;  // why the person is in the group, in plain Chinese ("最低生活保障 2024-03-01起")
};

// The person an entry names, as the population feed has them: the one reading of the dataset
// that the CSV, the printed roster and the server's roster rows all use (each once read the
// relation its own way, and one of them overran the contract's value list).
struct RosterPerson {
  std::string id_number;  // full: callers mask it where it leaves the office
  std::string name;
  int age = 0;
  std::string relation;  // the feed's text (enum_text): a value the contract does not list as written
};
RosterPerson roster_person(const RunResult& run, const RosterEntry& entry);

// The groups in roster order, with their Chinese titles.
struct RosterGroup {
  const char* id;
  const char* title_zh;
};
std::vector<RosterGroup> roster_groups();
// The plain-Chinese word (core/intake/labels.h) for a population.csv relation as the feed wrote
// it (enum_text of the column); a value the contract does not list is shown as written, and an
// empty one as "". Departments' registries are messy ("儿子" for child): the row is kept, so
// its relation must be printable whatever it holds.
std::string relation_zh(std::string_view relation);

// Entries ordered by township, group (roster order), household id, person.
std::vector<RosterEntry> build_rosters(const RunResult& run);

// RFC 4180 CSV with header group,group_name,township,household_id,id_number,name,age,relation,detail
// of the entries whose township is `township` (empty: all).
std::string roster_csv(const RunResult& run, const std::vector<RosterEntry>& entries, const std::string& township = {});

// Writes roster_<township>.csv for every township with entries, and roster_<township>.pdf
// through printing/roster.h. Error: roster_write_failed, or the printer's error.
Status write_rosters(const RunResult& run, const RuleSet& rules, const std::string& dir);

}  // namespace jiuzhu::discovery
