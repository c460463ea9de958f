#include "peripherals/idcard/base_info.h"

#include "peripherals/idcard/reader_status.h"

namespace jiuzhu::idcard {
namespace {

constexpr std::size_t kMaxPhoto = 2048;
constexpr std::size_t kMaxFingerprint = 2048;

std::size_t be16(ByteView d, std::size_t at) { return (std::size_t{d[at]} << 8) | d[at + 1]; }

void put16(Bytes& out, std::size_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v & 0xFF));
}

Error length_error() { return make_error("base_info_length", "身份证信息长度不对，请重新放卡"); }

}  // namespace

Result<BaseInfo> parse_base_info(ByteView d) {
  if (d.size() < 4) return length_error();
  BaseInfo info;
  std::size_t tl = be16(d, 0), pl = be16(d, 2), fl = 0, at = 4;
  if (tl != kTextSize || pl > kMaxPhoto) return length_error();
  if (d.size() != 4 + tl + pl) {
    // The fingerprint variant: a third length field before the text.
    if (d.size() < 6) return length_error();
    fl = be16(d, 4);
    at = 6;
    if (fl > kMaxFingerprint || d.size() != 6 + tl + pl + fl) return length_error();
    info.with_fingerprint = true;
  }
  info.text.assign(d.begin() + static_cast<std::ptrdiff_t>(at), d.begin() + static_cast<std::ptrdiff_t>(at + tl));
  at += tl;
  info.photo.assign(d.begin() + static_cast<std::ptrdiff_t>(at), d.begin() + static_cast<std::ptrdiff_t>(at + pl));
  at += pl;
  info.fingerprint.assign(d.begin() + static_cast<std::ptrdiff_t>(at), d.begin() + static_cast<std::ptrdiff_t>(at + fl));
  return info;
}

Bytes encode_base_info(ByteView text, ByteView photo, std::optional<ByteView> fingerprint) {
  Bytes out;
  put16(out, text.size());
  put16(out, photo.size());
  if (fingerprint) put16(out, fingerprint->size());
  out.insert(out.end(), text.begin(), text.end());
  out.insert(out.end(), photo.begin(), photo.end());
  if (fingerprint) out.insert(out.end(), fingerprint->begin(), fingerprint->end());
  return out;
}

Result<Card> decode_base_info(const BaseInfo& info, std::optional<Date> today) {
  auto card = decode_card_text(info.text, today);
  if (!card) return card;
  card.value().photo_wlt = info.photo;
  card.value().fingerprint = info.fingerprint;
  return card;
}

Result<Card> parse_read_reply(ByteView frame_bytes, std::optional<Date> today) {
  FrameAssembler assembler;
  assembler.feed(frame_bytes);
  std::optional<Error> first_error;
  while (auto r = assembler.next()) {
    if (!r->ok()) {
      if (!first_error) first_error = r->error();
      continue;
    }
    auto resp = decode_response_body(r->value());
    if (!resp) return resp.error();
    if (resp->sw3 != kSwSuccess) return status_error(resp->sw3);
    auto info = parse_base_info(resp->data);
    if (!info) return info.error();
    return decode_base_info(*info, today);
  }
  if (first_error) return *first_error;
  return make_error(std::string(codes::malformed_reply), "没有找到完整的读卡器应答帧");
}

}  // namespace jiuzhu::idcard
