// ReaderSimulator: a SAM card reader holding (or not holding) a card, as pure protocol logic.
//
// It consumes the bytes a host writes and produces the reply bytes a real reader would send,
// byte-exact (frames built by the same codec, card text by encode_card_text), together with
// the delivery plan: replies may be cut into slow chunks, preceded by line noise, or be
// failures (no card, read failed) so that a driver's handling of each can be tested. It
// keeps the real reader's states: find → select → read, and after a read the card is halted
// until it leaves the field and comes back (present() again, or automatically after
// `represent_after` to model a resident lifting and replacing the card).
//
// PtyReaderSimulator runs one on a pseudo-terminal in a thread; the CLI's `simulate` and the
// kiosk's --devices sim use that.
//
// Thread-safety: ReaderSimulator is not synchronised (one thread); PtyReaderSimulator's
// public methods may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "peripherals/idcard/card.h"
#include "peripherals/idcard/frame.h"

namespace jiuzhu::idcard {

struct SimulatorOptions {
  std::size_t chunk_size = 0;                 // cut replies into pieces of this size (0: whole)
  std::chrono::milliseconds chunk_delay{0};   // pause before each piece after the first
  bool fail_reads = false;                    // answer reads with SW3 0x41 (read failed)
  std::size_t noise_bytes = 0;                // garbage sent before every reply
  std::chrono::milliseconds reply_delay{0};   // pause before every reply (a slow reader)
  std::optional<std::chrono::milliseconds> represent_after;  // re-present a halted card after this
  std::uint32_t seed = 1;                     // for the noise
};

class ReaderSimulator {
 public:
  using Clock = std::chrono::steady_clock;

  struct Chunk {
    std::chrono::milliseconds delay_before{0};
    Bytes bytes;
  };

  explicit ReaderSimulator(SimulatorOptions options = {});

  // Puts a card on the reader (replacing any); it can be found at once. The card must encode
  // (encode_card_text); otherwise the error is returned and the reader is left empty.
  Status present(const Card& card);
  // Takes the card away.
  void remove();
  bool has_card() const { return card_.has_value(); }

  // Feeds bytes written by the host; returns what to send back, in order.
  std::vector<Chunk> on_bytes(ByteView bytes, Clock::time_point now = Clock::now());

  // The reply to one command frame (no noise, not chunked): for tests and the fuzzer.
  Bytes reply_to(const CommandFrame& command, Clock::time_point now = Clock::now());

  std::uint64_t commands_seen() const { return commands_; }

 private:
  enum class State { absent, present, found, selected, halted };

  std::vector<Chunk> deliver(Bytes reply);

  SimulatorOptions options_;
  FrameAssembler assembler_{2};
  std::optional<Card> card_;
  Bytes text_;
  Bytes photo_;
  Bytes fingerprint_;
  State state_ = State::absent;
  Clock::time_point halted_at_{};
  std::mt19937 rng_;
  std::uint64_t commands_ = 0;
};

// A ReaderSimulator answering on a pseudo-terminal, served by a thread of its own.
class PtyReaderSimulator {
 public:
  // Opens the pty (posix_openpt) and starts serving. Errors: pty_open.
  static Result<std::unique_ptr<PtyReaderSimulator>> start(SimulatorOptions options = {});
  ~PtyReaderSimulator();  // stops the thread and closes the pty
  PtyReaderSimulator(const PtyReaderSimulator&) = delete;
  PtyReaderSimulator& operator=(const PtyReaderSimulator&) = delete;

  // The slave side's path ("/dev/pts/7"): give it to SerialReader or `jiuzhu-idcard read`.
  const std::string& path() const { return path_; }
  Status present(const Card& card);
  void remove();
  std::uint64_t commands_seen() const;

 private:
  PtyReaderSimulator(int master, int slave, int stop_read, int stop_write, std::string path,
                     SimulatorOptions options);
  void serve();
  bool pause(std::chrono::milliseconds d);  // false when stopping

  int master_, slave_, stop_read_, stop_write_;
  std::string path_;
  mutable std::mutex mu_;
  ReaderSimulator sim_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace jiuzhu::idcard
