#include "backend/intake/deadlines.h"

namespace jiuzhu::backend {

bool is_overdue(const std::string& due_date, bool final_state, Date today) {
  if (final_state) return false;
  auto due = Date::parse_iso(due_date);
  return due && today > *due;
}

}  // namespace jiuzhu::backend
