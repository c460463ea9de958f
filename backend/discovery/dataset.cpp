#include "backend/discovery/dataset.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <thread>

namespace jiuzhu::discovery {
namespace {

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

// Groups `group_of[i]` (−1 = none) into a CSR over `groups` groups, items in index order.
// offsets[g] first counts the items of groups ≤ g (the end of g); the items are then placed from
// the last one down, each at --offsets[g], which leaves offsets[g] at the start of g: no second
// array of insertion points (at a million people that was 4 MB allocated, copied and touched
// for each of the 11 feeds, most of which have rows for few people).
Csr group(const std::vector<int32_t>& group_of, size_t groups) {
  Csr c;
  c.offsets.assign(groups + 1, 0);
  for (int32_t g : group_of) {
    if (g >= 0) ++c.offsets[static_cast<size_t>(g)];
  }
  for (size_t g = 1; g < groups; ++g) c.offsets[g] += c.offsets[g - 1];
  const uint32_t total = groups > 0 ? c.offsets[groups - 1] : 0;
  c.offsets[groups] = total;
  c.items.resize(total);
  for (size_t i = group_of.size(); i-- > 0;) {
    const int32_t g = group_of[i];
    if (g >= 0) c.items[--c.offsets[static_cast<size_t>(g)]] = static_cast<int32_t>(i);
  }
  return c;
}

// True when rows a and b of `t` hold the same values in every column (a re-exported row).
bool same_row(const FeedTable& t, size_t a, size_t b) {
  if (t.ids[a] != t.ids[b]) return false;
  for (size_t c = 1; c < t.cols.size(); ++c) {
    const Column& col = t.cols[c];
    switch (col.type) {
      case ColType::number: {
        const double x = col.numbers[a], y = col.numbers[b];
        if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
        break;
      }
      case ColType::text:
        if (col.text(a) != col.text(b)) return false;
        break;
      default:
        if (col.ints[a] != col.ints[b]) return false;
    }
  }
  return true;
}

// Marks later exact copies of a person's rows as not joined (person −1) and reports them.
// Returns whether any was found. Rows of one person are few, so pairwise is cheap.
bool drop_duplicate_rows(const FeedTable& t, const Csr& rows, std::vector<int32_t>& person_of_row,
                         std::vector<RowError>& warnings) {
  bool any = false;
  const size_t people = rows.offsets.empty() ? 0 : rows.offsets.size() - 1;
  for (size_t p = 0; p < people; ++p) {
    const auto r = rows.of(p);
    if (r.size() < 2) continue;
    for (size_t i = 1; i < r.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        const size_t a = static_cast<size_t>(r[j]), b = static_cast<size_t>(r[i]);
        if (person_of_row[a] < 0 || !same_row(t, a, b)) continue;
        person_of_row[b] = -1;
        warnings.push_back({std::string(feed_spec(t.feed).file), t.lines[b],
                            "duplicate_row: same as line " + std::to_string(t.lines[a]), {}});
        any = true;
        break;
      }
    }
  }
  return any;
}

}  // namespace

// How far ahead build() and find_all() fetch slots: enough lookups in flight to cover a miss.
constexpr size_t kAhead = 16;

size_t IdIndex::home(IdKey key) const { return static_cast<size_t>(mix(key) & mask_); }

void IdIndex::build(const std::vector<IdKey>& keys, std::vector<int32_t>& duplicates) {
  size_t cap = 16;
  while (cap < keys.size() * 2) cap <<= 1;
  slots_.assign(cap, Slot{0, -1});
  mask_ = cap - 1;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i + kAhead < keys.size()) __builtin_prefetch(&slots_[home(keys[i + kAhead])], 1);
    size_t h = home(keys[i]);
    while (slots_[h].key != 0 && slots_[h].key != keys[i]) h = (h + 1) & mask_;
    if (slots_[h].key == keys[i]) {
      duplicates.push_back(static_cast<int32_t>(i));
      continue;
    }
    slots_[h] = Slot{keys[i], static_cast<int32_t>(i)};
  }
}

