// Wall-clock helpers. Timestamps are RFC 3339 in China Standard Time (+08:00), the zone every
// statutory limit and every receipt uses.
//
// Thread-safety: pure functions of the system clock.
#pragma once

#include <cstdint>
#include <string>

#include "core/date.h"

namespace jiuzhu::backend {

std::string now_rfc3339();       // "2026-11-24T21:05:03+08:00"
std::string rfc3339_from_unix(int64_t unix_seconds);
int64_t unix_now();
// The China date of a "YYYY-MM-DDT..." timestamp produced by now_rfc3339 (its first 10 characters).
Date china_date_of(const std::string& rfc3339);

}  // namespace jiuzhu::backend

namespace jiuzhu::backend {
// "YYYYMMDD", the date part of application, lead and referral numbers.
std::string compact_day(Date d);
}  // namespace jiuzhu::backend
