#include "backend/util/clock.h"

#include <chrono>

#include "core/timestamp.h"

namespace jiuzhu::backend {

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string rfc3339_from_unix(int64_t unix_seconds) { return rfc3339_china(unix_seconds); }

std::string now_rfc3339() { return rfc3339_from_unix(unix_now()); }

Date china_date_of(const std::string& rfc3339) {
  auto d = Date::parse_iso(rfc3339.substr(0, 10));
  return d ? *d : Date::today_china();
}

}  // namespace jiuzhu::backend

namespace jiuzhu::backend {
std::string compact_day(Date d) {
  const std::string iso = d.iso();  // "YYYY-MM-DD"
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}
}  // namespace jiuzhu::backend
