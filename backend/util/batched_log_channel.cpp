#include "backend/util/batched_log_channel.h"

#include <unistd.h>

#include <cerrno>

namespace jiuzhu::backend {
namespace {

constexpr size_t kFlushAt = 64 * 1024;

}  // namespace

BatchedLogChannel::BatchedLogChannel(int fd, std::chrono::milliseconds interval) : fd_(fd), interval_(interval) {
  thread_ = std::thread([this] { run(); });
}

BatchedLogChannel::~BatchedLogChannel() { close(); }

void BatchedLogChannel::log(const Poco::Message& msg) {
  const bool urgent = msg.getPriority() <= Poco::Message::PRIO_WARNING;
  std::unique_lock lock(mu_);
  buffer_ += msg.getText();
  buffer_ += '\n';
  if (!urgent && buffer_.size() < kFlushAt && !stopping_) return;
  write_buffer(lock);
}

void BatchedLogChannel::flush() {
  std::unique_lock lock(mu_);
  write_buffer(lock);
}

void BatchedLogChannel::write_buffer(std::unique_lock<std::mutex>& lock) {
  std::string text;
  text.swap(buffer_);
  // Taken before mu_ is released: a batch swapped out later cannot overtake this one.
  std::lock_guard write_lock(write_mu_);
  lock.unlock();
  write_all(text);
}

void BatchedLogChannel::close() {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  flush();
}

void BatchedLogChannel::run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, interval_, [&] { return stopping_; });
    if (buffer_.empty()) continue;
    write_buffer(lock);
    lock.lock();  // after write_mu_ is released: the lock order is always mu_, then write_mu_
  }
}

void BatchedLogChannel::write_all(const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // stderr closed or full disk: logging must not stop the service
    done += static_cast<size_t>(n);
  }
}

}  // namespace jiuzhu::backend
