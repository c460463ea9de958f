#include "backend/intake/deadlines.h"

#include <algorithm>

namespace jiuzhu::backend {

int program_limit_working_days(const std::string& p, bool urgent) {
  if (p == "dibao" || p == "dibao_separate" || p == "dibao_edge") return 30;
  if (p == "tekun") return 15 + 15;
  if (p == "rigid_expense") return 30;
  if (p == "temporary_emergency") return urgent ? 1 : 15;
  if (p == "temporary_expense") return 15;
  if (p == "medical" || p == "education" || p == "employment" || p == "housing") return 15;
  return -1;
}

bool is_urgent_first_aid(const model::Application& app, Date received) {
  if (std::find(app.programs.begin(), app.programs.end(), "temporary_emergency") == app.programs.end()) return false;
  const auto& em = app.household.emergency;
  if (!em || !em->has_value()) return false;
  const int age = (*em)->date.days_until(received);
  return age >= 0 && age <= 7;
}

Result<Date> case_due_date(const std::vector<std::string>& programs, bool urgent, Date received,
                           const WorkingCalendar& calendar) {
  int limit = -1;
  for (const auto& p : programs) {
    const int l = program_limit_working_days(p, urgent);
    if (l < 0) return make_error("unknown_program", "unknown program", "programs");
    limit = limit < 0 ? l : std::min(limit, l);
  }
  if (limit < 0) return make_error("no_programs", "an application names at least one program", "programs");
  return calendar.add_working_days(received, limit);
}

bool is_overdue(const std::string& due_date, bool final_state, Date today) {
  if (final_state) return false;
  auto due = Date::parse_iso(due_date);
  return due && today > *due;
}

}  // namespace jiuzhu::backend
