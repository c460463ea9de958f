// The one UTF-8 codec of the project (kiosk text editing, printing layout, the ID card's
// UCS-2 text all use it). Strict decoding rejects overlong forms, surrogates and code points
// above U+10FFFF; the lossy variant turns each bad byte into U+FFFD so a screen never stops.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace jiuzhu::utf8 {

// Decodes the sequence starting at s[i] and advances i past it; nullopt (i unchanged) when
// it is malformed or truncated.
std::optional<char32_t> next(std::string_view s, size_t& i);
// Whole text, strict. Error code bad_utf8.
Result<std::u32string> decode(std::string_view s);
// Whole text; each malformed byte becomes U+FFFD.
std::u32string decode_lossy(std::string_view s);
// Appends one code point (assumed valid).
void append(std::string& out, char32_t cp);
std::string encode(std::u32string_view text);
std::string encode(char32_t cp);
// Code points in well-formed text (counts lead bytes).
size_t length(std::string_view s);
// Removes the last code point (no-op on empty).
void pop_back(std::string& s);

}  // namespace jiuzhu::utf8
