// A token-bucket rate limiter keyed by a string (a client address, a login).
//
// Each key holds up to `burst` tokens and regains `per_minute` tokens a minute; take() spends
// one. Idle keys are forgotten after a while so the table stays small under many addresses.
//
// Thread-safety: all methods are safe to call concurrently (one mutex; the work is tiny).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace jiuzhu::backend {

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  RateLimiter(double per_minute, double burst) : per_minute_(per_minute), burst_(burst) {}

  // Spends one token for `key`; false when none is left (the caller answers 429).
  bool take(const std::string& key, Clock::time_point now = Clock::now());
  // Seconds until `key` has a token again (0 when it has one).
  int retry_after_seconds(const std::string& key, Clock::time_point now = Clock::now());
  // Gives `key` a full bucket again (a successful login clears its failures).
  void reset(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  void refill(Bucket& b, Clock::time_point now) const;
  void prune(Clock::time_point now);

  double per_minute_, burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
  Clock::time_point last_prune_{};
};

}  // namespace jiuzhu::backend
