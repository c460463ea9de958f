// The payload of a "read base info" reply: length fields, then the 256-byte text, the WLT
// photo and (for the fingerprint variant) the fingerprint template (idcard.md).
//
// Lengths come from the wire and are untrusted: each is checked against the bytes actually
// present and against fixed upper bounds before anything is copied.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/result.h"
#include "peripherals/idcard/card.h"
#include "peripherals/idcard/frame.h"

namespace jiuzhu::idcard {

struct BaseInfo {
  Bytes text;
  Bytes photo;
  Bytes fingerprint;
  bool with_fingerprint = false;
};

// Splits a reply's DATA (after SW1..SW3). Which variant it is follows from the lengths.
// Errors: base_info_length.
Result<BaseInfo> parse_base_info(ByteView data);

// The DATA of a reply: text length, photo length, [fingerprint length], text, photo, [fingerprint].
Bytes encode_base_info(ByteView text, ByteView photo, std::optional<ByteView> fingerprint);

// Text + photo + fingerprint → Card (decode_card_text, then the bytes attached as they are).
Result<Card> decode_base_info(const BaseInfo& info, std::optional<Date> today = std::nullopt);

// A whole response frame as bytes (the `jiuzhu-idcard parse FILE` input): exactly one valid
// frame, possibly after line noise; a non-success SW3 becomes its status error.
Result<Card> parse_read_reply(ByteView frame_bytes, std::optional<Date> today = std::nullopt);

}  // namespace jiuzhu::idcard
