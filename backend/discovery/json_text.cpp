#include "backend/discovery/json_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace jiuzhu::discovery {

namespace {

// True when one of the 8 bytes of `x` is a control character (< 0x20), '"' or '\\' — the bytes
// JSON must escape (SWAR: a byte's high bit is set in the mask only after a true match; UTF-8
// bytes ≥ 0x80 never match).
inline bool needs_escape8(uint64_t x) {
  constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const uint64_t control = (x - 0x20 * ones) & ~x & highs;
  const uint64_t q = x ^ (0x22 * ones), b = x ^ (0x5C * ones);
  const uint64_t quote = (q - ones) & ~q & highs, backslash = (b - ones) & ~b & highs;
  return (control | quote | backslash) != 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  // Plain text (nearly every key and value) is checked 8 bytes at a time and copied at once.
  size_t i = 0;
  const size_t n = s.size();
  while (i + 8 <= n) {
    uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    if (needs_escape8(x)) break;
    i += 8;
  }
  for (; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == '"' || c == '\\') break;
  }
  out.push_back('"');
  if (i == n) {
    out.append(s);
    out.push_back('"');
    return;
  }
  out.append(s.substr(0, i));
  size_t start = i;
  for (; i < n; ++i) {
    // Plain text (almost all of it) is skipped 8 bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      if (needs_escape8(x)) break;
      i += 8;
    }
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(start, i - start));
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static const char* hex = "0123456789abcdef";
        out += "\\u00";
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
      }
    }
    start = i + 1;
  }
  out.append(s.substr(start));
  out.push_back('"');
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  const double rounded = std::round(v * 100) / 100;
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, rounded);
  out.append(buf, ec == std::errc() ? static_cast<size_t>(p - buf) : 0);
}

void append_json_int(std::string& out, int64_t v) {
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ec == std::errc() ? static_cast<size_t>(p - buf) : 0);
}

}  // namespace jiuzhu::discovery
