// A Poco logging channel that writes lines to a file descriptor (stderr) in batches.
//
// Why: the server logs one line per request. Poco's AsyncChannel wakes its thread for every
// message and ConsoleChannel then writes each line with its own write(2); under load that was a
// context switch and a system call per request, and the benchmark lost about a sixth of its
// throughput to it (docs/operations.md, Benchmark). This channel appends information and debug
// lines to a buffer that a background thread writes every `interval` (or at once when the buffer
// passes 64 KiB); warnings and errors are written at once, after whatever is buffered, so that
// order is kept and a problem is on the terminal or in the journal before the call returns.
// A crash loses at most `interval` of routine lines (request lines), never a warning.
//
// Thread-safety: log() may be called from any thread. close() (also run by the destructor)
// stops the thread and writes what is left; later messages are written directly.
#pragma once

#include <Poco/Channel.h>
#include <Poco/Message.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace jiuzhu::backend {

class BatchedLogChannel final : public Poco::Channel {
 public:
  // Writes to `fd` (not owned); starts the flushing thread.
  explicit BatchedLogChannel(int fd, std::chrono::milliseconds interval = std::chrono::milliseconds(200));

  // Appends msg.getText() and a newline; see the class comment for when it is written.
  void log(const Poco::Message& msg) override;
  // Writes everything buffered now.
  void flush();
  // Stops the thread after writing what is buffered.
  void close() override;

 protected:
  ~BatchedLogChannel() override;

 private:
  void run();
  // Swaps the buffer out under `lock` (on mu_, released on return) and writes it.
  void write_buffer(std::unique_lock<std::mutex>& lock);
  void write_all(const std::string& text);  // caller holds write_mu_

  const int fd_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;  // buffer_, stopping_
  std::condition_variable cv_;
  std::string buffer_;
  bool stopping_ = false;
  std::mutex write_mu_;  // keeps batches and direct lines in order on the descriptor
  std::thread thread_;
};

}  // namespace jiuzhu::backend
