#include "kiosk/text/wording.h"

#include "core/date.h"

namespace jiuzhu::kiosk {

bool due_date_provisional(const std::string& iso_date, const WorkingCalendar& cal) {
  auto d = Date::parse_iso(iso_date);
  return d && cal.provisional(d->year());
}

}  // namespace jiuzhu::kiosk
