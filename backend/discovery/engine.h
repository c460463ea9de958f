// Proactive discovery (主动发现): feeds directory → validated columnar tables → households →
// warning rules → exclusions → scored, ordered queue (contracts/feeds.md).
//
// Stages and their parallelism (2 threads by default): parse (by file, the population file in
// parts; its ID index is built as soon as it is merged), join (by file, largest first), rules
// (households in chunks handed out as threads ask; each thread sorts its own, the parts are
// merged), output (blocks rendered on the threads, written in order). Each stage's wall time
// and row count are reported so the benchmark can give rows/s per stage.
//
// Exclusions: a household already receiving a program (civil_affairs.csv, active on the run
// date) is never suggested that program again, nor the programs the rule set's `exclusions`
// list for it (dibao/tekun households: no dibao, edge, tekun; still medical, education, housing,
// temporary assistance). Exclusions touch only `suggested_programs`: every flag that fired stays
// with its evidence, even when all its programs are excluded (feeds.md). Score = sum of the
// flags' weights; order: score descending, then household_id ascending (deterministic).
//
// Thread-safety: run_discovery() is re-entrant; it owns everything it builds.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backend/discovery/dataset.h"
#include "backend/discovery/prescreen.h"
#include "backend/discovery/rules.h"

namespace jiuzhu::discovery {

struct Flag {
  int rule = -1;  // index into RuleSet::rules
  std::vector<Evidence> evidence;
};

struct QueueItem {
  int32_t household = -1;
  double score = 0;
  std::vector<Flag> flags;
  std::vector<std::string> suggested_programs;
  std::vector<std::string> already_receiving;
  int visit_within_working_days = 0;
  std::vector<ProgramVerdict> prescreen;  // the pre-screen's verdict per suggested program
};

struct StageTiming {
  std::string stage;  // read, parse, join, rules (output is timed by the caller)
  double seconds = 0;      // wall; for "read": mapping and paging in the files, summed over threads
  size_t rows = 0;         // rows handled by the stage (feed rows, or households for rules)
  double cpu_seconds = 0;  // process CPU time (all threads) during the stage; 0 for "read"
};

struct RunOptions {
  std::string feeds_dir;
  std::string county;  // 6 digits
  Date as_of;
  int threads = 2;
  // Filter suggestions through the eligibility pre-screen (prescreen.h). Off by default: it costs
  // ~50-150 µs per queued household (core's evaluate with its explanations), more than all the
  // rules together at county scale; the server pre-screens one household when a caseworker
  // opens it, the CLI does all with --prescreen.
  bool prescreen = false;
  // County parameters (eligibility.md) for the pre-screen, as a value: the caller chooses the
  // version (the server: the county's version in force on as_of, services/run_discovery.h; the
  // CLI: --params FILE). Null: the shipped assets/params/<county>.json.
  std::shared_ptr<const policy::CountyParams> county_params = {};
};

struct RunResult {
  std::string county;
  Date as_of;
  size_t residents = 0;   // living people in the registry
  size_t households = 0;  // households with at least one living member
  std::vector<QueueItem> queue;
  std::vector<RowError> row_errors;    // dropped rows
  std::vector<RowError> row_warnings;  // doubtful values in kept rows, and ignored exact copies
  std::vector<std::string> skipped_rules;
  std::vector<StageTiming> timings;
  bool prescreen_used = false;
  std::string prescreen_note;  // why a requested pre-screen could not be used
  Dataset data;  // kept for the output stage (evidence IDs, township codes) and rosters
};

// Reads every feed in options.feeds_dir (missing files allowed) in parallel. `critical`: the
// columns whose unusable value drops a row (a RuleSet's `reads`).
// With `index`, population.csv's ID index is built as soon as that table is complete, while
// the other threads go on parsing (for join_feeds' `prebuilt`).
std::array<FeedTable, kFeedCount> load_feeds(const RunOptions& options, std::vector<RowError>& errors,
                                             std::vector<RowError>* warnings = nullptr,
                                             const ColumnMask& critical = default_reads(),
                                             PopulationIndex* index = nullptr);

// Runs the rules over a joined dataset (rules stage only; used by run_discovery and tests).
// With `prescreen`, suggestions are filtered and ordered by the eligibility pre-screen.
std::vector<QueueItem> evaluate_households(const Dataset& d, const RuleSet& rules, int threads,
                                           std::vector<std::string>& skipped_rules,
                                           const Prescreen* prescreen = nullptr);

// The whole run. Errors only for an unusable run (feeds_dir not a directory): bad rows are in
// the result.
Result<RunResult> run_discovery(const RunOptions& options, const RuleSet& rules);

// The queue JSON of feeds.md as text (one household per line), rendered by `threads` threads.
// With `previous` (an earlier run's output), each household gets "change": "new" | "changed"
// (a flag it did not have) | "unchanged", the summary counts them, and a top-level "resolved"
// lists households of the previous queue no longer flagged (documented additions). Each flag
// also carries its "weight" so the score is explainable from the output alone.
struct ChangeCounts {
  size_t fresh = 0, changed = 0, unchanged = 0, resolved = 0;
};
std::string queue_text(const RunResult& run, const RuleSet& rules, const nlohmann::json* previous = nullptr,
                       int threads = 2, ChangeCounts* counts = nullptr);
// The same written to `out` as it is rendered (no copy of the whole text is held): what the CLI
// and the benchmark do. False when a write failed.
bool write_queue(std::FILE* out, const RunResult& run, const RuleSet& rules, const nlohmann::json* previous = nullptr,
                 int threads = 2, ChangeCounts* counts = nullptr);
// The same parsed (for callers that need a value: the server, tests).
nlohmann::json queue_json(const RunResult& run, const RuleSet& rules, const nlohmann::json* previous = nullptr);

// Per feed file: rows kept (before exact copies are ignored), rows dropped (errors) and
// warnings. Every feed of the contract, in feed_specs() order; `present` false for a missing one.
struct FileReport {
  std::string file;
  bool present = false;
  size_t rows = 0, errors = 0, warnings = 0;
};
std::vector<FileReport> file_reports(const RunResult& run);

// One line for stderr: counts only, never an ID number or a name.
// With `changes` (an incremental run) the line ends with the new/changed/resolved counts.
std::string summary_line(const RunResult& run, const ChangeCounts* changes = nullptr);

}  // namespace jiuzhu::discovery
