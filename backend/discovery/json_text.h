// Streaming JSON text for the discovery queue's hot path.
//
// A county's queue holds ~100,000 households with their evidence; building it as a tree of
// nlohmann::json values and dumping it cost more than all the rule evaluation (allocation and
// teardown of millions of small nodes). The queue is therefore written straight to text with
// these helpers; nlohmann::json remains the library for reading JSON (rules, previous runs) and
// tests parse the text with it to check the shape.
//
// Numbers: integers as is; money and other decimals rounded to 2 places, shortest form
// (247.09, 8000.0 is written 8000). Strings: UTF-8 passed through, quotes, backslashes and
// control characters escaped.
//
// Thread-safety: functions on caller-owned strings.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace jiuzhu::discovery {

void append_json_string(std::string& out, std::string_view s);
// `,"k":` (the comma only when `comma`): an object's key, escaped as a string.
void append_json_key(std::string& out, std::string_view k, bool comma);
void append_json_number(std::string& out, double v);  // rounded to 2 decimals
void append_json_int(std::string& out, int64_t v);

// An object key. A string literal is checked when compiling (a literal needing escaping does
// not compile) and is then written without the per-byte check, as it is fixed text: the queue
// writes a few million literal keys (rule evidence and household fields). Other text is
// escaped as needed. A `const char*` that is not a constant must be passed as a string_view.
class JsonKey {
 public:
  consteval JsonKey(const char* literal) : text_(literal), plain_(true) {  // NOLINT: implicit
    for (char c : text_) {
      if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') throw "JsonKey: literal needs escaping";
    }
  }
  JsonKey(std::string_view text) : text_(text) {}  // NOLINT: implicit
  JsonKey(const std::string& text) : text_(text) {}  // NOLINT: implicit
  std::string_view text() const { return text_; }
  bool plain() const { return plain_; }

 private:
  std::string_view text_;
  bool plain_ = false;
};

// `,"k":` for a key known to need no escaping (the comma only when `comma`), in one append.
// Keys up to this length are written from a stack buffer in one append (append_json_key too).
inline constexpr size_t kShortJsonKey = 60;
inline void append_plain_json_key(std::string& out, std::string_view k, bool comma) {
  constexpr size_t kShortKey = kShortJsonKey;
  if (k.size() > kShortKey) {
    append_json_key(out, k, comma);
    return;
  }
  char buf[kShortKey + 4];
  size_t p = 0;
  buf[p] = ',';
  p += comma ? 1 : 0;
  buf[p++] = '"';
  std::memcpy(buf + p, k.data(), k.size());
  p += k.size();
  buf[p++] = '"';
  buf[p++] = ':';
  out.append(buf, p);
}

// Writes one flat JSON object: {"k":v,...}. Call close() once at the end.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_.push_back('{'); }
  JsonObjectWriter& add(JsonKey key, std::string_view value) {
    this->key(key);
    append_json_string(out_, value);
    return *this;
  }
  JsonObjectWriter& add(JsonKey key, const char* value) { return add(key, std::string_view(value)); }
  JsonObjectWriter& add(JsonKey key, const std::string& value) { return add(key, std::string_view(value)); }
  JsonObjectWriter& add(JsonKey key, double value) {
    this->key(key);
    append_json_number(out_, value);
    return *this;
  }
  JsonObjectWriter& add(JsonKey key, int value) { return add_int(key, value); }
  JsonObjectWriter& add(JsonKey key, size_t value) { return add_int(key, static_cast<int64_t>(value)); }
  JsonObjectWriter& add(JsonKey key, bool value) {
    this->key(key);
    out_ += value ? "true" : "false";
    return *this;
  }
  JsonObjectWriter& add_int(JsonKey key, int64_t value) {
    this->key(key);
    append_json_int(out_, value);
    return *this;
  }
  JsonObjectWriter& add_null(JsonKey key) {
    this->key(key);
    out_ += "null";
    return *this;
  }
  // Raw JSON text as the value (an already written object or array).
  JsonObjectWriter& add_raw(JsonKey key, std::string_view json) {
    this->key(key);
    out_ += json;
    return *this;
  }
  // Writes the key only: the caller appends the value's JSON text to the output right after
  // (nested arrays and objects are written in place, never built apart and copied).
  JsonObjectWriter& add_key(JsonKey key) {
    this->key(key);
    return *this;
  }
  void close() { out_.push_back('}'); }

 private:
  void key(JsonKey k) {
    if (k.plain()) append_plain_json_key(out_, k.text(), !first_);
    else append_json_key(out_, k.text(), !first_);
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

}  // namespace jiuzhu::discovery
