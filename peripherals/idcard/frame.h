// The SAM frame protocol of second-generation ID card readers (idcard.md): pure byte codec.
//
// Every frame, command or response, is `AA AA AA 96 69 | LEN_HI LEN_LO | BODY... | CHK`, where
// LEN counts BODY plus CHK and CHK is the XOR of the LEN bytes and BODY. A command BODY is
// `CMD PARA DATA...`; a response BODY is `SW1 SW2 SW3 DATA...`.
//
// FrameAssembler turns a byte stream that arrives in arbitrary pieces (serial reads) into
// frame bodies. It resynchronises after garbage by searching for the preamble, rejects
// impossible lengths and bad checksums, and never holds more than one frame's bytes plus a
// small queue of finished frames, whatever it is fed: the line is untrusted input.
//
// Thread-safety: the free functions are pure; a FrameAssembler is a plain value used by one
// thread at a time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "core/result.h"

namespace jiuzhu::idcard {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline constexpr std::array<std::uint8_t, 5> kPreamble{0xAA, 0xAA, 0xAA, 0x96, 0x69};
inline constexpr std::size_t kHeaderSize = 7;  // preamble + LEN
// The largest LEN we accept. A base-info reply with fingerprints is about 2.3 KB; anything
// far beyond that is noise that happened to contain a preamble.
inline constexpr std::size_t kMaxLen = 4096;

// Commands as (CMD << 8 | PARA).
enum class Command : std::uint16_t {
  reset_sam = 0x10FF,
  sam_status = 0x11FF,
  find_card = 0x2001,
  select_card = 0x2002,
  read_base_info = 0x3001,
  read_base_info_fingerprint = 0x3010,
};

struct CommandFrame {
  std::uint8_t cmd = 0;
  std::uint8_t para = 0;
  Bytes data;
};

struct ResponseFrame {
  std::uint8_t sw1 = 0;
  std::uint8_t sw2 = 0;
  std::uint8_t sw3 = 0;
  Bytes data;
};

// XOR of the bytes (the protocol's "checksum").
std::uint8_t xor_of(ByteView bytes);

// Wraps a body into a complete frame: preamble, LEN, body, CHK. Requires body.size() < kMaxLen.
Bytes encode_frame(ByteView body);
Bytes encode_command(Command command, ByteView data = {});
Bytes encode_response(std::uint8_t sw1, std::uint8_t sw2, std::uint8_t sw3, ByteView data = {});

// Interpret an assembled body. Errors: frame_too_short.
Result<CommandFrame> decode_command_body(ByteView body);
Result<ResponseFrame> decode_response_body(ByteView body);

class FrameAssembler {
 public:
  // `min_body`: the shortest meaningful body (2 for commands, 3 for responses).
  explicit FrameAssembler(std::size_t min_body = 3, std::size_t max_queued = 8);

  // Appends bytes from the line and extracts every complete frame. Memory stays bounded:
  // at most one partial frame is buffered and at most `max_queued` results wait in the
  // queue (older ones are dropped and counted).
  void feed(ByteView bytes);

  // The next assembled frame body, or an error for a frame that was rejected
  // (frame_checksum, frame_length); nullopt when nothing is complete yet.
  std::optional<Result<Bytes>> next();

  // Forgets everything buffered (before a new command, so a stale reply cannot match it).
  void reset();

  std::size_t buffered() const { return buffer_.size() - head_; }
  std::uint64_t discarded_bytes() const { return discarded_; }
  std::uint64_t dropped_results() const { return dropped_; }

 private:
  void scan();
  void push(Result<Bytes> r);
  void drop_front(std::size_t n);

  std::size_t min_body_;
  std::size_t max_queued_;
  Bytes buffer_;
  std::size_t head_ = 0;  // bytes before head_ are consumed
  std::deque<Result<Bytes>> ready_;
  std::uint64_t discarded_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace jiuzhu::idcard
