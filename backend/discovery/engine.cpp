#include "backend/discovery/engine.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <thread>

#include "backend/discovery/split_feed.h"
#include "core/regions.h"

namespace jiuzhu::discovery {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU time of the whole process (every thread), a load-independent complement to wall time.
double process_cpu_seconds() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// Programs the household's living members receive on the run date (civil_affairs.csv).
std::vector<std::string> receiving(const Dataset& d, size_t household) {
  std::vector<std::string> out;
  if (!d.present(Feed::civil_affairs)) return out;
  const FeedTable& t = d.table(Feed::civil_affairs);
  const Csr& rows = d.rows_of_person[static_cast<size_t>(Feed::civil_affairs)];
  for (int32_t p : d.living.of(household)) {
    for (int32_t r32 : rows.of(static_cast<size_t>(p))) {
      const size_t r = static_cast<size_t>(r32);
      const int32_t since = t.cols[2].ints[r], until = t.cols[3].ints[r];
      if (since > d.as_of_int || (until != 0 && until <= d.as_of_int)) continue;
      std::string prog(enum_text(t.cols[1], r));  // an unlisted program is kept as written
      if (std::find(out.begin(), out.end(), prog) == out.end()) out.push_back(std::move(prog));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Files at least this large are parsed in parts, one per thread.
constexpr long kSplitBytes = 32L << 20;

}  // namespace

std::array<FeedTable, kFeedCount> load_feeds(const RunOptions& options, std::vector<RowError>& errors,
                                             std::vector<RowError>* warnings, const ColumnMask& critical,
                                             PopulationIndex* index) {
  std::array<FeedTable, kFeedCount> tables;
  std::array<std::vector<RowError>, kFeedCount> per_feed, per_feed_warnings;
  const LoadOptions lo{options.as_of, options.county, critical};
  const RegionTable& regions = RegionTable::builtin();
  // Largest file first so the two threads finish together.
  std::vector<std::pair<long, int>> sized;
  for (int f = 0; f < kFeedCount; ++f) {
    struct stat st {};
    const std::string path = options.feeds_dir + "/" + std::string(feed_spec(static_cast<Feed>(f)).file);
    sized.emplace_back(::stat(path.c_str(), &st) == 0 ? static_cast<long>(st.st_size) : 0L, f);
  }
  std::sort(sized.begin(), sized.end(), [](auto a, auto b) { return a.first > b.first; });
  // A large file is cut in parts for the threads to share (SplitFeed); its parts come first.
  const size_t threads = static_cast<size_t>(std::max(1, options.threads));
  std::array<std::unique_ptr<SplitFeed>, kFeedCount> feeds;
  std::vector<std::pair<int, size_t>> tasks;  // (feed, part)
  for (auto& s : sized) {
    const size_t parts = threads > 1 && s.first >= kSplitBytes ? threads : 1;
    feeds[static_cast<size_t>(s.second)] = std::make_unique<SplitFeed>(options.feeds_dir, static_cast<Feed>(s.second), lo, parts);
    for (size_t p = 0; p < parts; ++p) tasks.emplace_back(s.second, p);
  }
  std::atomic<size_t> next{0};
  auto worker = [&] {
    IdValidator validator(regions, options.as_of);
    for (size_t i = next++; i < tasks.size(); i = next++) {
      // The thread finishing a feed's last part merges it while the others go on parsing.
      const size_t f = static_cast<size_t>(tasks[i].first);
      if (feeds[f]->parse(tasks[i].second, validator)) {
        tables[f] = feeds[f]->merge(validator, per_feed[f], warnings ? &per_feed_warnings[f] : nullptr);
        // Unmap the file and free the parts here, while the other threads still parse, rather
        // than all at once when load_feeds returns (~20 ms of munmap on one thread at 1 M).
        feeds[f].reset();
        if (index && f == static_cast<size_t>(Feed::population) && tables[f].present) {
          index->index.build(tables[f].ids, index->duplicates);
          index->built = true;
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (size_t i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (auto& e : per_feed) errors.insert(errors.end(), std::make_move_iterator(e.begin()), std::make_move_iterator(e.end()));
  if (warnings) {
    for (auto& w : per_feed_warnings) {
      warnings->insert(warnings->end(), std::make_move_iterator(w.begin()), std::make_move_iterator(w.end()));
    }
  }
  return tables;
}

std::vector<QueueItem> evaluate_households(const Dataset& d, const RuleSet& rules, int threads,
                                           std::vector<std::string>& skipped_rules, const Prescreen* prescreen) {
  // Rules whose feeds are missing are skipped (and said so).
  std::vector<int> active;
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    bool ok = d.present(Feed::population);
    for (Feed f : rules.rules[i].needs) ok = ok && d.present(f);
    if (ok) active.push_back(static_cast<int>(i));
    else skipped_rules.push_back(rules.rules[i].id);
  }
  const size_t n = d.households;
  const int parts = std::max(1, threads);
  std::vector<std::vector<QueueItem>> partial(static_cast<size_t>(parts));
  // Order: score descending, then household id. Sorting small keys and moving each item once is
  // cheaper than sorting the items themselves through the dictionary. Most households share a
  // score, so the id decides most comparisons: its first 16 bytes, big-endian and zero-padded,
  // are two integers whose order is the text's wherever they differ (a zero pad sorts a proper
  // prefix first, as the text does); only equal prefixes compare the text (a call and a memcmp
  // per comparison made this serial sort ~4 % of the whole run). Each thread sorts the keys of
  // its own households; the sorted parts are then merged (household ids are unique, so the
  // order is total and the merge gives exactly the order of one sort over all keys).
  struct Key {
    double score;
    uint64_t hi, lo;
    std::string_view id;
    uint32_t part, index;
  };
  auto prefix = [](std::string_view s, size_t from) {
    uint64_t v = 0;
    for (size_t i = 0; i < 8; ++i) {
      const size_t at = from + i;
      v = (v << 8) | (at < s.size() ? static_cast<unsigned char>(s[at]) : 0U);
    }
    return v;
  };
  auto before = [](const Key& a, const Key& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.hi != b.hi) return a.hi < b.hi;
    if (a.lo != b.lo) return a.lo < b.lo;
    return a.id < b.id;
  };
  std::vector<std::vector<Key>> sorted(static_cast<size_t>(parts));
  // Households are handed out in chunks as threads ask for them (fixed halves left one thread
  // idle for the last ~10–20 ms at 1 M: flagged households are not spread evenly). Which thread
  // takes a chunk does not matter: the keys' order is total, so the merged queue is the same.
  constexpr size_t kChunk = 2048;
  std::atomic<size_t> next_chunk{0};
  auto work = [&](int part) {
    std::vector<Evidence> evidence;
    std::vector<std::string_view> excluded;
    auto& out = partial[static_cast<size_t>(part)];
    for (size_t lo = kChunk * next_chunk++; lo < n; lo = kChunk * next_chunk++) {
      for (size_t h = lo, hi = std::min(n, lo + kChunk); h < hi; ++h) {
        if (d.living.of(h).empty()) continue;
        QueueItem item;
        for (int ri : active) {
          evidence.clear();
          if (rules.rules[static_cast<size_t>(ri)].impl->evaluate(d, h, evidence)) {
            item.flags.push_back(Flag{ri, std::move(evidence)});
            evidence = {};
          }
        }
        if (item.flags.empty()) continue;
        item.household = static_cast<int32_t>(h);
        item.already_receiving = receiving(d, h);
        // What is received and what it excludes: a few names, looked up only (a std::set of
        // copied strings per flagged household was ~3 % of the run's instructions). The views
        // point into item.already_receiving and the rule set, both unchanged until the item is
        // moved out below.
        excluded.clear();
        for (const auto& prog : item.already_receiving) {
          excluded.push_back(prog);
          auto it = rules.exclusions.find(prog);
          if (it != rules.exclusions.end()) excluded.insert(excluded.end(), it->second.begin(), it->second.end());
        }
        // Exclusions remove only suggestions: every flag stays with its evidence (a flag is a fact
        // about the household; the caseworker who visits needs it), and counts in the score.
        item.visit_within_working_days = 0;
        for (const Flag& f : item.flags) {
          const Rule& r = rules.rules[static_cast<size_t>(f.rule)];
          for (const auto& prog : r.programs) {
            if (std::find(excluded.begin(), excluded.end(), std::string_view(prog)) != excluded.end()) continue;
            if (std::find(item.suggested_programs.begin(), item.suggested_programs.end(), prog) ==
                item.suggested_programs.end()) {
              item.suggested_programs.push_back(prog);
            }
          }
          item.score += r.weight;
          item.visit_within_working_days = item.visit_within_working_days == 0
                                               ? r.visit_within_working_days
                                               : std::min(item.visit_within_working_days, r.visit_within_working_days);
        }
        if (prescreen && !item.suggested_programs.empty()) {
          // Keep what the pre-screen does not rule out; likely_eligible first, rule order otherwise.
          item.prescreen = prescreen->screen(d, h, item.already_receiving, item.suggested_programs);
          auto verdict = [&](const std::string& prog) {
            for (const auto& v : item.prescreen) {
              if (v.program == prog) return v.verdict == "likely_eligible" ? 0 : v.verdict == "needs_review" ? 1 : 2;
            }
            return 1;
          };
          std::vector<std::string> programs;
          for (int want = 0; want <= 1; ++want) {
            for (const auto& prog : item.suggested_programs) {
              if (verdict(prog) == want) programs.push_back(prog);
            }
          }
          item.suggested_programs = std::move(programs);
        }
        out.push_back(std::move(item));
      }
    }
    auto& keys = sorted[static_cast<size_t>(part)];
    keys.reserve(out.size());
    for (uint32_t i = 0; i < out.size(); ++i) {
      const std::string_view id = d.household_id(static_cast<size_t>(out[i].household));
      keys.push_back({out[i].score, prefix(id, 0), prefix(id, 8), id, static_cast<uint32_t>(part), i});
    }
    std::sort(keys.begin(), keys.end(), before);
  };
  std::vector<std::thread> pool;
  for (int p = 1; p < parts; ++p) pool.emplace_back(work, p);
  work(0);
  for (auto& t : pool) t.join();
  std::vector<Key> keys = std::move(sorted[0]);
  for (size_t p = 1; p < sorted.size(); ++p) {
    std::vector<Key> merged(keys.size() + sorted[p].size());
    std::merge(keys.begin(), keys.end(), sorted[p].begin(), sorted[p].end(), merged.begin(), before);
    keys = std::move(merged);
  }
  // Items move into queue order on both threads (a half each): on one thread this was ~10 ms of
  // the stage's serial tail at 1 M.
  std::vector<QueueItem> queue(keys.size());
  auto move_items = [&](size_t lo, size_t hi) {
    for (size_t i = lo; i < hi; ++i) queue[i] = std::move(partial[keys[i].part][keys[i].index]);
  };
  if (parts > 1 && keys.size() >= 2 * kChunk) {
    std::thread helper(move_items, keys.size() / 2, keys.size());
    move_items(0, keys.size() / 2);
    helper.join();
  } else {
    move_items(0, keys.size());
  }
  return queue;
}

Result<RunResult> run_discovery(const RunOptions& options, const RuleSet& rules) {
  struct stat st {};
  if (::stat(options.feeds_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return make_error("feeds_dir_missing", "feeds directory not found: " + options.feeds_dir, "feeds");
  }
  RunResult run;
  run.county = options.county;
  run.as_of = options.as_of;

  auto t0 = Clock::now();
  double c0 = process_cpu_seconds();
  PopulationIndex index;
  auto tables = load_feeds(options, run.row_errors, &run.row_warnings, rules.reads, &index);
  size_t feed_rows = 0, feed_bytes = 0;
  double read_seconds = 0;
  for (const auto& t : tables) {
    feed_rows += t.rows;
    feed_bytes += t.bytes;
    read_seconds += t.read_seconds;
  }
  run.timings.push_back({"read", read_seconds, feed_bytes, 0});
  run.timings.push_back({"parse", seconds_since(t0), feed_rows, process_cpu_seconds() - c0});

  t0 = Clock::now();
  c0 = process_cpu_seconds();
  run.data = join_feeds(std::move(tables), options.as_of, run.row_errors, options.threads, &run.row_warnings, &index);
  run.timings.push_back({"join", seconds_since(t0), feed_rows, process_cpu_seconds() - c0});
  for (size_t h = 0; h < run.data.households; ++h) {
    const size_t living = run.data.living.of(h).size();
    run.residents += living;
    run.households += living > 0;
  }
  if (!run.data.present(Feed::population)) {
    run.row_errors.push_back({std::string(feed_spec(Feed::population).file), 0, "missing_file", {}});
  }

  std::shared_ptr<const Prescreen> prescreen;
  if (options.prescreen) {
    auto p = Prescreen::for_county(options.county, options.county_params);
    if (p.ok()) prescreen = *p;
    else run.prescreen_note = "eligibility pre-screen not used: " + p.error().message;
  }
  run.prescreen_used = prescreen != nullptr;
  t0 = Clock::now();
  c0 = process_cpu_seconds();
  run.queue = evaluate_households(run.data, rules, options.threads, run.skipped_rules, prescreen.get());
  run.timings.push_back({"rules", seconds_since(t0), run.data.households, process_cpu_seconds() - c0});
  // Row errors in file order, then line order, whatever thread found them.
  for (auto* list : {&run.row_errors, &run.row_warnings}) {
    std::stable_sort(list->begin(), list->end(), [](const RowError& a, const RowError& b) {
      return a.file != b.file ? a.file < b.file : a.line < b.line;
    });
  }
  return run;
}

}  // namespace jiuzhu::discovery
