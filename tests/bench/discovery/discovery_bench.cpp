// Discovery benchmark (issue 5): a synthetic county, the full run from CSV files to the queue
// file, stage by stage, and the same rules as SQL on PostgreSQL 15 as the reference.
//
//   discovery_bench [--residents N] [--seed S] [--as-of DATE] [--feeds DIR] [--existing] [--runs K]
//                   [--threads T] [--no-pg]
//
// --existing uses the feeds already in DIR as they are (e.g. `jiuzhu-server synth --seed 1` or
// another program's export) instead of synthesising them.
//
// The county is synthesised into DIR once (not timed; reused when DIR already holds it). Each
// run is a forked child doing exactly what `jiuzhu-server discover --out` does (read rules, parse
// and validate the 11 feeds, join, rules, render and write the queue), so its peak memory
// (getrusage maxrss of the child) and wall time are those of one run. Medians over K runs.
// Per stage (read, parse, join, rules, output): median wall seconds and median process CPU
// seconds (all threads; independent of other load on a shared machine), rows and rows/s.
// "read" is the time spent mapping and paging in the files, summed over the parse threads (it
// is part of "parse"). The last stdout line is one JSON object.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backend/cli/keep_until_exit.h"
#include "backend/discovery/engine.h"
#include "backend/discovery/synth.h"

using namespace jiuzhu;
using namespace jiuzhu::discovery;
using nlohmann::json;

namespace {

double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

// One run in this process; returns the stage figures as JSON.
double cpu_now() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

json one_run(const std::string& feeds, const std::string& out_file, Date as_of, int threads) {
  const double t0 = now_s();
  auto rules = load_rules(default_rules_path(), as_of);
  if (!rules.ok()) return {{"error", rules.error().message}};
  auto run = run_discovery(RunOptions{feeds, "450326", as_of, threads}, *rules);
  if (!run.ok()) return {{"error", run.error().message}};
  const double t_out = now_s(), c_out = cpu_now();
  std::FILE* f = std::fopen(out_file.c_str(), "wb");
  if (!f || !write_queue(f, *run, *rules, nullptr, threads)) return {{"error", "cannot write " + out_file}};
  const long queue_bytes = std::ftell(f);
  std::fclose(f);
  const double t_end = now_s();
  json j;
  for (const auto& s : run->timings) {
    j[s.stage] = {{"seconds", s.seconds}, {"rows", s.rows}, {"cpu_seconds", s.cpu_seconds}};
  }
  j["output"] = {{"seconds", t_end - t_out}, {"rows", run->queue.size()}, {"bytes", queue_bytes},
                 {"cpu_seconds", cpu_now() - c_out}};
  j["row_warnings"] = run->row_warnings.size();
  j["wall_in_process"] = t_end - t0;
  j["flagged"] = run->queue.size();
  j["residents"] = run->residents;
  j["households"] = run->households;
  j["row_errors"] = run->row_errors.size();
  double score_sum = 0;
  for (const auto& q : run->queue) score_sum += q.score;
  j["score_sum"] = score_sum;
  // As `discover` does: the child ends now, so its run is not freed block by block.
  jiuzhu::backend::keep_until_exit(std::move(run));
  return j;
}

}  // namespace

