// jiuzhu-server discover: proactive discovery over a feeds directory (contracts/cli.md, feeds.md).
#include <cstdio>
#include <fstream>
#include <optional>
#include <sstream>

#include "backend/cli/keep_until_exit.h"
#include "backend/commands.h"
#include "backend/discovery/engine.h"
#include "backend/discovery/roster.h"
#include "backend/services/run_discovery.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kUsage =
    "usage: jiuzhu-server discover --feeds DIR --county CODE [--params FILE] [--as-of DATE] [--out FILE]\n"
    "                              [--previous FILE] [--rosters DIR] [--prescreen] [--threads N]\n"
    "\n"
    "Reads the departmental CSV feeds in DIR (contracts/feeds.md; missing files skip the rules\n"
    "that need them), applies the warning rules (default assets/discovery/rules.json) as of DATE\n"
    "(default today, China time) and writes the queue JSON to FILE or stdout.\n"
    "--params FILE is either a rules file (with a \"rules\" list) or county parameters in the shape\n"
    "of contracts/eligibility.md (used by --prescreen; the default rules then apply).\n"
    "A one-line summary without personal data goes to stderr.\n"
    "\n"
    "  --previous FILE  an earlier run's queue: households are marked new / changed / unchanged\n"
    "                   and households no longer flagged are listed under \"resolved\"\n"
    "  --rosters DIR    also write the key-group rosters (重点人群, per township) as CSV\n"
    "                   (and PDF when the printing module provides rosters)\n"
    "  --prescreen      run the eligibility pre-screen on every queued household: suggestions\n"
    "                   it finds not_eligible are dropped, verdicts listed under \"prescreen\"\n"
    "                   (slower: ~0.1 ms per queued household)\n"
    "  --threads N      worker threads (1-16, default 2)\n"
    "\n"
    "Exit: 0 done (row errors are reported in the output), 1 runtime failure, 2 usage error.\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "jiuzhu-server discover: %s (try --help)\n", message.c_str());
  return 2;
}

}  // namespace

int discover_command(const Args& args) {
  std::string feeds, county, params, out, previous, rosters;
  std::optional<Date> as_of;
  int threads = 2;
  bool prescreen = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    auto value = [&](std::string& target) {
      if (i + 1 >= args.size()) return false;
      target = args[++i];
      return true;
    };
    std::string v;
    if (a == "--feeds") {
      if (!value(feeds)) return usage_error("--feeds needs a directory");
    } else if (a == "--county") {
      if (!value(county)) return usage_error("--county needs a code");
    } else if (a == "--params") {
      if (!value(params)) return usage_error("--params needs a file");
    } else if (a == "--out") {
      if (!value(out)) return usage_error("--out needs a file");
    } else if (a == "--previous") {
      if (!value(previous)) return usage_error("--previous needs a file");
    } else if (a == "--rosters") {
      if (!value(rosters)) return usage_error("--rosters needs a directory");
    } else if (a == "--as-of") {
      if (!value(v) || !(as_of = Date::parse_iso(v))) return usage_error("--as-of needs a date YYYY-MM-DD");
    } else if (a == "--prescreen") {
      prescreen = true;
    } else if (a == "--threads") {
      if (!value(v) || v.empty() || v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(v) < 1 || std::stoi(v) > 16) {
        return usage_error("--threads needs a number from 1 to 16");
      }
      threads = std::stoi(v);
    } else {
      return usage_error("unknown option " + a);
    }
  }
  if (feeds.empty()) return usage_error("--feeds is required");
  if (county.size() != 6 || county.find_first_not_of("0123456789") != std::string::npos) {
    return usage_error("--county needs a 6-digit county code");
  }
  const Date date = as_of.value_or(Date::today_china());

  // contracts/cli.md names this option --params, as eligibility does: a county parameter file
  // (eligibility.md, no "rules" list) is the pre-screen's parameters; a rules file (docs/discovery.md
  // "Rules as data") replaces the default rules. Without a parameter file the pre-screen uses the
  // shipped assets/params/<county>.json: the CLI works over files and does not read the database
  // (the server's runs use the version entered in force on --as-of, services/run_discovery.h).
  services::EngineInput input{feeds, county, date, threads, prescreen, "", {}};
  input.params.source = "shipped";
  if (!params.empty()) {
    std::ifstream in(params);
    std::stringstream ss;
    ss << in.rdbuf();
    const auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
    if (doc.is_object() && !doc.contains("rules") && doc.contains("county")) {
      if (!prescreen) {
        // Parameters are only read by the pre-screen.
      } else if (auto catalog = policy::Catalog::load_builtin(); !catalog) {
        std::fprintf(stderr, "jiuzhu-server discover: %s\n", catalog.error().message.c_str());
        return 1;
      } else if (auto loaded = policy::CountyParams::load_file(*catalog, params); !loaded) {
        std::fprintf(stderr, "jiuzhu-server discover: %s: %s\n", params.c_str(), loaded.error().message.c_str());
        return 1;
      } else {
        input.params =
            services::params_used_from_file(std::make_shared<const policy::CountyParams>(std::move(loaded).value()));
      }
    } else {
      input.rules_path = params;
    }
  }
  std::optional<nlohmann::json> prev;
  if (!previous.empty()) {
    std::ifstream in(previous);
    if (!in) {
      std::fprintf(stderr, "jiuzhu-server discover: cannot read previous run %s\n", previous.c_str());
      return 1;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    prev = nlohmann::json::parse(ss.str(), nullptr, false);
    if (prev->is_discarded() || !prev->contains("households")) {
      std::fprintf(stderr, "jiuzhu-server discover: %s is not a discovery queue\n", previous.c_str());
      return 1;
    }
  }
  auto engine = services::run_discovery_engine(input);
  if (!engine.ok()) {
    std::fprintf(stderr, "jiuzhu-server discover: %s\n", engine.error().message.c_str());
    return 1;
  }
  const discovery::RuleSet* rules = &engine->rules;
  const discovery::RunResult* run = &engine->run;
  discovery::ChangeCounts changes;
  const nlohmann::json* previous_queue = prev ? &*prev : nullptr;
  if (out.empty()) {
    discovery::write_queue(stdout, *run, *rules, previous_queue, threads, &changes);
  } else {
    std::FILE* f = std::fopen(out.c_str(), "wb");
    bool written = f != nullptr && discovery::write_queue(f, *run, *rules, previous_queue, threads, &changes);
    if (f != nullptr && std::fclose(f) != 0) written = false;
    if (!written) {
      std::fprintf(stderr, "jiuzhu-server discover: cannot write %s\n", out.c_str());
      return 1;
    }
  }
  if (!rosters.empty()) {
    auto written = discovery::write_rosters(*run, *rules, rosters);
    if (!written.ok()) {
      std::fprintf(stderr, "jiuzhu-server discover: %s\n", written.error().message.c_str());
      return 1;
    }
  }
  std::fprintf(stderr, "%s\n", discovery::summary_line(*run, prev ? &changes : nullptr).c_str());
  // The process ends now: its memory goes back to the kernel in one piece at exit instead of
  // block by block on this thread (keep_until_exit.h).
  keep_until_exit(std::move(engine));
  return 0;
}

}  // namespace jiuzhu::backend
