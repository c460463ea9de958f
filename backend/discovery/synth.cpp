#include "backend/discovery/synth.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <unordered_set>
#include <vector>

#include "backend/discovery/csv_reader.h"
#include "backend/discovery/feed_table.h"
#include "backend/discovery/synth_generator.h"
#include "core/csv_lines.h"
#include "core/id_number.h"
#include "core/regions.h"

namespace jiuzhu::discovery {
namespace synth_internal {

int Generator::age_from_pyramid(int min_age, int max_age) {
  for (;;) {
    const size_t band = rng_.pick(kPyramid);
    const int a = static_cast<int>(band) * 5 + rng_.range(0, 4);
    if (a >= min_age && a <= max_age) return a;
  }
}

int32_t Generator::birth_for_age(int age) {
  // A birthday uniformly within the year of age.
  return shift_days(o_.as_of, -(age * 365 + age / 4) - rng_.range(1, 364));
}

uint64_t Generator::new_id(int32_t birth, bool male) {
  const uint64_t region = std::stoull(o_.county);
  for (;;) {
    int seq = rng_.range(0, 499) * 2 + (male ? 1 : 0);
    const uint64_t key = region * 100000000000ULL + static_cast<uint64_t>(birth) * 1000ULL + static_cast<uint64_t>(seq);
    if (used_.insert(key).second) return key;
  }
}

std::string Generator::name(const std::string& surname) {
  std::string n = surname;
  n += kGiven[rng_.next() % kGiven.size()];
  if (rng_.chance(0.75)) n += kGiven[rng_.next() % kGiven.size()];
  return n;
}

void Generator::add_person(int household, int relation, int age, const std::string& surname, bool male) {
  Person p;
  p.birth = birth_for_age(std::clamp(age, 0, 104));
  p.key = new_id(p.birth, male);
  p.name = name(surname);
  p.relation = relation;
  p.household = household;
  // Deaths in the last two years stay in the registry with their date (older people more often).
  const int a = age;
  const double p_died = a >= 80 ? 0.10 : a >= 70 ? 0.04 : a >= 60 ? 0.015 : a >= 18 ? 0.004 : 0.0005;
  if (rng_.chance(p_died)) {
    p.died = recent(730);
    if (p.died < p.birth) p.died = 0;
  }
  people_.push_back(std::move(p));
}

void Generator::make_households() {
  villages_.resize(towns_.size());
  for (auto& vs : villages_) {
    const int n = rng_.range(8, 20);
    for (int i = 0; i < n; ++i) {
      // Each draw in its own statement: argument order is unspecified, bytes must not be.
      const char* a = kVillageChars[rng_.next() % kVillageChars.size()];
      const char* b = kVillageChars[rng_.next() % kVillageChars.size()];
      const bool village = rng_.chance(0.8);
      vs.push_back(std::string(a) + b + (village ? "村" : "社区"));
    }
  }
  while (people_.size() < o_.residents) {
    Household h;
    h.township = static_cast<int>(rng_.next() % towns_.size());
    const auto& vs = villages_[static_cast<size_t>(h.township)];
    h.village = vs[rng_.next() % vs.size()];
    h.rural = h.village.size() >= 3 && h.village.compare(h.village.size() - 3, 3, "村") == 0 ? rng_.chance(0.9)
                                                                                           : rng_.chance(0.2);
    h.first = static_cast<uint32_t>(people_.size());
    const int hid = static_cast<int>(households_.size());
    size_t size = rng_.pick(kHouseholdSize) + 1;
    size = std::min(size, o_.residents - people_.size());
    size_t surname_index = rng_.next() % kSurnames.size();
    if (rng_.chance(0.5)) surname_index /= 2;  // the commonest surnames are commoner still
    const std::string surname = kSurnames[surname_index];
    const bool head_male = rng_.chance(0.7);
    if (size == 1) {
      // One-person households are young migrants or, more often, older people living alone.
      const int age = rng_.chance(0.35) ? age_from_pyramid(60, 104) : age_from_pyramid(18, 104);
      add_person(hid, 0, age, surname, head_male);
    } else if (size <= 4 && rng_.chance(0.01)) {
      // Skip-generation households (隔代家庭): grandparents raising grandchildren.
      const int grandparent_age = rng_.range(60, 82);
      add_person(hid, 0, grandparent_age, surname, head_male);
      for (size_t i = 1; i < size; ++i) {
        const int grandchild_age = rng_.range(2, 16);
        const bool male = rng_.chance(0.52);
        add_person(hid, 4, grandchild_age, surname, male);
      }
    } else {
      // Households with a child are headed by people 22–60; larger ones add the head's parents.
      const int head_age = size >= 3            ? age_from_pyramid(24, 56)
                           : rng_.chance(0.35) ? age_from_pyramid(55, 100)
                                               : age_from_pyramid(20, 100);
      add_person(hid, 0, head_age, surname, head_male);
      size_t left = size - 1;
      if (size == 2 && rng_.chance(0.3) && head_age >= 38) {
        const int child_age = std::max(0, head_age - rng_.range(22, 36));
        const bool male = rng_.chance(0.5);
        add_person(hid, 2, child_age, surname, male);
        left = 0;
      } else {
        const int spouse_age = std::clamp(head_age + rng_.range(-4, 4), 18, 104);
        const std::string spouse_surname = kSurnames[rng_.next() % kSurnames.size()];
        add_person(hid, 1, spouse_age, spouse_surname, !head_male);
        --left;
      }
      size_t parents = 0;
      if (size >= 5) parents = std::min<size_t>(left, rng_.chance(0.6) ? 2 : 1);
      else if (size >= 3 && rng_.chance(0.25)) parents = 1;
      for (size_t i = 0; i < parents; ++i) {
        const int parent_age = std::min(104, head_age + rng_.range(22, 34));
        const std::string parent_surname = i == 0 ? surname : kSurnames[rng_.next() % kSurnames.size()];
        add_person(hid, 3, parent_age, parent_surname, i == 0);
      }
      left -= parents;
      for (size_t i = 0; i < left; ++i) {
        const int child_age = head_age - rng_.range(22, 38);
        const bool male = rng_.chance(0.52);
        if (child_age >= 0) {
          add_person(hid, 2, child_age, surname, male);
        } else {
          const int grandchild_age = std::max(0, head_age - rng_.range(44, 56));
          add_person(hid, 4, grandchild_age, surname, male);
        }
      }
    }
    h.count = static_cast<uint32_t>(people_.size()) - h.first;
    households_.push_back(std::move(h));
  }
}

Result<SynthStats> Generator::run() {
  make_households();
  SynthStats stats;
  stats.residents = people_.size();
  stats.households = households_.size();
  ::mkdir(o_.out_dir.c_str(), 0755);
  write_feeds(stats);
  if (stats.rows[0] == static_cast<size_t>(-1)) {
    return make_error("write_failed", "cannot write feeds into " + o_.out_dir);
  }
  return stats;
}

}  // namespace synth_internal

Result<SynthStats> synthesize_county(const SynthOptions& options) {
  if (options.residents == 0 || options.residents > 50'000'000) {
    return make_error("bad_size", "residents must be between 1 and 50,000,000", "residents");
  }
  const std::string path =
      options.townships_csv.empty() ? assets_dir() + "/data/townships.csv" : options.townships_csv;
  std::string text;
  if (!detail::read_file(path, text)) return make_error("unknown_county", "cannot read " + path);
  std::vector<std::string> towns;
  for (const auto& line : detail::split_data_lines(text)) {
    if (!line.fields.empty() && line.fields[0].size() == 9 && line.fields[0].substr(0, 6) == options.county) {
      towns.emplace_back(line.fields[0]);
    }
  }
  if (options.county.size() != 6 || towns.empty()) {
    return make_error("unknown_county", "no townships listed for county " + options.county, "county");
  }
  synth_internal::Generator g(options, std::move(towns));
  return g.run();
}

}  // namespace jiuzhu::discovery
