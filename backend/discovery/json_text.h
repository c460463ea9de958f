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
#include <string>
#include <string_view>

namespace jiuzhu::discovery {

void append_json_string(std::string& out, std::string_view s);
// `,"k":` (the comma only when `comma`): an object's key, escaped as a string.
void append_json_key(std::string& out, std::string_view k, bool comma);
void append_json_number(std::string& out, double v);  // rounded to 2 decimals
void append_json_int(std::string& out, int64_t v);

// Writes one flat JSON object: {"k":v,...}. Call close() once at the end.
class JsonObjectWriter {
 public:
  explicit JsonObjectWriter(std::string& out) : out_(out) { out_.push_back('{'); }
  JsonObjectWriter& add(std::string_view key, std::string_view value) {
    this->key(key);
    append_json_string(out_, value);
    return *this;
  }
  JsonObjectWriter& add(std::string_view key, const char* value) { return add(key, std::string_view(value)); }
  JsonObjectWriter& add(std::string_view key, const std::string& value) { return add(key, std::string_view(value)); }
  JsonObjectWriter& add(std::string_view key, double value) {
    this->key(key);
    append_json_number(out_, value);
    return *this;
  }
  JsonObjectWriter& add(std::string_view key, int value) { return add_int(key, value); }
  JsonObjectWriter& add(std::string_view key, size_t value) { return add_int(key, static_cast<int64_t>(value)); }
  JsonObjectWriter& add(std::string_view key, bool value) {
    this->key(key);
    out_ += value ? "true" : "false";
    return *this;
  }
  JsonObjectWriter& add_int(std::string_view key, int64_t value) {
    this->key(key);
    append_json_int(out_, value);
    return *this;
  }
  JsonObjectWriter& add_null(std::string_view key) {
    this->key(key);
    out_ += "null";
    return *this;
  }
  // Raw JSON text as the value (an already written object or array).
  JsonObjectWriter& add_raw(std::string_view key, std::string_view json) {
    this->key(key);
    out_ += json;
    return *this;
  }
  // Writes the key only: the caller appends the value's JSON text to the output right after
  // (nested arrays and objects are written in place, never built apart and copied).
  JsonObjectWriter& add_key(std::string_view key) {
    this->key(key);
    return *this;
  }
  void close() { out_.push_back('}'); }

 private:
  void key(std::string_view k) {
    append_json_key(out_, k, !first_);
    first_ = false;
  }
  std::string& out_;
  bool first_ = true;
};

}  // namespace jiuzhu::discovery
