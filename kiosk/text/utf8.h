// The UI's names for UTF-8 work (the codec itself is core/utf8.h): code points for the glyph
// set, character-wise editing (backspace must remove a whole 汉字, not one byte of it), and
// the wipe of a resident's strings.
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
