// Use case: record a caseworker's home visit to a discovery-queue item (走访) — the path of
// POST /api/v1/visits. What a visit must say and when the next one is due are decided here:
// a visit happened (not in the future, within the working-day calendar's years), its outcome is
// one of needs_assistance | no_need | not_found | follow_up (or none), it records what was found
// (findings, a note or at least an outcome), and a next visit given comes after it. The item
// moves as queue/workflow.h after_visit says (a lead becomes visited); whoever went takes an
// unassigned item on; the next visit is the one given, or for a key household the cadence's
// (queue/cadence.h), or none. The visit, the item's new state and `audit` are stored in one
// transaction (store/queue_store.h add_visit).
//
// Thread-safety: a free function over the thread-safe queue store and an immutable calendar.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "backend/store/queue_store.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

struct VisitReport {
  int64_t queue_id = 0;
  Date visited_on;
  std::string outcome;  // "" or needs_assistance | no_need | not_found | follow_up
  std::string findings, next_step, note;
  std::optional<Date> next_visit_due;
  std::string caseworker;  // the login of who went
};

// Stores the visit to an item within `scope`. Errors (code, field): future_date (visited_on),
// bad_date (visited_on outside the calendar; next_visit_due not after the visit), bad_outcome
// (outcome), missing_field (findings: nothing recorded), internal (the cadence file unreadable),
// and the store's (not_found outside the scope, illegal_transition …).
Result<VisitEntry> record_visit(QueueStore& queue, const WorkingCalendar& calendar, const VisitReport& report,
                                const Scope& scope, const AuditEntry& audit);

}  // namespace jiuzhu::backend::services
