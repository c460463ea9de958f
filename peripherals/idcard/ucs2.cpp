#include "peripherals/idcard/ucs2.h"

#include "core/utf8.h"

namespace jiuzhu::idcard {
using utf8::append;

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
      append(out, 0x10000 + ((char32_t{u} - 0xD800) << 10) + (char32_t{units[i + 1]} - 0xDC00));
      ++i;
    } else if (u >= 0xD800 && u <= 0xDFFF) {
      append(out, 0xFFFD);
    } else {
      append(out, u);
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
    const auto c = utf8::next(utf8, i);
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
