// libFuzzer target: the ID card line is untrusted input. Properties checked:
// - the FrameAssembler never buffers more than one frame, however the bytes are chunked;
// - every assembled body goes through the response, base-info and card decoders without
//   crashing (ASan/UBSan watch the bytes);
// - a card text that decodes re-encodes to a text that decodes to the same card;
// - the simulator answers arbitrary host bytes without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "peripherals/idcard/base_info.h"
#include "peripherals/idcard/frame.h"
#include "peripherals/idcard/simulator.h"

using namespace jiuzhu;
using namespace jiuzhu::idcard;

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

void card_round_trip(ByteView text) {
  auto card = decode_card_text(text, Date(2026, 1, 1));
  if (!card) return;
  auto again = encode_card_text(*card);
  check(again.ok());
  auto back = decode_card_text(*again, Date(2026, 1, 1));
  check(back.ok() && *back == *card);
}

void stream(ByteView data, std::uint8_t chunking) {
  FrameAssembler a(3, 4);
  std::size_t at = 0;
  std::size_t step = 1 + (chunking & 0x3F) * 7;
  while (at < data.size()) {
    const std::size_t n = std::min(step, data.size() - at);
    a.feed(data.subspan(at, n));
    at += n;
    check(a.buffered() <= kHeaderSize + kMaxLen);
    while (auto r = a.next()) {
      if (!r->ok()) continue;
      auto resp = decode_response_body(r->value());
      if (!resp) continue;
      if (auto info = parse_base_info(resp->data)) {
        (void)decode_base_info(*info, Date(2026, 1, 1));
        card_round_trip(info->text);
      }
    }
    step = step * 3 % 1031 + 1;
  }
  (void)parse_read_reply(data, Date(2026, 1, 1));
  ReaderSimulator sim;
  (void)sim.on_bytes(data);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const ByteView rest(data + 1, size - 1);
  if (mode & 0x80) {
    // Structured: the rest is a card text (and photo) wrapped into a valid reply frame, so the
    // fuzzer reaches the text decoder without having to discover checksums.
    Bytes text(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(std::min(rest.size(), kTextSize)));
    text.resize(kTextSize, 0x20);
    card_round_trip(text);
    const Bytes photo(rest.size() > kTextSize ? rest.begin() + kTextSize : rest.end(), rest.end());
    const Bytes frame = encode_response(0, 0, 0x90, encode_base_info(text, ByteView(photo).first(std::min<std::size_t>(photo.size(), 2048)), std::nullopt));
    auto card = parse_read_reply(frame, Date(2026, 1, 1));
    (void)card;
    return 0;
  }
  stream(rest, mode);
  return 0;
}
