// Whether a case is past its due date. The due dates themselves are computed in one place for
// backend, kiosk and paper: core/intake/deadlines.h.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "core/date.h"

namespace jiuzhu::backend {

// True when a case still open is past its due date on `today`.
bool is_overdue(const std::string& due_date, bool final_state, Date today);

}  // namespace jiuzhu::backend
