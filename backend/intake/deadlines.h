// Due dates from the statutory working-day limits of each program (policy.md; eligibility.md):
//   dibao, dibao_separate, dibao_edge 30 (最低生活保障审核确认办法 Art. 22);
//   tekun 15 township + 15 county = 30 (特困人员认定办法);
//   rigid_expense 30 (刚性支出困难家庭认定办法); temporary_expense 15 (local practice, 2018 opinion);
//   temporary_emergency: 先行救助 (an emergency within 7 days) 1 working day — assist first —
//   otherwise 15; the special programs (medical, education, employment, housing) are referred
//   to their department: 15.
// A case's due date is the earliest of its programs' limits, counted from the day of acceptance
// (not counted) on the working-day calendar (core/calendar.h).
//
// Thread-safety: pure functions; the calendar is immutable.
#pragma once

#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/date.h"
#include "core/model/application.h"
#include "core/result.h"

namespace jiuzhu::backend {

// Working days allowed for one program; -1 for an unknown id.
int program_limit_working_days(const std::string& program, bool urgent);

// 先行救助: temporary_emergency requested and an emergency at most 7 days before `received`.
bool is_urgent_first_aid(const model::Application& app, Date received);

// The case's due date. Errors: unknown_program, calendar_not_covered.
Result<Date> case_due_date(const std::vector<std::string>& programs, bool urgent, Date received,
                           const WorkingCalendar& calendar);

// True when a case still open is past its due date on `today`.
bool is_overdue(const std::string& due_date, bool final_state, Date today);

}  // namespace jiuzhu::backend
