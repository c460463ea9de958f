// Statutory due dates of an application: the one place that turns "which programs, received
// when, urgent or not" into dates. The backend stores the case's due date from it, the kiosk's
// offline receipt prints it, and printing/ renders the per-program dates on paper from it, so
// the office and the resident's paper never disagree (issue #14).
//
// The decision (docs/kiosk.md "Receipt", docs/architecture.md "core/intake"):
//   - every program has its own date, counted from the day of acceptance (not counted) on the
//     working-day calendar (core/calendar.h) with the limit of its policy file
//     (assets/policies/<program>.json "time_limit_working_days");
//   - the case's due date — what the backend stores, answers and watches for overdue — is the
//     earliest of them: the office owes its first decision by then;
//   - the receipt shows each program's own date, earliest first, so a resident applying for
//     低保 and 临时救助 reads 15 working days for the one and 30 for the other, never one date
//     that promises more than the office must do.
// Programs whose policy file has no national limit (the special programs the township refers to
// their department: medical, education, employment, housing) get kReferralWorkingDays, the time
// the township has to hand the case on. 先行救助 (is_urgent_first_aid) makes 临时救助（急难型）
// due the next working day.
//
// Thread-safety: TimeLimits is immutable after construction; builtin() loads once,
// thread-safely; the functions are pure.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/model/application.h"
#include "core/result.h"

namespace jiuzhu::policy {
class Catalog;
}

namespace jiuzhu::intake {

// Working days the township has to refer a program without a national time limit.
inline constexpr int kReferralWorkingDays = 15;
// 先行救助: assist first, the next working day at the latest.
inline constexpr int kFirstAidWorkingDays = 1;

// Each program's working-day limit, read from the policy catalog.
class TimeLimits {
 public:
  static TimeLimits from_catalog(const policy::Catalog& catalog);
  // From Catalog::load_builtin(), loaded once. When the catalog does not load, every lookup
  // fails with catalog_unavailable (never a guessed number).
  static const TimeLimits& builtin();

  // The limit for one program; urgent applies 先行救助 to temporary_emergency.
  // Errors: unknown_program (field "programs"), catalog_unavailable.
  Result<int> working_days(std::string_view program, bool urgent) const;

 private:
  std::map<std::string, int, std::less<>> days_;
  std::optional<Error> load_error_;
};

struct ProgramDue {
  std::string program;  // id, as in the application
  int working_days = 0;
  Date due;
};

struct CaseDeadlines {
  Date case_due;                    // the earliest of programs[].due
  std::vector<ProgramDue> programs; // one per distinct program, earliest first, ties in application order
};

// The due dates for `programs` received on `received`.
// Errors: no_programs, unknown_program, catalog_unavailable, and the calendar's
// (calendar_not_covered when the dates run past the holiday data).
Result<CaseDeadlines> case_deadlines(const std::vector<std::string>& programs, bool urgent, Date received,
                                     const WorkingCalendar& calendar = WorkingCalendar::builtin(),
                                     const TimeLimits& limits = TimeLimits::builtin());

// 先行救助 (临时救助 2018 opinion): temporary_emergency requested and an emergency at most
// 7 days before `received`.
bool is_urgent_first_aid(const model::Application& app, Date received);

// case_deadlines for a whole application received on `received` (China date), urgency included.
Result<CaseDeadlines> application_deadlines(const model::Application& app, Date received,
                                            const WorkingCalendar& calendar = WorkingCalendar::builtin(),
                                            const TimeLimits& limits = TimeLimits::builtin());

}  // namespace jiuzhu::intake
