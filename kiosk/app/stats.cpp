#include "kiosk/app/stats.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace jiuzhu::kiosk {

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

double peak_rss_mb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) {
      std::istringstream ss(line.substr(6));
      double kb = 0;
      ss >> kb;
      return kb / 1024.0;
    }
  return -1;
}

void write_stats(const std::string& path, double startup_ms, const std::vector<double>& frame_ms,
                 const std::vector<double>& frame_cpu_ms) {
  nlohmann::json j = {{"startup_ms", startup_ms},
                      {"frames", frame_ms.size()},
                      {"frame_ms_p50", percentile(frame_ms, 50)},
                      {"frame_ms_p90", percentile(frame_ms, 90)},
                      {"frame_ms_p99", percentile(frame_ms, 99)},
                      {"frame_ms_max", percentile(frame_ms, 100)},
                      {"frame_cpu_ms_p50", percentile(frame_cpu_ms, 50)},
                      {"frame_cpu_ms_p90", percentile(frame_cpu_ms, 90)},
                      {"frame_cpu_ms_p99", percentile(frame_cpu_ms, 99)},
                      {"peak_rss_mb", peak_rss_mb()}};
  std::ofstream(path) << j.dump() << "\n";
}

}  // namespace jiuzhu::kiosk
