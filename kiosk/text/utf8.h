// Minimal UTF-8 helpers for the UI: code points for the glyph set, and character-wise
// editing (backspace must remove a whole 汉字, not one byte of it).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::kiosk {

// Decodes UTF-8; malformed bytes become U+FFFD so a bad string never stops the UI.
std::vector<char32_t> code_points(std::string_view utf8);
std::string encode_utf8(char32_t cp);
// Removes the last code point (no-op on empty).
void pop_code_point(std::string& utf8);
// Number of code points.
size_t length_chars(std::string_view utf8);
// Overwrites the string's bytes with zeros before clearing it, so that a resident's data
// does not linger in freed heap memory after a session ends.
void wipe_string(std::string& s);

}  // namespace jiuzhu::kiosk
