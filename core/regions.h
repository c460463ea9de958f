// Administrative divisions (GB/T 2260): provinces, prefecture-level cities and counties.
//
// The table is data (assets/data/regions.csv, with its source and date in the file's header
// comment). Township codes (9 digits) are not national data here: a deployment lists its own
// townships in its config and adds them with add_township().
//
// Thread-safety: a RegionTable is immutable after loading (add_township is for setup only);
// concurrent lookups are safe. builtin() loads once, thread-safely.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace jiuzhu {

enum class RegionLevel { province, city, county, township };

struct Region {
  std::string code;  // 6 digits (9 for a township)
  std::string name;  // "永福县"
  RegionLevel level = RegionLevel::county;
};

class RegionTable {
 public:
  // Loads "code,name" lines (comments start with '#'). Errors name the line.
  static Result<RegionTable> load_csv(const std::string& path);
  static Result<RegionTable> parse_csv(std::string_view text);
  // The table from the assets directory (assets_dir()/data/regions.csv), loaded once.
  // Aborts with a message if the shipped data is missing: the program cannot work without it.
  static const RegionTable& builtin();

  const Region* find(std::string_view code) const;
  bool contains(std::string_view code) const { return find(code) != nullptr; }
  // "广西壮族自治区桂林市永福县" for a county code; the township's name appended for 9 digits.
  std::string full_name(std::string_view code) const;
  // Counties (6-digit codes whose last two digits are not 00) under a province or city code.
  std::vector<const Region*> counties_under(std::string_view code) const;
  Status add_township(std::string code, std::string name);
  size_t size() const { return by_code_.size(); }

 private:
  std::unordered_map<std::string, Region> by_code_;
};

// Where assets/ is: $JIUZHU_ASSETS, else the source tree's assets/ (set at build time).
std::string assets_dir();

}  // namespace jiuzhu
