#include "backend/util/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace jiuzhu::backend {

void RateLimiter::refill(Bucket& b, Clock::time_point now) const {
  const double minutes = std::chrono::duration<double>(now - b.at).count() / 60.0;
  if (minutes > 0) {
    b.tokens = std::min(burst_, b.tokens + minutes * per_minute_);
    b.at = now;
  }
}

void RateLimiter::prune(Clock::time_point now) {
  if (now - last_prune_ < std::chrono::minutes(1)) return;
  last_prune_ = now;
  for (auto it = buckets_.begin(); it != buckets_.end();) {
    refill(it->second, now);
    it = it->second.tokens >= burst_ ? buckets_.erase(it) : std::next(it);
  }
}

bool RateLimiter::take(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  prune(now);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  refill(it->second, now);
  if (it->second.tokens < 1.0) return false;
  it->second.tokens -= 1.0;
  return true;
}

int RateLimiter::retry_after_seconds(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return 0;
  refill(it->second, now);
  if (it->second.tokens >= 1.0 || per_minute_ <= 0) return 0;
  return static_cast<int>(std::ceil((1.0 - it->second.tokens) * 60.0 / per_minute_));
}

void RateLimiter::reset(const std::string& key) {
  std::lock_guard lock(mu_);
  buckets_.erase(key);
}

}  // namespace jiuzhu::backend
