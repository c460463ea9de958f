// ID numbers in the feeds: IdValidator (feed_table.h) and the 17-digit key's text.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "backend/discovery/feed_table.h"
#include "core/id_number.h"
#include "core/regions.h"

namespace jiuzhu::discovery {

void id_chars(IdKey key, char* out) {
  unsigned sum = 0;
  for (int i = 16; i >= 0; --i) {
    const unsigned digit = static_cast<unsigned>(key % 10);
    out[i] = static_cast<char>('0' + digit);
    sum += digit * static_cast<unsigned>(IdNumber::check_weight(static_cast<size_t>(i)));
    key /= 10;
  }
  out[17] = IdNumber::check_character_of_sum(static_cast<int>(sum % 11));
}

std::string id_string(IdKey key) {
  std::string s(18, '0');
  id_chars(key, s.data());
  return s;
}

IdValidator::IdValidator(const RegionTable& regions, Date reference)
    : regions_(regions), reference_(reference), reference_int_(date_int(reference)), region_cache_(1000000, -1) {}

bool IdValidator::region_known(int code) {
  int8_t& cached = region_cache_[static_cast<size_t>(code)];
  if (cached < 0) {
    // Ask the authority once per region: a well-formed number of this region born 1970-01-01
    // fails only on the region, if at all.
    char code6[7];
    std::snprintf(code6, sizeof code6, "%06d", code);
    std::string probe(code6);
    probe += "19700101001";
    probe.push_back(IdNumber::check_character(probe));
    auto r = IdNumber::parse(probe, &regions_, reference_);
    cached = (r.ok() || r.error().code != "unknown_region") ? 1 : 0;
  }
  return cached == 1;
}

bool IdValidator::validate(std::string_view text, IdKey& key, std::string& reason) {
  if (text.size() == 18) {
    const char* s = text.data();
    if (last_known_ && std::memcmp(s, last_, 18) == 0) {
      key = last_key_;
      return true;
    }
    // One pass over the 17 digits gives the key and the check-character sum (core's rule,
    // IdNumber::check_weight); region, birth date and check character then come from the key.
    IdKey k = 0;
    unsigned sum = 0, not_digit = 0;
    for (size_t i = 0; i < 17; ++i) {
      const unsigned digit = static_cast<unsigned>(static_cast<unsigned char>(s[i])) - '0';
      not_digit |= digit > 9;
      k = k * 10 + digit;
      sum += digit * static_cast<unsigned>(IdNumber::check_weight(i));
    }
    if (!not_digit && IdNumber::check_character_of_sum(static_cast<int>(sum % 11)) == s[17]) {
      const int32_t birth = static_cast<int32_t>(k / 1000 % 100000000);
      const std::chrono::year_month_day ymd{std::chrono::year{birth / 10000},
                                            std::chrono::month{static_cast<unsigned>(birth / 100 % 100)},
                                            std::chrono::day{static_cast<unsigned>(birth % 100)}};
      if (birth >= 18500000 && birth <= reference_int_ && ymd.ok() &&
          region_known(static_cast<int>(k / 100000000000ULL))) {
        key = k;
        std::memcpy(last_, s, 18);
        last_key_ = k;
        last_known_ = true;
        return true;
      }
    }
  }
  // Not plainly valid: the authority decides and names the reason (it also accepts a final 'x').
  auto parsed = IdNumber::parse(text, &regions_, reference_);
  if (!parsed.ok()) {
    reason = parsed.error().code;
    return false;
  }
  const std::string& s = parsed->str();
  IdKey k = 0;
  for (size_t i = 0; i < 17; ++i) k = k * 10 + static_cast<IdKey>(s[i] - '0');
  key = k;
  return true;
}

}  // namespace jiuzhu::discovery
