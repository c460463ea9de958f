// Run statistics for the benchmark (--stats FILE): start-up time, frame-time percentiles and
// peak RSS, written as one JSON object.
//
// Thread-safety: plain functions.
#pragma once

#include <string>
#include <vector>

namespace jiuzhu::kiosk {

// The p-th percentile (0..100) of `v` (nearest rank); 0 for an empty vector.
double percentile(std::vector<double> v, double p);
// Peak resident set size of this process in MB (VmHWM), -1 if unknown.
double peak_rss_mb();
void write_stats(const std::string& path, double startup_ms, const std::vector<double>& frame_ms,
                 const std::vector<double>& frame_cpu_ms);

}  // namespace jiuzhu::kiosk
