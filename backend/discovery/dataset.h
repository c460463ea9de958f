// The joined, columnar view of a county's feeds that the warning rules read.
//
// People are population.csv rows; every other feed's rows are joined to people by ID number
// (a hash on the 64-bit ID key) and indexed person → rows (CSR: offsets + row numbers), so a rule
// visits a household's members and their rows without searching. Households group living
// members (feeds.md: no deceased_date, or one after the run date) by household_id; members who
// died are kept in a separate list for `earner_died`. Rows of people not in the registry (moved
// away, other counties) are counted and ignored.
//
// Derived per-person facts the definitions share (annual income, pension, employment) are
// computed once here, exactly as feeds.md defines them.
//
// Thread-safety: immutable once built; rules read it from several threads.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "backend/discovery/feed_table.h"

namespace jiuzhu::discovery {

// Compressed sparse rows: the items of group g are items[offsets[g] .. offsets[g+1]).
struct Csr {
  std::vector<uint32_t> offsets;
  std::vector<int32_t> items;
  std::span<const int32_t> of(size_t g) const {
    return {items.data() + offsets[g], items.data() + offsets[g + 1]};
  }
};

// Open-addressing map from ID key to person index (keys are never 0).
// A key and its value share a slot (one cache line visit per probe: at a million people the table
// is larger than the caches, and separate key and value arrays cost two misses per lookup).
class IdIndex {
 public:
  // Indexes keys[i] → i; a key seen before is not indexed again and its i is appended to
  // `duplicates` (in index order).
  void build(const std::vector<IdKey>& keys, std::vector<int32_t>& duplicates);
  // The value of `key`, −1 when absent.
  int32_t find(IdKey key) const;
  // out[r] = find(keys[r]) for every r (out is resized), the slots of later keys fetched ahead
  // so that the lookups' cache misses overlap.
  void find_all(const std::vector<IdKey>& keys, std::vector<int32_t>& out) const;

 private:
  struct Slot {
    IdKey key;  // 0: empty
    int32_t value;
  };
  size_t home(IdKey key) const;
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

struct Dataset {
  Date as_of;
  int32_t as_of_int = 0;
  std::array<FeedTable, kFeedCount> tables;

  size_t people = 0;
  IdIndex index;
  std::array<std::vector<int32_t>, kFeedCount> person_of_row;  // -1: not in the registry
  std::array<Csr, kFeedCount> rows_of_person;
  std::array<size_t, kFeedCount> unmatched_rows{};

  size_t households = 0;
  Csr living;                        // household → living members
  Csr dead;                          // household → members who died on or before the run date
  std::vector<int32_t> township_of;  // household → township key (population township dict)

  // Per person, from hr.csv and income.csv (zero when the feed is absent).
  std::vector<double> annual_income;  // most recent income year + 12 × pension_monthly
  std::vector<uint8_t> has_pension, employed, unemployed;

  bool present(Feed f) const { return tables[static_cast<size_t>(f)].present; }
  const FeedTable& table(Feed f) const { return tables[static_cast<size_t>(f)]; }
  bool alive(int32_t person) const;
  int age(int32_t person) const;  // whole years at the run date
  std::string_view household_id(size_t household) const;
  std::string_view township(size_t household) const;
};

// population.csv's ID index built ahead of the join: load_feeds builds it on the thread that
// finished population while the other thread still parses the smaller feeds, which takes its
// ~40 ms (1 M residents) out of the join's serial start.
struct PopulationIndex {
  bool built = false;
  IdIndex index;                    // of population.csv's ids, as join_feeds would build it
  std::vector<int32_t> duplicates;  // IdIndex::build's duplicates
};

// Joins loaded tables (population must be present for any household to exist). Duplicate ID
// numbers in population.csv keep the first row; a later row that differs is reported in
// `errors`, an exact copy in `warnings`. In the other feeds an exact copy of a person's row (every
// column equal) is ignored and reported in `warnings` (duplicate_row), so a re-exported
// settlement or wage row never counts twice. `threads` (1 or 2) parallelises the per-feed joins.
// `prebuilt` (when built, from the same population table) is used instead of building the index.
Dataset join_feeds(std::array<FeedTable, kFeedCount> tables, Date as_of, std::vector<RowError>& errors,
                   int threads = 2, std::vector<RowError>* warnings = nullptr, PopulationIndex* prebuilt = nullptr);

}  // namespace jiuzhu::discovery
