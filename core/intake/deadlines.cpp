#include "core/intake/deadlines.h"

#include <algorithm>

#include "core/policy/catalog.h"

namespace jiuzhu::intake {

TimeLimits TimeLimits::from_catalog(const policy::Catalog& catalog) {
  TimeLimits t;
  for (const auto& p : catalog.programs()) t.days_[p.id] = p.time_limit_working_days.value_or(kReferralWorkingDays);
  return t;
}

const TimeLimits& TimeLimits::builtin() {
  static const TimeLimits limits = [] {
    auto catalog = policy::Catalog::load_builtin();
    if (catalog) return from_catalog(*catalog);
    TimeLimits t;
    t.load_error_ = make_error("catalog_unavailable", "the policy catalog did not load: " + catalog.error().code);
    return t;
  }();
  return limits;
}

Result<int> TimeLimits::working_days(std::string_view program, bool urgent) const {
  if (load_error_) return *load_error_;
  auto it = days_.find(program);
  if (it == days_.end()) return make_error("unknown_program", "unknown program", "programs");
  if (urgent && program == "temporary_emergency") return kFirstAidWorkingDays;
  return it->second;
}

Result<CaseDeadlines> case_deadlines(const std::vector<std::string>& programs, bool urgent, Date received,
                                     const WorkingCalendar& calendar, const TimeLimits& limits) {
  CaseDeadlines out;
  for (const auto& p : programs) {
    if (std::any_of(out.programs.begin(), out.programs.end(), [&](const ProgramDue& d) { return d.program == p; }))
      continue;
    auto days = limits.working_days(p, urgent);
    if (!days) return days.error();
    auto due = calendar.add_working_days(received, *days);
    if (!due) return due.error();
    out.programs.push_back({p, *days, *due});
  }
  if (out.programs.empty()) return make_error("no_programs", "an application names at least one program", "programs");
  std::stable_sort(out.programs.begin(), out.programs.end(),
                   [](const ProgramDue& a, const ProgramDue& b) { return a.due < b.due; });
  out.case_due = out.programs.front().due;
  return out;
}

bool is_urgent_first_aid(const model::Application& app, Date received) {
  if (std::find(app.programs.begin(), app.programs.end(), "temporary_emergency") == app.programs.end()) return false;
  const auto& em = app.household.emergency;
  if (!em || !em->has_value()) return false;
  const int age = (*em)->date.days_until(received);
  return age >= 0 && age <= 7;
}

Result<CaseDeadlines> application_deadlines(const model::Application& app, Date received,
                                            const WorkingCalendar& calendar, const TimeLimits& limits) {
  return case_deadlines(app.programs, is_urgent_first_aid(app, received), received, calendar, limits);
}

}  // namespace jiuzhu::intake
