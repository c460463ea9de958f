#include "peripherals/idcard/ucs2.h"

namespace jiuzhu::idcard {
namespace {

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Decodes one UTF-8 sequence at `i`; nullopt for malformed input (overlong, surrogates, > U+10FFFF).
std::optional<char32_t> next_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  int extra = 0;
  char32_t c = 0;
  if (b0 < 0x80) { ++i; return b0; }
  if ((b0 & 0xE0) == 0xC0) { extra = 1; c = b0 & 0x1F; }
  else if ((b0 & 0xF0) == 0xE0) { extra = 2; c = b0 & 0x0F; }
  else if ((b0 & 0xF8) == 0xF0) { extra = 3; c = b0 & 0x07; }
  else return std::nullopt;
  if (i + static_cast<std::size_t>(extra) >= s.size()) return std::nullopt;
  for (int k = 1; k <= extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    c = (c << 6) | (b & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (c < kMin[extra] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
  i += static_cast<std::size_t>(extra) + 1;
  return c;
}

}  // namespace

std::string ucs2le_to_utf8_trimmed(std::span<const std::uint8_t> bytes) {
  std::vector<char16_t> units;
  units.reserve(bytes.size() / 2);
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    units.push_back(static_cast<char16_t>(bytes[i] | (bytes[i + 1] << 8)));
  }
  auto blank = [](char16_t u) { return u == u' ' || u == 0; };
  std::size_t b = 0, e = units.size();
  while (b < e && blank(units[b])) ++b;
  while (e > b && blank(units[e - 1])) --e;
  std::string out;
  for (std::size_t i = b; i < e; ++i) {
    const char16_t u = units[i];
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < e && units[i + 1] >= 0xDC00 && units[i + 1] <= 0xDFFF) {
      append_utf8(out, 0x10000 + ((char32_t{u} - 0xD800) << 10) + (char32_t{units[i + 1]} - 0xDC00));
      ++i;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      append_utf8(out, 0xFFFD);
    } else {
      append_utf8(out, u);
    }
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> utf8_to_ucs2le_padded(std::string_view utf8, std::size_t size) {
  std::vector<std::uint8_t> out;
  out.reserve(size);
  auto put = [&out](char16_t u) {
    out.push_back(static_cast<std::uint8_t>(u & 0xFF));
    out.push_back(static_cast<std::uint8_t>(u >> 8));
  };
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto c = next_utf8(utf8, i);
    if (!c) return std::nullopt;
    if (*c >= 0x10000) {
      const char32_t v = *c - 0x10000;
      put(static_cast<char16_t>(0xD800 + (v >> 10)));
      put(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      put(static_cast<char16_t>(*c));
    }
    if (out.size() > size) return std::nullopt;
  }
  while (out.size() + 1 < size) put(u' ');
  if (out.size() < size) out.push_back(0x20);  // odd size: never happens with the card layout
  return out;
}

}  // namespace jiuzhu::idcard
