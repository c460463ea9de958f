// A tiny mutex-protected queue: device workers push results, the UI thread drains it once per
// frame without ever waiting for a worker.
//
// Thread-safety: push from any thread; drain from any thread (the UI).
#pragma once

#include <mutex>
#include <vector>

namespace jiuzhu::kiosk {

template <typename T>
class ResultQueue {
 public:
  void push(T v) {
    std::lock_guard lock(mu_);
    items_.push_back(std::move(v));
  }
  bool empty() {
    std::lock_guard lock(mu_);
    return items_.empty();
  }
  std::vector<T> drain() {
    std::lock_guard lock(mu_);
    std::vector<T> out;
    out.swap(items_);
    return out;
  }

 private:
  std::mutex mu_;
  std::vector<T> items_;
};

}  // namespace jiuzhu::kiosk
