// RFC 3339 timestamps, written one way everywhere: China Standard Time with its offset
// ("2026-11-24T21:05:03+08:00"), the zone every statutory limit and receipt uses.
//
// Thread-safety: pure functions (now_* read the system clock).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"

namespace jiuzhu {

// "2026-11-24T21:05:03+08:00" for the instant `unix_seconds`.
std::string rfc3339_china(int64_t unix_seconds);
std::string now_rfc3339_china();
int64_t unix_seconds_now();

// Seconds since the epoch of an RFC 3339 timestamp with any offset ("Z", "+08:00", "-05:30";
// fractional seconds allowed); nullopt when it is not one.
std::optional<int64_t> parse_rfc3339(std::string_view text);
// The calendar date in China of that instant ("2026-11-24T20:00:00Z" → 2026-11-25).
std::optional<Date> china_date_of(std::string_view rfc3339);

}  // namespace jiuzhu
