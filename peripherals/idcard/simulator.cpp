#include "peripherals/idcard/simulator.h"

#include "peripherals/idcard/base_info.h"
#include "peripherals/idcard/reader_status.h"

namespace jiuzhu::idcard {
namespace {

// Stand-in WLT bytes: deterministic per card number, clearly not an image. Real photos come
// only from real cards; nothing in Jiuzhu decodes them.
Bytes pattern_bytes(std::string_view seed, std::size_t n, std::uint8_t salt) {
  std::uint32_t h = 2166136261u ^ salt;
  for (char c : seed) h = (h ^ static_cast<std::uint8_t>(c)) * 16777619u;
  Bytes out(n);
  for (auto& b : out) {
    h = h * 1103515245u + 12345u;
    b = static_cast<std::uint8_t>(h >> 24);
  }
  return out;
}

}  // namespace

ReaderSimulator::ReaderSimulator(SimulatorOptions options) : options_(options), rng_(options.seed) {}

Status ReaderSimulator::present(const Card& card) {
  auto text = encode_card_text(card);
  if (!text) {
    remove();
    return text.error();
  }
  card_ = card;
  text_ = std::move(*text);
  photo_ = card.photo_wlt.empty() ? pattern_bytes(card.id_number, kPhotoSize, 1) : card.photo_wlt;
  fingerprint_ = card.fingerprint.empty() ? pattern_bytes(card.id_number, 1024, 2) : card.fingerprint;
  state_ = State::present;
  return Ok{};
}

void ReaderSimulator::remove() {
  card_.reset();
  state_ = State::absent;
}

Bytes ReaderSimulator::reply_to(const CommandFrame& c, Clock::time_point now) {
  ++commands_;
  const std::uint16_t code = static_cast<std::uint16_t>((c.cmd << 8) | c.para);
  if (state_ == State::halted && options_.represent_after && now - halted_at_ >= *options_.represent_after) {
    state_ = State::present;
  }
  switch (code) {
    case static_cast<std::uint16_t>(Command::reset_sam):
    case static_cast<std::uint16_t>(Command::sam_status):
      return encode_response(0, 0, kSwSuccess);
    case static_cast<std::uint16_t>(Command::find_card):
      if (state_ == State::present || state_ == State::found || state_ == State::selected) {
        state_ = State::found;
        const Bytes iin(4, 0);
        return encode_response(0, 0, kSwCardFound, iin);
      }
      return encode_response(0, 0, kSwNoCard);
    case static_cast<std::uint16_t>(Command::select_card):
      if (state_ == State::found) {
        state_ = State::selected;
        const Bytes serial(8, 0);
        return encode_response(0, 0, kSwSuccess, serial);
      }
      return encode_response(0, 0, kSwSelectFailed);
    case static_cast<std::uint16_t>(Command::read_base_info):
    case static_cast<std::uint16_t>(Command::read_base_info_fingerprint): {
      if (state_ != State::selected || options_.fail_reads) {
        // A failed read leaves the card to be found and selected again.
        if (state_ == State::selected) state_ = State::present;
        return encode_response(0, 0, kSwReadFailed);
      }
      state_ = State::halted;
      halted_at_ = now;
      const bool fp = code == static_cast<std::uint16_t>(Command::read_base_info_fingerprint);
      const Bytes data = encode_base_info(text_, photo_, fp ? std::optional<ByteView>(fingerprint_) : std::nullopt);
      return encode_response(0, 0, kSwSuccess, data);
    }
    default:
      return encode_response(0, 0, 0x21);
  }
}

std::vector<ReaderSimulator::Chunk> ReaderSimulator::deliver(Bytes reply) {
  std::vector<Chunk> out;
  if (options_.noise_bytes > 0) {
    // Noise without 0x69, so it can never hold a whole preamble, but with runs of AA AA AA 96
    // that look like the start of one: the driver must not be fooled by them.
    Bytes noise;
    std::uniform_int_distribution<int> byte(0, 255);
    while (noise.size() < options_.noise_bytes) {
      if (byte(rng_) < 24) {
        for (std::uint8_t b : {0xAA, 0xAA, 0xAA, 0x96}) noise.push_back(b);
        continue;
      }
      const auto b = static_cast<std::uint8_t>(byte(rng_));
      noise.push_back(b == 0x69 ? 0x68 : b);
    }
    noise.resize(options_.noise_bytes);
    out.push_back({options_.reply_delay, std::move(noise)});
  }
  const std::size_t step = options_.chunk_size == 0 ? reply.size() : options_.chunk_size;
  for (std::size_t at = 0; at < reply.size(); at += step) {
    const std::size_t n = std::min(step, reply.size() - at);
    std::chrono::milliseconds delay = out.empty() ? options_.reply_delay : options_.chunk_delay;
    out.push_back({delay, Bytes(reply.begin() + static_cast<std::ptrdiff_t>(at),
                                reply.begin() + static_cast<std::ptrdiff_t>(at + n))});
  }
  return out;
}

std::vector<ReaderSimulator::Chunk> ReaderSimulator::on_bytes(ByteView bytes, Clock::time_point now) {
  assembler_.feed(bytes);
  std::vector<Chunk> out;
  while (auto r = assembler_.next()) {
    Bytes reply;
    if (r->ok()) {
      auto command = decode_command_body(r->value());
      if (!command) continue;
      reply = reply_to(*command, now);
    } else if (r->error().code == codes::frame_checksum) {
      reply = encode_response(0, 0, 0x10);  // what a reader says to a corrupted command
    } else {
      continue;
    }
    auto chunks = deliver(std::move(reply));
    for (auto& c : chunks) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace jiuzhu::idcard
