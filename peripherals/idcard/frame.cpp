#include "peripherals/idcard/frame.h"

#include <algorithm>
#include <cassert>

namespace jiuzhu::idcard {

std::uint8_t xor_of(ByteView bytes) {
  std::uint8_t x = 0;
  for (std::uint8_t b : bytes) x ^= b;
  return x;
}

Bytes encode_frame(ByteView body) {
  assert(body.size() < kMaxLen);
  const std::size_t len = body.size() + 1;
  Bytes out(kPreamble.begin(), kPreamble.end());
  out.reserve(kHeaderSize + len);
  out.push_back(static_cast<std::uint8_t>(len >> 8));
  out.push_back(static_cast<std::uint8_t>(len & 0xFF));
  out.insert(out.end(), body.begin(), body.end());
  out.push_back(xor_of(ByteView(out).subspan(kPreamble.size())));
  return out;
}

Bytes encode_command(Command command, ByteView data) {
  const auto code = static_cast<std::uint16_t>(command);
  Bytes body{static_cast<std::uint8_t>(code >> 8), static_cast<std::uint8_t>(code & 0xFF)};
  body.insert(body.end(), data.begin(), data.end());
  return encode_frame(body);
}

Bytes encode_response(std::uint8_t sw1, std::uint8_t sw2, std::uint8_t sw3, ByteView data) {
  Bytes body{sw1, sw2, sw3};
  body.insert(body.end(), data.begin(), data.end());
  return encode_frame(body);
}

Result<CommandFrame> decode_command_body(ByteView body) {
  if (body.size() < 2) return make_error("frame_too_short", "读卡器命令帧过短");
  return CommandFrame{body[0], body[1], Bytes(body.begin() + 2, body.end())};
}

Result<ResponseFrame> decode_response_body(ByteView body) {
  if (body.size() < 3) return make_error("frame_too_short", "读卡器应答帧过短");
  return ResponseFrame{body[0], body[1], body[2], Bytes(body.begin() + 3, body.end())};
}

FrameAssembler::FrameAssembler(std::size_t min_body, std::size_t max_queued)
    : min_body_(min_body), max_queued_(std::max<std::size_t>(1, max_queued)) {}

void FrameAssembler::feed(ByteView bytes) {
  // Feed in slices so that even a huge input never needs more than one frame of buffer.
  constexpr std::size_t kSlice = kHeaderSize + kMaxLen;
  while (!bytes.empty()) {
    const std::size_t n = std::min(bytes.size(), kSlice);
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    bytes = bytes.subspan(n);
    scan();
  }
}

std::optional<Result<Bytes>> FrameAssembler::next() {
  if (ready_.empty()) return std::nullopt;
  Result<Bytes> r = std::move(ready_.front());
  ready_.pop_front();
  return r;
}

void FrameAssembler::reset() {
  buffer_.clear();
  head_ = 0;
  ready_.clear();
}

void FrameAssembler::push(Result<Bytes> r) {
  if (ready_.size() >= max_queued_) {
    ready_.pop_front();
    ++dropped_;
  }
  ready_.push_back(std::move(r));
}

void FrameAssembler::drop_front(std::size_t n) {
  head_ += n;
  discarded_ += n;
}

void FrameAssembler::scan() {
  for (;;) {
    ByteView view(buffer_.data() + head_, buffer_.size() - head_);
    // Find the preamble; keep a tail that may be its beginning.
    auto it = std::search(view.begin(), view.end(), kPreamble.begin(), kPreamble.end());
    if (it == view.end()) {
      std::size_t keep = 0;
      for (std::size_t k = std::min(view.size(), kPreamble.size() - 1); k > 0; --k) {
        if (std::equal(view.end() - static_cast<std::ptrdiff_t>(k), view.end(), kPreamble.begin())) {
          keep = k;
          break;
        }
      }
      drop_front(view.size() - keep);
      break;
    }
    const auto skip = static_cast<std::size_t>(it - view.begin());
    if (skip > 0) {
      drop_front(skip);
      continue;
    }
    if (view.size() < kHeaderSize) break;
    const std::size_t len = (std::size_t{view[5]} << 8) | view[6];
    if (len < min_body_ + 1 || len > kMaxLen) {
      // Not a real frame header: skip one byte so the search can find the next preamble.
      push(make_error("frame_length", "读卡器数据长度错误"));
      drop_front(1);
      continue;
    }
    if (view.size() < kHeaderSize + len) break;
    const ByteView covered = view.subspan(kPreamble.size(), 2 + len - 1);
    const std::uint8_t chk = view[kHeaderSize + len - 1];
    if (xor_of(covered) != chk) {
      push(make_error("frame_checksum", "读卡器数据校验错误"));
      drop_front(1);
      continue;
    }
    push(Bytes(view.begin() + kHeaderSize, view.begin() + static_cast<std::ptrdiff_t>(kHeaderSize + len - 1)));
    head_ += kHeaderSize + len;
  }
  // Compact: the consumed prefix is released so the buffer holds at most one partial frame.
  if (head_ > 0) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(head_));
    head_ = 0;
  }
}

}  // namespace jiuzhu::idcard
