#include "backend/http/metrics.h"

#include <sstream>

namespace jiuzhu::backend {

void Metrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[method + "|" + route + "|" + std::to_string(status)];
  auto& h = latency_[method + "|" + route];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.counts[i];
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::count_discovery_run(const std::string& county, bool ok) {
  std::lock_guard lock(mu_);
  ++discovery_runs_[{county, ok}];
}

std::string Metrics::render() const {
  std::ostringstream out;
  std::lock_guard lock(mu_);
  out << "# HELP jiuzhu_http_requests_total HTTP requests by route and status.\n"
         "# TYPE jiuzhu_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    const auto a = key.find('|'), b = key.rfind('|');
    out << "jiuzhu_http_requests_total{method=\"" << key.substr(0, a) << "\",route=\"" << key.substr(a + 1, b - a - 1)
        << "\",status=\"" << key.substr(b + 1) << "\"} " << n << "\n";
  }
  out << "# HELP jiuzhu_http_request_duration_seconds Request latency by route.\n"
         "# TYPE jiuzhu_http_request_duration_seconds histogram\n";
  for (const auto& [key, h] : latency_) {
    const auto a = key.find('|');
    const std::string labels = "method=\"" + key.substr(0, a) + "\",route=\"" + key.substr(a + 1) + "\"";
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out << "jiuzhu_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} " << h.counts[i] << "\n";
    }
    out << "jiuzhu_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << h.count << "\n";
    out << "jiuzhu_http_request_duration_seconds_sum{" << labels << "} " << h.sum << "\n";
    out << "jiuzhu_http_request_duration_seconds_count{" << labels << "} " << h.count << "\n";
  }
  out << "# HELP jiuzhu_discovery_runs_total Discovery runs asked of this server since it started, by county and "
         "result.\n# TYPE jiuzhu_discovery_runs_total counter\n";
  for (const auto& [key, n] : discovery_runs_) {
    out << "jiuzhu_discovery_runs_total{county=\"" << key.first << "\",result=\"" << (key.second ? "ok" : "failed")
        << "\"} " << n << "\n";
  }
  return out.str();
}

}  // namespace jiuzhu::backend
