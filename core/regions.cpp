#include "core/regions.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "core/csv_lines.h"

namespace jiuzhu {
namespace {

bool is_digits(std::string_view s, size_t n) {
  if (s.size() != n) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

RegionLevel level_of(std::string_view code) {
  if (code.size() == 9) return RegionLevel::township;
  if (code.substr(2) == "0000") return RegionLevel::province;
  if (code.substr(4) == "00") return RegionLevel::city;
  return RegionLevel::county;
}

}  // namespace

// $JIUZHU_ASSETS; else, for an installed program (PREFIX/bin/jiuzhu-…), PREFIX/share/jiuzhu/assets
// when that directory exists (the Debian packages put them in /usr/share/jiuzhu/assets, and an
// unpacked package tree finds its own); else the source tree's assets/ (set at build time).
std::string assets_dir() {
  if (const char* env = std::getenv("JIUZHU_ASSETS"); env && *env) return env;
  // Installed: the executable's ../share/jiuzhu/assets. Looked up once; the answer cannot change.
  static const std::string installed = [] {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return std::string();
    const auto dir = exe.parent_path().parent_path() / "share" / "jiuzhu" / "assets";
    return std::filesystem::is_directory(dir, ec) ? dir.string() : std::string();
  }();
  return installed.empty() ? JIUZHU_SOURCE_ASSETS : installed;
}

Result<RegionTable> RegionTable::parse_csv(std::string_view text) {
  RegionTable table;
  for (const auto& line : detail::split_data_lines(text)) {
    if (line.fields.size() < 2 || !is_digits(line.fields[0], 6) || line.fields[1].empty()) {
      return make_error("bad_region_row", "regions data line " + std::to_string(line.number) + " is not 'code,name'");
    }
    std::string code(line.fields[0]);
    table.by_code_[code] = Region{code, std::string(line.fields[1]), level_of(code)};
  }
  if (table.by_code_.empty()) return make_error("empty_region_table", "regions data has no rows");
  return table;
}

Result<RegionTable> RegionTable::load_csv(const std::string& path) {
  std::string text;
  if (!detail::read_file(path, text)) return make_error("file_unreadable", "cannot read " + path);
  return parse_csv(text);
}

const RegionTable& RegionTable::builtin() {
  static const RegionTable table = [] {
    auto loaded = load_csv(assets_dir() + "/data/regions.csv");
    if (!loaded) {
      std::fprintf(stderr, "jiuzhu: %s (set JIUZHU_ASSETS to the assets directory)\n",
                   loaded.error().message.c_str());
      std::abort();
    }
    return std::move(loaded).value();
  }();
  return table;
}

const Region* RegionTable::find(std::string_view code) const {
  auto it = by_code_.find(std::string(code));
  return it == by_code_.end() ? nullptr : &it->second;
}

std::string RegionTable::full_name(std::string_view code) const {
  if (code.size() != 6 && code.size() != 9) return {};
  std::string name;
  const std::string county(code.substr(0, 6));
  const std::string province = county.substr(0, 2) + "0000";
  const std::string city = county.substr(0, 4) + "00";
  for (const std::string& c : {province, city, county}) {
    const Region* r = find(c);
    // Municipalities list their districts under a "市辖区" placeholder city: skip it.
    if (r && r->name != "市辖区" && r->name != "县" && name.find(r->name) == std::string::npos) name += r->name;
  }
  if (code.size() == 9) {
    if (const Region* t = find(code)) name += t->name;
  }
  return name;
}

std::vector<const Region*> RegionTable::counties_under(std::string_view code) const {
  std::vector<const Region*> out;
  const std::string_view prefix = code.substr(0, code.substr(2) == "0000" ? 2 : 4);
  for (const auto& [c, region] : by_code_) {
    if (region.level == RegionLevel::county && std::string_view(c).substr(0, prefix.size()) == prefix) {
      out.push_back(&region);
    }
  }
  return out;
}

Status RegionTable::add_township(std::string code, std::string name) {
  if (!is_digits(code, 9)) return make_error("bad_township_code", "a township code has 9 digits", "township");
  if (!contains(std::string_view(code).substr(0, 6))) {
    return make_error("unknown_county", "the township's county code is not in the region table", "township");
  }
  by_code_[code] = Region{code, std::move(name), RegionLevel::township};
  return Ok{};
}

}  // namespace jiuzhu
