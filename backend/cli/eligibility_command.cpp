// `jiuzhu-server eligibility --params FILE --household FILE [--as-of DATE] [--catalog DIR]`
// (contracts/cli.md): evaluates one household with the policy engine and prints the result
// JSON on stdout. Exit 0 also when nothing is eligible; 1 with one line on stderr naming the
// field when an input is malformed or invalid; 2 on a usage error.
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "backend/commands.h"
#include "core/date.h"
#include "core/model/json_codec.h"
#include "core/policy/engine.h"
#include "core/regions.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kUsage =
    "usage: jiuzhu-server eligibility --params FILE --household FILE [--as-of YYYY-MM-DD] [--catalog DIR]\n"
    "\n"
    "Pre-screens one household against the policy catalog and prints the result JSON\n"
    "(contracts/eligibility.md). It is a pre-screen, not a decision.\n"
    "\n"
    "  --params FILE     county parameters (e.g. assets/params/450326.json)\n"
    "  --household FILE  the household JSON\n"
    "  --as-of DATE      evaluation date for ages and time windows (default: today in China)\n"
    "  --catalog DIR     policy catalog directory (default: ASSETS/policies)\n"
    "\n"
    "Exit status: 0 result printed; 1 invalid input (the message names the field); 2 usage error.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "jiuzhu-server eligibility: %s (try --help)\n", message.c_str());
  return 2;
}

int failure(const std::string& message) {
  std::fprintf(stderr, "jiuzhu-server eligibility: %s\n", message.c_str());
  return 1;
}

std::string describe(const Error& e) {
  std::string s = e.message;
  if (!e.field.empty() && s.find(e.field) == std::string::npos) s += " (field: " + e.field + ")";
  s += " [" + e.code + "]";
  // One line on stderr, whatever the message holds.
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

int eligibility_command(const Args& args) {
  std::string params_path, household_path, as_of_text, catalog_dir;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    std::string* target = a == "--params"      ? &params_path
                          : a == "--household" ? &household_path
                          : a == "--as-of"     ? &as_of_text
                          : a == "--catalog"   ? &catalog_dir
                                               : nullptr;
    if (!target) return usage_error("unknown argument '" + a + "'");
    if (i + 1 >= args.size() || args[i + 1].empty()) return usage_error(a + " needs a value");
    if (!target->empty()) return usage_error(a + " given twice");
    *target = args[++i];
  }
  if (params_path.empty()) return usage_error("--params FILE is required");
  if (household_path.empty()) return usage_error("--household FILE is required");
  Date as_of = Date::today_china();
  if (!as_of_text.empty()) {
    auto d = Date::parse_iso(as_of_text);
    if (!d) return usage_error("--as-of must be a date YYYY-MM-DD");
    as_of = *d;
  }

  auto catalog = catalog_dir.empty() ? policy::Catalog::load_builtin() : policy::Catalog::load_dir(catalog_dir);
  if (!catalog) return failure("policy catalog: " + describe(catalog.error()));
  auto params = policy::CountyParams::load_file(*catalog, params_path);
  if (!params) return failure("county parameters " + params_path + ": " + describe(params.error()));

  const auto text = read_file(household_path);
  if (!text) return failure("cannot read the household file " + household_path);
  auto json = model::parse_json(*text);
  if (!json) return failure("household: " + describe(json.error()));
  auto household = model::decode_household(*json, as_of);
  if (!household) return failure("invalid household: " + describe(household.error()));

  const policy::EligibilityResult result = policy::evaluate(*catalog, *params, *household, as_of);
  const std::string out = result.to_ordered_json().dump(2) + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  return 0;
}

}  // namespace jiuzhu::backend
