// Use case: run discovery (主动发现) for one county — the single path that the county
// administrator's POST /api/v1/discovery/runs (handlers/discovery_runs.cpp) and, for its engine
// half, `jiuzhu-server discover` (cli/discover_command.cpp) both take.
//
// A run has two halves:
//   1. run_discovery_engine(): the rules in force on `as_of` (assets/discovery/rules.json, or a
//      rules file) and the county parameters chosen for the pre-screen, then the engine
//      (discovery/engine.h) over a feeds directory. Pure over files; the CLI stops here and writes
//      the queue JSON itself.
//   2. run_discovery(): the server's whole use case. Resolves the feeds (a directory name below the
//      feeds root, or uploaded CSV texts written to a private temporary directory removed
//      afterwards), takes the county parameters in force on `as_of` from the database
//      (services/county_params.h: the county's entered version, else the shipped example file),
//      runs half 1, compares with the county's previous run kept in the database (the engine's
//      incremental mode), computes each household's visit due date on the working-day calendar
//      and its key-household category (queue/cadence.h), and stores it all in one transaction of
//      the queue store: items upserted, resolved ones marked and kept, rosters replaced, the run's
//      summary (with which parameter version the pre-screen used) and its audit row.
//
// Which parameters: ParamsUsed says which version the pre-screen used — an entered version (its
// number, effective date and the citation of its 低保 standard) or the shipped example file, whose
// numbers are unverified unless the file says otherwise. It is kept in the run's summary, so the
// run history shows it.
//
// Thread-safety: free functions. run_discovery() serialises runs on `DiscoveryRunContext::serial`
// (each run compares with the one before it); the stores and the calendar are thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "backend/auth/principal.h"
#include "backend/discovery/engine.h"
#include "backend/services/county_params.h"
#include "backend/store/county_params_store.h"
#include "backend/store/queue_store.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/policy/catalog.h"
#include "core/policy/county_params.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

// The county parameters a run's pre-screen uses, and where they come from.
struct ParamsUsed {
  std::string source;          // "county": entered in Jiuzhu; "shipped": assets/params; "file": CLI --params
  int64_t version = 0;         // the entered version's number; 0 otherwise
  std::string effective_from;  // the entered version's effective date; "" otherwise
  std::string citation;        // the 低保 standard's citation (issuer, document number, title), if any
  bool rural_verified = false, urban_verified = false;  // the 低保 standards' sources verified
  std::shared_ptr<const policy::CountyParams> params;  // null: none (the run uses the rule mapping)

  // {"source", "version"?, "effective_from"?, "citation"?, "verified": {"rural", "urban"}, "note"?}:
  // "note" is "shipped example, unverified" for a shipped file whose 低保 standards are not
  // verified. For run summaries and the API.
  nlohmann::json to_json() const;
};

// The parameters `params` described as ParamsUsed (`in_force` from county_params_in_force).
ParamsUsed params_used(const ParamsInForce& in_force);
// The same for a parameters file the caller named (the CLI's --params): source "file".
ParamsUsed params_used_from_file(std::shared_ptr<const policy::CountyParams> params);

// Half 1 ------------------------------------------------------------------------------------

struct EngineInput {
  std::string feeds_dir;  // an existing directory
  std::string county;     // 6 digits
  Date as_of;
  int threads = 2;
  bool prescreen = false;
  std::string rules_path;  // "" = discovery::default_rules_path()
  ParamsUsed params;       // for the pre-screen; params.params null = the shipped file
};

struct EngineRun {
  discovery::RuleSet rules;
  discovery::RunResult run;
};

// Loads the rules in force on input.as_of and runs the engine. Errors: rules_unavailable (the
// rules file does not load; the loader's message), and the engine's for an unusable feeds
// directory. Bad rows are in the result, not errors.
Result<EngineRun> run_discovery_engine(const EngineInput& input);

// Half 2 ------------------------------------------------------------------------------------

// What the server's use case works with. Every reference outlives the call.
struct DiscoveryRunContext {
  QueueStore& queue;
  CountyParamsStore& county_params;
  const WorkingCalendar& calendar;
  const policy::Catalog& catalog;
  ShippedParams shipped;    // the county's shipped parameters (PolicyCache)
  std::string feeds_root;   // feeds_dir names are directories directly below it
  std::string scratch_dir;  // uploaded feeds are written below it (created if missing)
  std::mutex& serial;       // one run at a time
};

struct DiscoveryRunRequest {
  std::string county;  // the administrator's own
  Date as_of;
  // Exactly one of: a directory name below the feeds root (letters, digits, - _ ., not hidden, no
  // ".."), or uploaded feeds (feeds.md file name → CSV text).
  std::string feeds_dir;
  std::map<std::string, std::string> uploaded;
  bool prescreen = true;  // screen suggestions with the parameters in force (discovery.md)
  const Principal* by = nullptr;  // who runs it (audit, created_by)
};

// A row error or warning as shown to the caller: digits runs of 6+ cut out (never an ID number).
struct RowSample {
  std::string file, reason, column;
  size_t line = 0;
};

struct FileCounts {
  size_t rows = 0, errors = 0, warnings = 0;
};

struct DiscoveryRunOutcome {
  int64_t run_id = 0;
  std::string as_of;
  size_t households = 0, residents = 0, flagged = 0, fresh = 0, changed = 0, resolved = 0;
  size_t row_errors = 0, row_warnings = 0;
  std::vector<RowSample> row_error_samples, row_warning_samples;  // at most 20 each
  std::map<std::string, FileCounts> files;  // feeds present or with errors
  bool prescreen_used = false;
  ParamsUsed params;
};

// Runs and stores one discovery run. Errors (field): bad_feeds_dir, feeds_dir_not_found (feeds_dir),
// missing_field (both or neither feeds source), bad_feeds, unknown_feed (feeds.FILE), bad_date
// (as_of outside the calendar), io_error (uploads not stored), internal (rules or cadence not
// loadable), calendar_not_covered, the parameters' (params_invalid, db_error), the store's
// (db_error …). Nothing is stored on error.
Result<DiscoveryRunOutcome> run_discovery(DiscoveryRunContext& ctx, const DiscoveryRunRequest& request);

}  // namespace jiuzhu::backend::services