int32_t IdIndex::find(IdKey key) const {
  if (slots_.empty()) return -1;
  for (size_t h = home(key); slots_[h].key != 0; h = (h + 1) & mask_) {
    if (slots_[h].key == key) return slots_[h].value;
  }
  return -1;
}

void IdIndex::find_all(const std::vector<IdKey>& keys, std::vector<int32_t>& out) const {
  out.resize(keys.size());
  if (slots_.empty()) {
    std::fill(out.begin(), out.end(), -1);
    return;
  }
  for (size_t r = 0; r < keys.size(); ++r) {
    if (r + kAhead < keys.size()) __builtin_prefetch(&slots_[home(keys[r + kAhead])]);
    out[r] = find(keys[r]);
  }
}

bool Dataset::alive(int32_t person) const {
  const int32_t died = table(Feed::population).cols[pop::deceased_date].ints[static_cast<size_t>(person)];
  return died == 0 || died > as_of_int;
}

int Dataset::age(int32_t person) const {
  return age_years(table(Feed::population).cols[pop::birth_date].ints[static_cast<size_t>(person)], as_of_int);
}

std::string_view Dataset::household_id(size_t household) const {
  return table(Feed::population).cols[pop::household_id].dict[household];
}

std::string_view Dataset::township(size_t household) const {
  return table(Feed::population).cols[pop::township].dict[static_cast<size_t>(township_of[household])];
}

