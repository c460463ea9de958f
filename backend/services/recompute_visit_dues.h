// Use case: after a working-day calendar notice is entered (PUT /api/v1/calendar/{year}), the
// discovery queue's visit due dates that were counted on the calendar before it are counted again
// on the new one — the same step the handler takes for open applications' statutory due dates.
//
// A stored visit_due does not record how it was computed, so each open item's date is traced back
// to the rule that made it, on the calendar before the notice, and recomputed only when that
// tracing succeeds:
//   - a visited item: the cadence's next visit after its latest visit (queue/cadence.h next_due)
//     — when the stored date equals it; a date a caseworker chose is left as it is;
//   - a lead never visited: N working days after the day it was reported (N as stored);
//   - a discovery item never visited: the household's visit_within_working_days (the smallest of
//     its flags' rules, assets/discovery/rules.json) after the as_of of one of the county's runs —
//     the latest run for which that count lands on the stored date.
// Dates that trace to nothing (set by a transition, or by hand) are left unchanged.
//
// Errors: db_error (nothing changed). Thread-safety: a free function over the thread-safe VisitDueStore;
// both calendars are immutable.
#pragma once

#include <cstddef>

#include "backend/store/repository.h"
#include "backend/store/visit_due_store.h"
#include "core/calendar.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

struct VisitDueRecount {
  size_t open = 0;     // open items with a visit due on or after January 1 of the year
  size_t changed = 0;  // of them, the ones whose date moved
};

// Items due on or after January 1 of `year` are considered (an earlier date cannot depend on the
// year's days). `audit` is the one entry stored with the changes (its detail gains the counts).
Result<VisitDueRecount> recompute_visit_dues(VisitDueStore& store, const WorkingCalendar& before,
                                             const WorkingCalendar& after, int year, AuditEntry audit);

}  // namespace jiuzhu::backend::services
