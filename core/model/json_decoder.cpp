#include "core/model/json_decoder.h"

#include <algorithm>
#include <cmath>

#include "core/model/json_codec.h"

namespace jiuzhu::model {

bool readable_text(std::string_view s, bool multiline) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = p[i];
    if (c < 0x20) {
      if (multiline && (c == '\n' || c == '\r' || c == '\t')) continue;
      return false;
    }
    if (c == 0x7F) return false;
    // C1 controls U+0080–U+009F: C2 80–C2 9F.
    if (c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) return false;
    // U+061C arabic letter mark: D8 9C.
    if (c == 0xD8 && i + 1 < n && p[i + 1] == 0x9C) return false;
    if (c == 0xE2 && i + 2 < n) {
      const unsigned char b = p[i + 1], d = p[i + 2];
      // U+200E/U+200F marks (E2 80 8E/8F), U+202A–U+202E embeddings and overrides (E2 80 AA–AE),
      // U+2066–U+2069 isolates (E2 81 A6–A9), U+2028/U+2029 line and paragraph separators.
      if (b == 0x80 && (d == 0x8E || d == 0x8F || (d >= 0xA8 && d <= 0xAE))) return false;
      if (b == 0x81 && d >= 0xA6 && d <= 0xA9) return false;
    }
  }
  return true;
}

}  // namespace jiuzhu::model

namespace jiuzhu::model::detail {

void Decoder::fail(std::string code, std::string message, std::string field) {
  if (!error_) error_ = Error{std::move(code), std::move(message), std::move(field)};
}

bool Decoder::expect_object(const nlohmann::json& j, const std::string& path) {
  if (j.is_object()) return true;
  fail("wrong_type", (path.empty() ? std::string("body") : path) + " must be an object", path);
  return false;
}

bool Decoder::expect_array(const nlohmann::json& j, const std::string& path) {
  if (j.is_array()) return true;
  fail("wrong_type", path + " must be an array", path);
  return false;
}

ObjectReader::ObjectReader(Decoder& decoder, const nlohmann::json& object, std::string path)
    : decoder_(decoder), object_(object), path_(std::move(path)) {
  read_.reserve(16);
}

bool ObjectReader::has(const char* key) const {
  auto it = object_.find(key);
  return it != object_.end() && !it->is_null();
}

bool ObjectReader::present_null(const char* key) const {
  auto it = object_.find(key);
  return it != object_.end() && it->is_null();
}

const nlohmann::json* ObjectReader::value(const char* key, bool required) {
  read_.push_back(key);
  auto it = object_.find(key);
  if (it == object_.end() || it->is_null()) {
    if (required) decoder_.fail("missing_field", field(key) + " is required", field(key));
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> ObjectReader::string(const char* key, bool required, size_t max_chars) {
  const nlohmann::json* v = value(key, required);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    decoder_.fail("wrong_type", field(key) + " must be a string", field(key));
    return std::nullopt;
  }
  const auto& s = v->get_ref<const std::string&>();
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  if (chars > max_chars) {
    decoder_.fail("too_long", field(key) + " is longer than " + std::to_string(max_chars) + " characters", field(key));
    return std::nullopt;
  }
  // Long free texts (statements, situations) may have line breaks; short ones (names, addresses,
  // phones) are one line.
  if (!readable_text(s, /*multiline=*/max_chars >= 1000)) {
    decoder_.fail("control_character", field(key) + " contains a control or direction-override character", field(key));
    return std::nullopt;
  }
  return s;
}

std::optional<bool> ObjectReader::boolean(const char* key, bool required) {
  const nlohmann::json* v = value(key, required);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    decoder_.fail("wrong_type", field(key) + " must be true or false", field(key));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<double> ObjectReader::number(const char* key, bool required, double min, double max) {
  const nlohmann::json* v = value(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    decoder_.fail("wrong_type", field(key) + " must be a number", field(key));
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d) || d < min || d > max) {
    decoder_.fail("out_of_range", field(key) + " is out of range", field(key));
    return std::nullopt;
  }
  return d;
}

std::optional<double> ObjectReader::money(const char* key, bool required) {
  const nlohmann::json* v = value(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    decoder_.fail("wrong_type", field(key) + " must be a number (yuan)", field(key));
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d) || d < 0) {
    decoder_.fail("negative_amount", field(key) + " must not be negative", field(key));
    return std::nullopt;
  }
  if (d > 1e10) {
    decoder_.fail("out_of_range", field(key) + " is implausibly large", field(key));
    return std::nullopt;
  }
  const double cents = d * 100;
  if (std::fabs(cents - std::round(cents)) > 1e-6 * std::max(1.0, cents)) {
    decoder_.fail("bad_amount", field(key) + " has more than two decimals", field(key));
    return std::nullopt;
  }
  return d;
}

std::optional<long long> ObjectReader::integer(const char* key, bool required, long long min, long long max) {
  const nlohmann::json* v = value(key, required);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    decoder_.fail("wrong_type", field(key) + " must be a whole number", field(key));
    return std::nullopt;
  }
  const long long n = v->get<long long>();
  if (n < min || n > max) {
    decoder_.fail("out_of_range", field(key) + " is out of range", field(key));
    return std::nullopt;
  }
  return n;
}

void ObjectReader::finish() {
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    const std::string& key = it.key();
    if (std::none_of(read_.begin(), read_.end(), [&](const char* r) { return key == r; })) {
      decoder_.fail("unknown_field", field(it.key().c_str()) + " is not a known field", field(it.key().c_str()));
      return;
    }
  }
}

}  // namespace jiuzhu::model::detail
