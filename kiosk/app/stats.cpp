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

void PhaseMemory::enter(const std::string& phase) {
  if (!phase_.empty()) {
    double& p = peaks_[phase_];
    p = std::max(p, peak_rss_mb());
  }
  // "5" resets the peak RSS to the current RSS (proc(5), Linux ≥ 4.0).
  std::ofstream("/proc/self/clear_refs") << "5";
  phase_ = phase;
}

const std::map<std::string, double>& PhaseMemory::finish() {
  enter("");
  return peaks_;
}

void write_stats(const std::string& path, double startup_ms, const std::vector<FrameSeries>& series,
                 const std::map<std::string, double>& peaks_by_phase, const std::vector<double>& speech_ms) {
  double peak = -1;
  nlohmann::json by_phase = nlohmann::json::object();
  for (const auto& [phase, mb] : peaks_by_phase) {
    by_phase[phase] = mb;
    peak = std::max(peak, mb);
  }
  nlohmann::json j = {{"startup_ms", startup_ms}, {"peak_rss_mb", peak}, {"peak_rss_mb_by_phase", by_phase}};
  for (const auto& f : series) {
    j[f.prefix + "frames"] = f.wall_ms.size();
    for (double p : {50.0, 95.0, 99.0, 100.0}) {
      std::string pct = p == 100.0 ? "max" : "p" + std::to_string(static_cast<int>(p));
      j[f.prefix + "frame_ms_" + pct] = percentile(f.wall_ms, p);
      j[f.prefix + "frame_cpu_ms_" + pct] = percentile(f.cpu_ms, p);
    }
  }
  j["speech_prompts"] = speech_ms.size();
  for (double p : {50.0, 95.0, 100.0})
    j[std::string("speech_prompt_ms_") + (p == 100.0 ? "max" : "p" + std::to_string(static_cast<int>(p)))] =
        percentile(speech_ms, p);
  std::ofstream(path) << j.dump() << "\n";
}

}  // namespace jiuzhu::kiosk
