// Run statistics for the benchmark (--stats FILE): start-up time, frame-time percentiles (wall
// and UI-thread CPU), and peak RSS per journey phase, written as one JSON object.
//
// Peak RSS per phase uses the kernel's high-water mark: entering a phase reads VmHWM (the
// peak of the phase that ends) and resets it by writing "5" to /proc/self/clear_refs, so a
// short spike between two frames is still attributed to the phase it happened in.
//
// Thread-safety: plain functions; PhaseMemory is used by one thread (the UI).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace jiuzhu::kiosk {

// The p-th percentile (0..100) of `v` (nearest rank); 0 for an empty vector.
double percentile(std::vector<double> v, double p);
// Peak resident set size of this process in MB (VmHWM) since start or the last reset, -1 if
// unknown.
double peak_rss_mb();

class PhaseMemory {
 public:
  // Ends the current phase (if any), recording its peak RSS, and begins `phase`. A phase
  // entered again keeps the larger peak.
  void enter(const std::string& phase);
  // Ends the current phase; the peaks in MB by phase name.
  const std::map<std::string, double>& finish();
  const std::string& current() const { return phase_; }

 private:
  std::string phase_;
  std::map<std::string, double> peaks_;
};

// Frame times of a set of frames; `prefix` names it in the JSON ("" for all frames,
// "camera_" for those that showed the live preview: camera_frame_ms_p95, ...).
struct FrameSeries {
  std::string prefix;
  const std::vector<double>& wall_ms;
  const std::vector<double>& cpu_ms;
};

// `peaks_by_phase` as from PhaseMemory::finish(); peak_rss_mb is their maximum.
// `speech_ms`: per spoken prompt, the time from asking to the samples queued (speech_prompt_ms_*).
void write_stats(const std::string& path, double startup_ms, const std::vector<FrameSeries>& series,
                 const std::map<std::string, double>& peaks_by_phase, const std::vector<double>& speech_ms = {});

}  // namespace jiuzhu::kiosk
