// UCS-2 little-endian (the card's text encoding) to and from UTF-8.
//
// Cards store each field as 16-bit little-endian code units padded with spaces. Decoding
// accepts surrogate pairs (written by newer cards for rare name characters) and replaces any
// unpaired surrogate with U+FFFD rather than failing, so a damaged field is visible, not lost.
// Encoding writes BMP characters as one unit and others as a surrogate pair.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::idcard {

// Decodes `bytes` (an odd last byte is ignored) and trims spaces and NULs at both ends.
std::string ucs2le_to_utf8_trimmed(std::span<const std::uint8_t> bytes);

// Encodes `utf8` into exactly `size` bytes, padding with U+0020. nullopt when the text does
// not fit or is not valid UTF-8.
std::optional<std::vector<std::uint8_t>> utf8_to_ucs2le_padded(std::string_view utf8, std::size_t size);

}  // namespace jiuzhu::idcard
