// Due dates in a year whose holiday calendar is provisional (core/calendar.h: the make-up
// working days are not announced yet, so the date is an estimate and must say so).
//
// Thread-safety: pure functions (the calendar is immutable).
#pragma once

#include <string>

#include "core/calendar.h"

namespace jiuzhu::kiosk {

// True when `iso_date` (YYYY-MM-DD) falls in a year the calendar marks provisional; false for
// anything else (including a malformed date, which is shown as it is).
bool due_date_provisional(const std::string& iso_date, const WorkingCalendar& cal = WorkingCalendar::builtin());

}  // namespace jiuzhu::kiosk
