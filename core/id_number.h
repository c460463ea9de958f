// Resident identity numbers (公民身份号码, GB 11643-1999).
//
// An IdNumber is an 18-character number that has passed every check: length, characters,
// a known GB/T 2260 region, a possible birth date not after the reference date, and the
// ISO 7064 MOD 11-2 check character. A lowercase `x` is accepted and normalised to `X`.
// Legacy 15-digit numbers are converted (century 19, check character computed).
//
// Each rejection has its own stable code so that screens can tell a resident exactly what is
// wrong and machines can count failures:
//   wrong_length, bad_character, unknown_region, impossible_birth_date, future_birth_date,
//   bad_check_character
// Error messages never repeat the number itself.
//
// Thread-safety: values only; parsing reads the immutable region table.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/result.h"

namespace jiuzhu {

class RegionTable;

enum class Sex { male, female };

class IdNumber {
 public:
  // Parses and validates. `regions` decides which region codes are known; nullptr uses the
  // table loaded from assets (RegionTable::builtin()). `today` bounds the birth date;
  // nullopt means Date::today_china().
  static Result<IdNumber> parse(std::string_view text, const RegionTable* regions = nullptr,
                                std::optional<Date> today = std::nullopt);

  // Converts a 15-digit legacy number (6 region + YYMMDD + 3 sequence) to 18 characters.
  static Result<IdNumber> from_legacy15(std::string_view text, const RegionTable* regions = nullptr,
                                        std::optional<Date> today = std::nullopt);

  // The check character for the first 17 digits ('0'..'9' or 'X'). Requires 17 digits.
  static char check_character(std::string_view first17);
  // The same rule (GB 11643 MOD 11-2) in two steps, for a caller that already walks the digits
  // (the discovery engine validates millions of numbers): the sum of digit i × check_weight(i)
  // over the 17 digits, then check_character_of_sum(sum). check_character() is built on them.
  static constexpr int kCheckWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr int check_weight(size_t i) { return kCheckWeights[i]; }
  static constexpr char check_character_of_sum(int weighted_sum) { return "10X98765432"[weighted_sum % 11]; }

  const std::string& str() const { return number_; }
  std::string_view region_code() const { return std::string_view(number_).substr(0, 6); }
  Date birth_date() const { return birth_; }
  Sex sex() const { return ((number_[16] - '0') % 2 == 1) ? Sex::male : Sex::female; }
  std::string last4() const { return number_.substr(14); }

  friend bool operator==(const IdNumber&, const IdNumber&) = default;

 private:
  IdNumber(std::string number, Date birth) : number_(std::move(number)), birth_(birth) {}
  std::string number_;
  Date birth_;
};

// Masks an ID number for screens and paper: keeps `head` leading and `tail` trailing
// characters and replaces the rest with '*' ("450326********123X" by default). Works on any
// string (a partly typed number too) and never reveals more than head + tail characters.
std::string mask_id_number(std::string_view id, int head = 6, int tail = 4);

// Masks a personal name for logs and public lists: first character kept ("张**").
std::string mask_name(std::string_view utf8_name);

}  // namespace jiuzhu
