// A strict reader over one JSON object, for the model's decoders: it tracks which keys were
// read so that unknown ones are rejected, checks types, and records the first error with the
// JSON path of the field at fault. Internal to core's codec (and usable by other strict
// decoders); not thread-safe per instance.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace jiuzhu::model::detail {

class Decoder;

class ObjectReader {
 public:
  // `path` is the JSON path of this object ("household.members[2]"); empty at the root.
  ObjectReader(Decoder& decoder, const nlohmann::json& object, std::string path);

  // Each getter returns nullopt when the key is absent or null (or on a type error, which
  // is recorded). `required` records a missing_field error when absent.
  std::optional<std::string> string(const char* key, bool required, size_t max_chars = 200);
  std::optional<bool> boolean(const char* key, bool required);
  std::optional<double> number(const char* key, bool required, double min, double max);
  // Money in yuan: a number ≥ 0 with at most two decimals.
  std::optional<double> money(const char* key, bool required);
  std::optional<long long> integer(const char* key, bool required, long long min, long long max);
  // The raw value (for nested objects and arrays), marking the key as read.
  const nlohmann::json* value(const char* key, bool required);
  // Whether the key is present with a non-null value (does not mark it read).
  bool has(const char* key) const;
  bool present_null(const char* key) const;

  // Records unknown_field for any key not read. Call after all getters.
  void finish();

  std::string field(const char* key) const { return path_.empty() ? key : path_ + "." + key; }

 private:
  Decoder& decoder_;
  const nlohmann::json& object_;
  std::string path_;
  // The keys read so far (the getters' literals). A vector, not a set of strings: an object has
  // a dozen keys, and a set allocated a node per key on the intake's hottest path.
  std::vector<const char*> read_;
};

class Decoder {
 public:
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }
  // Records an error unless one is already recorded (the first error is the useful one).
  void fail(std::string code, std::string message, std::string field);
  // Requires `j` to be an object; records wrong_type otherwise.
  bool expect_object(const nlohmann::json& j, const std::string& path);
  bool expect_array(const nlohmann::json& j, const std::string& path);

 private:
  std::optional<Error> error_;
};

}  // namespace jiuzhu::model::detail