Dataset join_feeds(std::array<FeedTable, kFeedCount> tables, Date as_of, std::vector<RowError>& errors,
                   int threads, std::vector<RowError>* warnings, PopulationIndex* prebuilt) {
  Dataset d;
  d.as_of = as_of;
  d.as_of_int = date_int(as_of);
  d.tables = std::move(tables);
  const FeedTable& pop_table = d.table(Feed::population);
  d.people = pop_table.present ? pop_table.rows : 0;

  std::vector<int32_t> duplicates;
  if (prebuilt && prebuilt->built) {
    d.index = std::move(prebuilt->index);
    duplicates = std::move(prebuilt->duplicates);
  } else if (pop_table.present) {
    d.index.build(pop_table.ids, duplicates);
  }
  std::vector<uint8_t> dropped(d.people, 0);
  for (int32_t r : duplicates) {
    // An exact copy of the registry row loses nothing (a warning); a differing one does.
    const size_t row = static_cast<size_t>(r);
    const size_t first = static_cast<size_t>(d.index.find(pop_table.ids[row]));
    const std::string file(feed_spec(Feed::population).file);
    if (same_row(pop_table, first, row)) {
      if (warnings) {
        warnings->push_back({file, pop_table.lines[row], "duplicate_row: same as line " + std::to_string(pop_table.lines[first]), {}});
      }
    } else {
      errors.push_back({file, pop_table.lines[row], "duplicate_id_number", "id_number"});
    }
    dropped[row] = 1;
  }

  // Derived per-person facts, computed by the thread that joined their feed (income.csv's, and
  // hr.csv's employment status) while the other feeds are still being joined; pensions are
  // added after both (below).
  d.annual_income.assign(d.people, 0.0);
  d.has_pension.assign(d.people, 0);
  d.employed.assign(d.people, 0);
  d.unemployed.assign(d.people, 0);
  auto derive_income = [&] {
    const FeedTable& t = d.table(Feed::income);
    std::vector<int32_t> latest(d.people, 0);
    const auto& person = d.person_of_row[static_cast<size_t>(Feed::income)];
    for (size_t r = 0; r < t.rows; ++r) {
      const int32_t p = person[r];
      if (p < 0) continue;
      const int32_t year = t.cols[1].ints[r];
      const double amount = t.cols[2].numbers[r];
      auto& y = latest[static_cast<size_t>(p)];
      if (year > y) {
        y = year;
        d.annual_income[static_cast<size_t>(p)] = amount;
      } else if (year == y) {
        d.annual_income[static_cast<size_t>(p)] += amount;  // several employers in one year
      }
    }
  };
  auto derive_employment = [&] {
    // Employment status is the most recent unemployed/employed row that has started by the run
    // date; pensions count whenever listed.
    const FeedTable& t = d.table(Feed::hr);
    const auto& person = d.person_of_row[static_cast<size_t>(Feed::hr)];
    std::vector<int32_t> latest(d.people, 0);
    for (size_t r = 0; r < t.rows; ++r) {
      const int32_t p = person[r];
      if (p < 0) continue;
      const size_t pp = static_cast<size_t>(p);
      const int32_t status = t.cols[1].ints[r];
      const int32_t since = t.cols[2].ints[r];
      if (status == 2) {
        d.has_pension[pp] = 1;
      } else if (since <= d.as_of_int && since >= latest[pp]) {
        latest[pp] = since;
        d.unemployed[pp] = status == 0;
        d.employed[pp] = status == 1;
      }
    }
  };

  // Per-feed joins, by file across threads.
  std::array<std::vector<RowError>, kFeedCount> duplicate_rows;
  // Largest feed first, so that the threads finish together (in file order income.csv, the
  // largest, came last and was joined by one thread while the other waited).
  std::array<int, kFeedCount - 1> order;
  for (int f = 1; f < kFeedCount; ++f) order[static_cast<size_t>(f - 1)] = f;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return d.tables[static_cast<size_t>(a)].rows > d.tables[static_cast<size_t>(b)].rows;
  });
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t i = next++; i < order.size(); i = next++) {
      const int f = order[i];
      FeedTable& t = d.tables[static_cast<size_t>(f)];
      auto& map = d.person_of_row[static_cast<size_t>(f)];
      d.index.find_all(t.ids, map);
      size_t unmatched = 0;
      for (size_t r = 0; r < t.rows; ++r) unmatched += map[r] < 0;
      d.unmatched_rows[static_cast<size_t>(f)] = unmatched;
      // person → rows, without exact copies of a row (a re-export must not count twice in sums)
      d.rows_of_person[static_cast<size_t>(f)] = group(map, d.people);
      if (drop_duplicate_rows(t, d.rows_of_person[static_cast<size_t>(f)], map, duplicate_rows[static_cast<size_t>(f)])) {
        d.rows_of_person[static_cast<size_t>(f)] = group(map, d.people);
      }
      if (f == static_cast<int>(Feed::income) && t.present) derive_income();
      if (f == static_cast<int>(Feed::hr) && t.present) derive_employment();
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
  // Meanwhile this thread groups households.
  if (pop_table.present) {
    const auto& hh = pop_table.cols[pop::household_id];
    d.households = hh.dict.size();
    std::vector<int32_t> living_of(d.people, -1), dead_of(d.people, -1);
    d.township_of.assign(d.households, -1);
    const auto& town = pop_table.cols[pop::township].ints;
    const auto& rel = pop_table.cols[pop::relation].ints;
    for (size_t p = 0; p < d.people; ++p) {
      if (dropped[p]) continue;
      const int32_t h = hh.ints[p];
      (d.alive(static_cast<int32_t>(p)) ? living_of : dead_of)[p] = h;
      // The household's township is its head's; otherwise its first member's.
      int32_t& t = d.township_of[static_cast<size_t>(h)];
      if (t < 0 || rel[p] <= 1) t = town[p];
    }
    d.living = group(living_of, d.households);
    d.dead = group(dead_of, d.households);
  }
  worker();
  for (auto& t : pool) t.join();
  if (warnings) {
    for (auto& w : duplicate_rows) warnings->insert(warnings->end(), w.begin(), w.end());
  }

  // Pensions add to the income derived above, in hr.csv's row order, after it (as feeds.md
  // defines annual income: the latest income year, plus 12 × each pension).
  if (d.present(Feed::hr)) {
    const FeedTable& t = d.table(Feed::hr);
    const auto& person = d.person_of_row[static_cast<size_t>(Feed::hr)];
    for (size_t r = 0; r < t.rows; ++r) {
      const int32_t p = person[r];
      if (p < 0 || t.cols[1].ints[r] != 2) continue;
      const double monthly = t.cols[3].numbers[r];  // NaN: missing amount, counted as 0
      if (std::isfinite(monthly)) d.annual_income[static_cast<size_t>(p)] += 12.0 * monthly;
    }
  }
  return d;
}

}  // namespace jiuzhu::discovery
