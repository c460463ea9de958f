// Result<T>: a value or an Error, for failures the caller must handle.
//
// Errors cross layer boundaries as values, never as exceptions. An Error carries a stable
// machine code (snake_case, safe to log and to put in an API response) and a message for
// people. Messages meant for residents are plain Chinese; messages never contain ID numbers,
// names or other personal data, so any Error may be logged.
//
// Thread-safety: plain values; no shared state.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace jiuzhu {

struct Error {
  std::string code;     // stable, snake_case: "bad_check_character", "unknown_field"
  std::string message;  // for people; never holds personal data
  std::string field;    // the input field at fault ("members[2].id_number"), or empty
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : state_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }

  // Requires ok().
  const T& value() const& { assert(ok()); return std::get<T>(state_); }
  T& value() & { assert(ok()); return std::get<T>(state_); }
  T&& value() && { assert(ok()); return std::get<T>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  // Requires !ok().
  const Error& error() const { assert(!ok()); return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// For operations that return nothing but may fail.
struct Ok {};
using Status = Result<Ok>;

inline Error make_error(std::string code, std::string message, std::string field = {}) {
  return Error{std::move(code), std::move(message), std::move(field)};
}

}  // namespace jiuzhu
