// Request metrics for /metrics (Prometheus text format): counts by route and status, and a
// latency histogram by route. Queue sizes are added at scrape time by the metrics handler.
//
// Thread-safety: observe() and render() may run concurrently (one mutex; per-request cost is a
// map lookup and a few increments).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace jiuzhu::backend {

class Metrics {
 public:
  void observe(const std::string& route, const std::string& method, int status, double seconds);
  // ops: a discovery run asked of this server ended, for `county`, well (`ok`) or not
  // (jiuzhu_discovery_runs_total{county,result="ok|failed"}).
  void count_discovery_run(const std::string& county, bool ok);
  std::string render() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> counts{};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mu_;
  std::map<std::string, uint64_t> requests_;  // "method|route|status"
  std::map<std::string, Histogram> latency_;  // "method|route"
  std::map<std::pair<std::string, bool>, uint64_t> discovery_runs_;  // (county, ok)
};

}  // namespace jiuzhu::backend
