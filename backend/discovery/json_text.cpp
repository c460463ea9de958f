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

// How many leading bytes of `s` need no escaping, checked 8 bytes at a time.
inline size_t plain_prefix(std::string_view s) {
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
  return i;
}

// True when no byte of `s` needs escaping: 8 bytes at a time, the last 8 read overlapping the
// ones before (instead of up to 7 single bytes); 4-7 bytes as two overlapping halves of a word;
// shorter strings byte by byte.
inline bool all_plain(std::string_view s) {
  const size_t n = s.size();
  if (n >= 4 && n < 8) {  // the first and last 4 bytes (overlapping) as one word
    uint32_t lo, hi;
    std::memcpy(&lo, s.data(), 4);
    std::memcpy(&hi, s.data() + n - 4, 4);
    return !needs_escape8(static_cast<uint64_t>(lo) | (static_cast<uint64_t>(hi) << 32));
  }
  if (n < 8) {
    unsigned escape = 0;
    for (size_t i = 0; i < n; ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      escape |= static_cast<unsigned>(c < 0x20) | static_cast<unsigned>(c == '"') | static_cast<unsigned>(c == '\\');
    }
    return escape == 0;
  }
  uint64_t x;
  for (size_t i = 0; i + 8 <= n; i += 8) {
    std::memcpy(&x, s.data() + i, 8);
    if (needs_escape8(x)) return false;
  }
  std::memcpy(&x, s.data() + n - 8, 8);
  return !needs_escape8(x);
}

// Short plain strings (keys, codes, dates, names) are framed in a stack buffer and appended in
// one call: the separate push_backs and append around them were each an out-of-line call.
constexpr size_t kShort = 60;

}  // namespace

void append_json_key(std::string& out, std::string_view k, bool comma) {
  if (k.size() <= kShortJsonKey && all_plain(k)) {
    append_plain_json_key(out, k, comma);  // short: never calls back here
    return;
  }
  if (comma) out.push_back(',');
  append_json_string(out, k);
  out.push_back(':');
}

void append_json_string(std::string& out, std::string_view s) {
  // Plain text (nearly every key and value) is checked 8 bytes at a time and copied at once.
  const size_t n = s.size();
  if (n <= kShort && all_plain(s)) {
    char buf[kShort + 2];
    buf[0] = '"';
    std::memcpy(buf + 1, s.data(), n);
    buf[n + 1] = '"';
    out.append(buf, n + 2);
    return;
  }
  size_t i = plain_prefix(s);
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
  const double scaled = std::round(v * 100);
  const double rounded = scaled / 100;
  char buf[32];
  // Fast path (to_chars was ~360 instructions a number): rounded is the double nearest k/100
  // (k = scaled, an exact integer), and below 1e13 no other decimal with at most two places is
  // within its rounding interval, so k/100's own digits are the shortest form. to_chars writes
  // them in fixed notation unless scientific is strictly shorter; then it, and every negative,
  // large or unusual value, goes to to_chars.
  if (!std::signbit(rounded) && scaled < 1e15) {
    const uint64_t k = static_cast<uint64_t>(scaled);
    char* p = buf + sizeof buf;
    uint64_t whole = k / 100;
    const unsigned cents = static_cast<unsigned>(k % 100);
    size_t trailing = 0;  // zeros at the end of the significant digits
    if (cents != 0) {
      if (cents % 10 != 0) *--p = static_cast<char>('0' + cents % 10);
      *--p = static_cast<char>('0' + cents / 10);
      *--p = '.';
    }
    char* const int_end = p;
    do {
      *--p = static_cast<char>('0' + whole % 10);
      whole /= 10;
    } while (whole != 0);
    const size_t len = static_cast<size_t>(buf + sizeof buf - p);
    size_t significant;
    if (cents == 0) {
      for (const char* q = int_end - 1; q > p && *q == '0'; --q) ++trailing;
      significant = static_cast<size_t>(int_end - p) - trailing;
    } else if (k < 100) {  // 0.x: leading zeros are not significant
      significant = cents >= 10 && cents % 10 != 0 ? 2 : 1;
    } else {
      significant = len - 1;  // every digit but the point
    }
    const size_t scientific = significant + (significant > 1 ? 1 : 0) + 4;  // d[.ddd]e±XX
    if (len <= scientific) {
      out.append(p, len);
      return;
    }
  }
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, rounded);
  out.append(buf, ec == std::errc() ? static_cast<size_t>(p - buf) : 0);
}

void append_json_int(std::string& out, int64_t v) {
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, ec == std::errc() ? static_cast<size_t>(p - buf) : 0);
}

}  // namespace jiuzhu::discovery