int main(int argc, char** argv) {
  size_t residents = 1'000'000;
  uint64_t seed = 20261124;
  Date as_of(2026, 11, 24);
  std::string feeds = "/tmp/jiuzhu-discovery-bench";
  int runs = 3, threads = 2;
  bool pg = true, existing = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--residents") residents = std::stoull(next());
    else if (a == "--seed") seed = std::stoull(next());
    else if (a == "--as-of") as_of = Date::parse_iso(next()).value_or(as_of);
    else if (a == "--feeds") feeds = next();
    else if (a == "--runs") runs = std::max(1, std::stoi(next()));
    else if (a == "--threads") threads = std::max(1, std::stoi(next()));
    else if (a == "--no-pg") pg = false;
    else if (a == "--existing") existing = true;
    else {
      std::fprintf(stderr, "usage: discovery_bench [--residents N] [--seed S] [--as-of DATE] [--feeds DIR] "
                           "[--runs K] [--threads T] [--no-pg]\n");
      return a == "--help" ? 0 : 2;
    }
  }
  json result = {{"benchmark", "discovery"}, {"residents_requested", residents}, {"threads", threads}};
  // Synthesis, not timed as part of the run.
  const std::string stamp = feeds + "/.synth-" + std::to_string(residents) + "-" + std::to_string(seed) + "-" + as_of.iso();
  if (!existing && !std::filesystem::exists(stamp)) {
    const double t = now_s();
    SynthOptions o{"450326", residents, seed, feeds, as_of, ""};
    std::filesystem::create_directories(feeds);
    auto s = synthesize_county(o);
    if (!s.ok()) {
      std::fprintf(stderr, "synth failed: %s\n", s.error().message.c_str());
      return 1;
    }
    std::ofstream(stamp) << "ok\n";
    result["synth_seconds"] = now_s() - t;
    std::fprintf(stderr, "synthesised %zu residents in %.1f s\n", s->residents, now_s() - t);
  }
  uintmax_t bytes = 0;
  for (const auto& e : std::filesystem::directory_iterator(feeds)) {
    if (e.path().extension() == ".csv") bytes += e.file_size();
  }
  result["feeds_bytes"] = bytes;

  std::vector<double> wall, cpu, maxrss_mb;
  std::vector<json> stages;
  const std::string out_file = feeds + ".queue.json";
  for (int r = 0; r < runs; ++r) {
    int fds[2];
    if (::pipe(fds) != 0) return 1;
    const double t0 = now_s();
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      const std::string j = one_run(feeds, out_file, as_of, threads).dump();
      if (::write(fds[1], j.data(), j.size()) < 0) _exit(3);
      ::close(fds[1]);
      _exit(0);
    }
    ::close(fds[1]);
    std::string text;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fds[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
    ::close(fds[0]);
    int status = 0;
    struct rusage ru {};
    ::wait4(pid, &status, 0, &ru);
    const double w = now_s() - t0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || text.empty()) {
      std::fprintf(stderr, "run %d failed\n", r);
      return 1;
    }
    json j = json::parse(text);
    if (j.contains("error")) {
      std::fprintf(stderr, "run failed: %s\n", j["error"].get<std::string>().c_str());
      return 1;
    }
    wall.push_back(w);
    cpu.push_back(static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
                  static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6);
    maxrss_mb.push_back(static_cast<double>(ru.ru_maxrss) / 1024.0);
    stages.push_back(j);
    std::fprintf(stderr, "run %d: wall %.2f s, cpu %.2f s, maxrss %.0f MB\n", r, w, cpu.back(), maxrss_mb.back());
  }
  const json& last = stages.back();
  result["residents"] = last["residents"];
  result["households"] = last["households"];
  result["flagged"] = last["flagged"];
  result["score_sum"] = last["score_sum"];
  result["row_errors"] = last["row_errors"];
  result["row_warnings"] = last["row_warnings"];
  result["queue_bytes"] = last["output"]["bytes"];
  result["runs"] = runs;
  result["wall_seconds_runs"] = wall;
  result["wall_seconds_median"] = median(wall);
  result["cpu_seconds_median"] = median(cpu);
  result["maxrss_mb_median"] = median(maxrss_mb);
  result["maxrss_mb_max"] = *std::max_element(maxrss_mb.begin(), maxrss_mb.end());
  result["target_wall_seconds"] = 0.5;  // issue 18, 1 M residents, this machine
  result["target_maxrss_mb"] = 1024;
  double stage_sum = 0;
  for (const char* stage : {"read", "parse", "join", "rules", "output"}) {
    std::vector<double> secs, cpus;
    for (const auto& s : stages) {
      secs.push_back(s[stage]["seconds"].get<double>());
      cpus.push_back(s[stage]["cpu_seconds"].get<double>());
    }
    const double m = median(secs);
    const double rows = last[stage]["rows"].get<double>();
    if (std::string(stage) != "read") stage_sum += m;
    result["stages"][stage] = {{"seconds_median", m}, {"cpu_seconds_median", median(cpus)}, {"rows", rows},
                               {"rows_per_second", m > 0 ? rows / m : 0}};
  }
  result["stages"]["read"]["unit"] = "bytes (seconds summed over threads; part of parse)";
  result["stages_wall_sum_median"] = stage_sum;
  result["stages"]["rules"]["unit"] = "households";
  result["stages"]["output"]["unit"] = "queued households";
  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) > 0) result["loadavg_1min_at_end"] = load[0];

  if (pg) {
    const std::string cmd = std::string("sh ") + JIUZHU_DISCOVERY_BENCH_DIR + "/pg_reference.sh '" + feeds + "' " +
                            as_of.iso() + " " + std::to_string(runs);
    FILE* p = ::popen(cmd.c_str(), "r");
    std::string out, line;
    if (p) {
      char b[4096];
      while (std::fgets(b, sizeof b, p)) out += b;
      ::pclose(p);
    }
    const size_t start = out.rfind("{\"pg_version\"");
    if (start == std::string::npos) {
      result["pg_error"] = "pg_reference.sh produced no result";
    } else {
      const json pgj = json::parse(out.substr(start), nullptr, false);
      result["postgresql"] = pgj;
      const double pg_rules = pgj.value("pg_rules_seconds_median", 0.0);
      const double ours_rules = result["stages"]["join"]["seconds_median"].get<double>() +
                                result["stages"]["rules"]["seconds_median"].get<double>();
      // Like for like: SQL rule queries over loaded tables vs our join + rules over loaded columns.
      result["ratio_pg_rules_over_ours_join_rules"] = ours_rules > 0 ? pg_rules / ours_rules : 0;
      // And against our whole run, CSV parsing and queue writing included.
      result["ratio_pg_rules_over_ours_full_run"] = pg_rules / median(wall);
      result["same_flagged_count"] = pgj.value("pg_flagged", -1) == last["flagged"].get<int>();
      result["same_score_sum"] = std::abs(pgj.value("pg_score_sum", -1.0) - last["score_sum"].get<double>()) < 1e-6;
    }
  }
  std::filesystem::remove(out_file);
  std::printf("%s\n", result.dump().c_str());
  return 0;
}
