// Tiny feeds directories for discovery tests: a temp dir, valid ID numbers, CSV writers.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "backend/discovery/engine.h"
#include "backend/discovery/synth.h"
#include "core/id_number.h"
#include "support/files.h"
#include "support/temp_dir.h"

namespace jiuzhu::discovery::testing {

inline const Date kAsOf{2026, 11, 24};

// A valid ID number of Yongfu county (450326) born on `birth` (YYYYMMDD), sequence `seq`.
inline std::string make_id(const std::string& birth, int seq = 11) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%03d", seq % 1000);
  std::string first17 = "450326" + birth + buf;
  return first17 + IdNumber::check_character(first17);
}

// The same with a wrong check character.
inline std::string bad_checksum_id(const std::string& birth, int seq = 11) {
  std::string id = make_id(birth, seq);
  id[17] = id[17] == '0' ? '1' : '0';
  return id;
}

// A temporary feeds directory (tests/support TempDir) with a writer for its CSV files.
class FeedDir : public jiuzhu::test::TempDir {
 public:
  void write(const std::string& name, const std::string& content) const { jiuzhu::test::write_file(file(name), content); }
};

// population.csv rows: id,name,household,relation,birth(ISO),hukou,township,village,deceased
inline std::string person(const std::string& id, const std::string& household, const std::string& relation,
                          const std::string& deceased = "") {
  const std::string b = id.substr(6, 8);
  const std::string iso = b.substr(0, 4) + "-" + b.substr(4, 2) + "-" + b.substr(6, 2);
  return id + ",张三," + household + "," + relation + "," + iso + ",rural,450326100,山水村," + deceased + "\n";
}

inline const char* kPopHeader = "id_number,name,household_id,relation,birth_date,hukou_type,township,village,deceased_date\n";

inline RuleSet default_rules(Date as_of = kAsOf) {
  auto r = load_rules(default_rules_path(), as_of);
  if (!r.ok()) throw std::runtime_error(r.error().message);
  return std::move(r).value();
}

inline RunResult run(const FeedDir& dir, const RuleSet& rules, Date as_of = kAsOf, int threads = 2) {
  auto r = run_discovery(RunOptions{dir.path(), "450326", as_of, threads}, rules);
  if (!r.ok()) throw std::runtime_error(r.error().message);
  return std::move(r).value();
}

// The rule ids flagged for a household in a run (empty when not queued).
inline std::vector<std::string> flags_of(const RunResult& run, const RuleSet& rules, const std::string& household) {
  std::vector<std::string> out;
  for (const auto& item : run.queue) {
    if (run.data.household_id(static_cast<size_t>(item.household)) != household) continue;
    for (const auto& f : item.flags) out.push_back(rules.rules[static_cast<size_t>(f.rule)].id);
  }
  return out;
}

inline bool flagged(const RunResult& run, const RuleSet& rules, const std::string& household, const std::string& rule) {
  for (const auto& r : flags_of(run, rules, household)) {
    if (r == rule) return true;
  }
  return false;
}

}  // namespace jiuzhu::discovery::testing
