#include "backend/discovery/json_text.h"

#include <charconv>
#include <cmath>

namespace jiuzhu::discovery {

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
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
