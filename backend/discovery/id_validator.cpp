// ID numbers in the feeds: IdValidator (feed_table.h) and the 17-digit key's text.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "backend/discovery/feed_table.h"
#include "core/id_number.h"
#include "core/calendar_day.h"
#include "core/regions.h"

namespace jiuzhu::discovery {
namespace {

// True when all 8 bytes are ASCII digits (exact for the word as a whole: a byte outside
// '0'..'9' fails its own high-nibble test whatever carry it passes on).
inline bool eight_digits(uint64_t v) {
  return ((v & 0xF0F0F0F0F0F0F0F0ULL) | (((v + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) ==
         0x3333333333333333ULL;
}

// The number written by 8 digit values (bytes 0–9, the first digit in the lowest byte).
inline uint32_t eight_digit_value(uint64_t d) {
  d = d * 10 + (d >> 8);  // pairs
  d = (((d & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
       (((d >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >> 32;
  return static_cast<uint32_t>(d);
}

#if defined(__SSE2__)
// The first 16 weights of core's MOD 11-2 rule (IdNumber::check_weight) as 16-bit lanes.
struct Weights16 {
  alignas(16) int16_t w[16];
};
constexpr Weights16 make_weights() {
  Weights16 r{};
  for (size_t i = 0; i < 16; ++i) r.w[i] = static_cast<int16_t>(IdNumber::check_weight(i));
  return r;
}
constexpr Weights16 kWeights = make_weights();
#endif

// When the first 17 characters of `s` are digits: the 17-digit key and the weighted sum of
// core's check-character rule, without a loop over the digits (8 at a time, SWAR and SSE2).
inline bool digits17(const char* s, IdKey& key, unsigned& sum) {
  uint64_t a, b;
  std::memcpy(&a, s, 8);
  std::memcpy(&b, s + 8, 8);
  const unsigned last = static_cast<unsigned>(static_cast<unsigned char>(s[16])) - '0';
  if (!eight_digits(a) || !eight_digits(b) || last > 9) return false;
  a -= 0x3030303030303030ULL;
  b -= 0x3030303030303030ULL;
  key = static_cast<IdKey>(eight_digit_value(a)) * 1000000000ULL + static_cast<IdKey>(eight_digit_value(b)) * 10 + last;
#if defined(__SSE2__)
  const __m128i d = _mm_set_epi64x(static_cast<long long>(b), static_cast<long long>(a));
  const __m128i zero = _mm_setzero_si128();
  __m128i s4 = _mm_add_epi32(
      _mm_madd_epi16(_mm_unpacklo_epi8(d, zero), _mm_load_si128(reinterpret_cast<const __m128i*>(kWeights.w))),
      _mm_madd_epi16(_mm_unpackhi_epi8(d, zero), _mm_load_si128(reinterpret_cast<const __m128i*>(kWeights.w + 8))));
  s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, _MM_SHUFFLE(1, 0, 3, 2)));
  s4 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, _MM_SHUFFLE(2, 3, 0, 1)));
  sum = static_cast<unsigned>(_mm_cvtsi128_si32(s4));
#else
  sum = 0;
  for (size_t i = 0; i < 16; ++i) {
    const uint64_t w = i < 8 ? a : b;
    sum += static_cast<unsigned>((w >> (8 * (i % 8))) & 0xFF) * static_cast<unsigned>(IdNumber::check_weight(i));
  }
#endif
  sum += last * static_cast<unsigned>(IdNumber::check_weight(16));
  return true;
}

// A yyyymmdd from kEarliestYear on that is a calendar date (core/date.h's rules, without a Date).
inline bool plain_birth_date(int32_t birth) {
  if (birth < kEarliestYear * 10000) return false;
  return is_calendar_day(birth / 10000, static_cast<unsigned>(birth / 100 % 100), static_cast<unsigned>(birth % 100));
}

// Not plainly valid: the authority decides and names the reason (it also accepts a final 'x').
// Out of line, so that the fast path above does not carry this path's stack frame (an IdNumber
// and an Error) into every call.
[[gnu::noinline]] bool validate_by_core(std::string_view text, const RegionTable& regions, Date reference,
                                        IdKey& key, std::string& reason) {
  auto parsed = IdNumber::parse(text, &regions, reference);
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

}  // namespace

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
    if (last_known_ && std::memcmp(s, last_, 16) == 0 && s[16] == last_[16] && s[17] == last_[17]) {
      key = last_key_;  // (a fixed-size memcmp is two inline 8-byte compares, not a call)
      return true;
    }
    // The key and the check-character sum in one go (core's rule, IdNumber::check_weight);
    // region, birth date and check character then come from the key.
    IdKey k = 0;
    unsigned sum = 0;
    if (digits17(s, k, sum) && IdNumber::check_character_of_sum(static_cast<int>(sum % 11)) == s[17] &&
        plain_birth_date(static_cast<int32_t>(k / 1000 % 100000000)) &&
        static_cast<int32_t>(k / 1000 % 100000000) <= reference_int_) {
      const int code = static_cast<int>(k / 100000000000ULL);
      const int8_t cached = region_cache_[static_cast<size_t>(code)];
      if (cached > 0 || (cached < 0 && region_known(code))) {
        key = k;
        std::memcpy(last_, s, 18);
        last_key_ = k;
        last_known_ = true;
        return true;
      }
    }
  }
  return validate_by_core(text, regions_, reference_, key, reason);
}

}  // namespace jiuzhu::discovery
