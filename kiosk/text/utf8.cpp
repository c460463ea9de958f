#include "kiosk/text/utf8.h"

#include "core/utf8.h"

namespace jiuzhu::kiosk {

std::vector<char32_t> code_points(std::string_view s) {
  const std::u32string text = utf8::decode_lossy(s);
  return {text.begin(), text.end()};
}

std::string encode_utf8(char32_t cp) { return utf8::encode(cp); }

void pop_code_point(std::string& s) { utf8::pop_back(s); }

size_t length_chars(std::string_view s) { return utf8::length(s); }

void wipe_string(std::string& s) {
  if (!s.empty()) {
    // volatile so the compiler cannot drop a store to memory that is about to be released.
    volatile char* p = s.data();
    for (size_t i = 0; i < s.size(); ++i) p[i] = 0;
  }
  s.clear();
  s.shrink_to_fit();
}

}  // namespace jiuzhu::kiosk
