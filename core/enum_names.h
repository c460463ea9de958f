// An enum's names as the contracts and the database spell them: one constant table of
// (value, name) pairs per enum, read both ways by the two lookups below, so that each typed
// name (a channel, a role, a case state, a referral status …) is listed once and its to_string
// and parse are one line each.
//
// Thread-safety: constexpr lookups over constant tables.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace jiuzhu {

template <typename E, std::size_t N>
using EnumNames = std::array<std::pair<E, const char*>, N>;

// The name of `value` in `names`, or `otherwise` for a value the table lacks (only a value cast
// from a number could be one).
template <typename E, std::size_t N>
constexpr const char* name_in(const EnumNames<E, N>& names, E value, const char* otherwise) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return otherwise;
}

// The value named `name` in `names` (compared exactly), or none.
template <typename E, std::size_t N>
constexpr std::optional<E> value_in(const EnumNames<E, N>& names, std::string_view name) {
  for (const auto& [v, n] : names) {
    if (name == n) return v;
  }
  return std::nullopt;
}

}  // namespace jiuzhu
