// A synthetic but realistic county for demos, tests and the benchmark (`jiuzhu-server synth`).
//
// Households are drawn with the 7th-census size distribution (mean ≈ 2.7): a head from the
// adult part of the 2020 population pyramid, a spouse, children and parents of plausible ages.
// Everyone gets a valid ID number (region = the county, the real birth date, the sex digit,
// the MOD 11-2 check character from core), a name from common surnames and given-name
// characters, the county's real township codes (assets/data/townships.csv) and a village.
// Each departmental feed is written at plausible rates (disability ≈ 6 % by age, serious
// illness, registered unemployment, dropouts, disasters, current recipients ≈ 4 %), dated
// relative to the reference date, so a discovery run on that date finds a realistic queue.
//
// Deterministic: a fixed generator (splitmix64-seeded xoshiro256**) and no library
// distributions, so the same seed, size, county and reference date give the same bytes on any
// platform. Thread-safety: pure function of its options (writes only into out_dir).
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"
#include "core/result.h"

namespace jiuzhu::discovery {

struct SynthOptions {
  std::string county;  // 6 digits with townships in assets/data/townships.csv
  size_t residents = 0;
  uint64_t seed = 0;
  std::string out_dir;  // created if missing
  Date as_of;           // reference date events are placed around
  std::string townships_csv;  // empty: assets_dir()/data/townships.csv
};

struct SynthStats {
  size_t residents = 0, households = 0;
  size_t rows[11] = {};  // per feed, in Feed order
};

// Errors: unknown_county (no townships listed for it), bad_size, write_failed.
Result<SynthStats> synthesize_county(const SynthOptions& options);

}  // namespace jiuzhu::discovery
