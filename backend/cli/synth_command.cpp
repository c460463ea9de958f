// jiuzhu-server synth: writes a synthetic county's feeds (contracts/cli.md; backend/discovery/synth.h).
#include <cstdio>
#include <optional>

#include "backend/commands.h"
#include "backend/discovery/synth.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kUsage =
    "usage: jiuzhu-server synth --county CODE --residents N --seed S --out DIR [--as-of DATE]\n"
    "\n"
    "Writes the 11 departmental feeds (contracts/feeds.md) of a synthetic but realistic county with\n"
    "N residents into DIR: real township codes of CODE, valid ID numbers, a census-shaped\n"
    "population, households of ~2.7 people and each feed at plausible rates. Events are dated\n"
    "around DATE (default today, China time). The same seed, size, county and date give the same\n"
    "bytes.\n"
    "\n"
    "Exit: 0 written, 1 runtime failure (unknown county, cannot write), 2 usage error.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "jiuzhu-server synth: %s (try --help)\n", message.c_str());
  return 2;
}

bool parse_unsigned(const std::string& s, uint64_t& out) {
  if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoull(s);
  return true;
}

}  // namespace

int synth_command(const Args& args) {
  discovery::SynthOptions o;
  std::optional<Date> as_of;
  bool have_residents = false, have_seed = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (i + 1 >= args.size()) return usage_error(a.rfind("--", 0) == 0 ? a + " needs a value" : "unexpected " + a);
    const std::string& v = args[++i];
    uint64_t n = 0;
    if (a == "--county") {
      o.county = v;
    } else if (a == "--residents") {
      if (!parse_unsigned(v, n) || n == 0 || n > 50'000'000) return usage_error("--residents needs 1 to 50000000");
      o.residents = n;
      have_residents = true;
    } else if (a == "--seed") {
      if (!parse_unsigned(v, n)) return usage_error("--seed needs a non-negative integer");
      o.seed = n;
      have_seed = true;
    } else if (a == "--out") {
      o.out_dir = v;
    } else if (a == "--as-of") {
      if (!(as_of = Date::parse_iso(v))) return usage_error("--as-of needs a date YYYY-MM-DD");
    } else {
      return usage_error("unknown option " + a);
    }
  }
  if (o.county.size() != 6 || o.county.find_first_not_of("0123456789") != std::string::npos) {
    return usage_error("--county needs a 6-digit county code");
  }
  if (!have_residents) return usage_error("--residents is required");
  if (!have_seed) return usage_error("--seed is required");
  if (o.out_dir.empty()) return usage_error("--out is required");
  o.as_of = as_of.value_or(Date::today_china());
  auto stats = discovery::synthesize_county(o);
  if (!stats.ok()) {
    std::fprintf(stderr, "jiuzhu-server synth: %s\n", stats.error().message.c_str());
    return 1;
  }
  size_t rows = 0;
  for (size_t r : stats->rows) rows += r;
  std::fprintf(stderr, "synth: county %s: %zu residents in %zu households, %zu feed rows, as_of %s\n",
               o.county.c_str(), stats->residents, stats->households, rows, o.as_of.iso().c_str());
  return 0;
}

}  // namespace jiuzhu::backend
