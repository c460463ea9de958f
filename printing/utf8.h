// UTF-8 for layout, over the one codec (core/utf8.h): documents are built from resident data,
// so invalid UTF-8 must be caught and reported, never drawn as garbage.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace jiuzhu::printing {

// Decodes strict UTF-8 (no overlongs, no surrogates, ≤ U+10FFFF). Error code bad_utf8.
Result<std::u32string> decode_utf8(std::string_view text);
// Encodes code points as UTF-8 (input assumed valid).
std::string encode_utf8(std::u32string_view text);
// Number of code points, or -1 when the text is not valid UTF-8.
long utf8_length(std::string_view text);

}  // namespace jiuzhu::printing
