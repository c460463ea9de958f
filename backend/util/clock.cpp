#include "backend/util/clock.h"

#include <chrono>
#include <cstdio>

namespace jiuzhu::backend {

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string rfc3339_from_unix(int64_t unix_seconds) {
  using namespace std::chrono;
  const sys_seconds t{seconds{unix_seconds + 8 * 3600}};
  const auto day = floor<days>(t);
  const year_month_day ymd{day};
  const hh_mm_ss hms{t - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

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
