// Use case: the discovery ledger — how often each warning rule is right. For every rule and
// township, over the items first flagged in a period: how many households were flagged, visited,
// found in need, helped to apply, approved; how many were closed as not eligible or declined
// (救助自愿), how many visits found no need; and the median working days from flag to first visit
// and from flag to close. A county tunes assets/discovery/rules.json with it.
//
// Definitions (docs/console.md, "Discovery ledger"): an item counts once under each of its flags.
// visited: it has a visit or left the `lead` state. confirmed: a visit found it
// `needs_assistance`, or it led to an application. applied: it has an application. approved: that
// application was approved. closed: state not_eligible, declined or followed_up; its close date is
// the item's last change. The queue keeps an item's current state only, so an item followed up
// after not_eligible or declined counts as closed_followed_up (its reason text stays on the item).
// Closed with a reason code (console): counted per code in closed_by_reason; false_alarms counts
// false_alarm_data_wrong and false_alarm_not_in_hardship; the close date is the day it was closed.
// Feed age: see LedgerRow. Working days follow the server's calendar; a date outside it is left
// out of the medians (never guessed).
//
// Thread-safety: a free function over the thread-safe LedgerStore.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "backend/auth/principal.h"
#include "backend/store/discovery_ledger_store.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

struct LedgerRow {
  std::string rule, township;  // township "" in the per-rule totals
  int flagged = 0, visited = 0, confirmed = 0, applied = 0, approved = 0;
  int closed_not_eligible = 0, closed_declined = 0, closed_followed_up = 0, visits_no_need = 0;
  std::optional<double> median_days_flag_to_visit, median_days_flag_to_close;  // working days
  // console: items closed with a reason code (queue/workflow.h CloseReason), per code — every code
  // present, 0 when none — and the false alarms among them (false_alarm_*).
  std::map<std::string, int> closed_by_reason;
  int false_alarms = 0;
  // county: how old the feed data was when the rule fired: calendar days from the data date
  // (as_of) of the run that first flagged the item to the day that run ran; median and oldest
  // over the items (items not flagged by a run — leads — are left out).
  std::optional<double> median_feed_age_days;
  std::optional<int> max_feed_age_days;
};

struct Ledger {
  Date from, to;
  std::vector<LedgerRow> rows;     // by rule, then township
  std::vector<LedgerRow> by_rule;  // the rows of each rule summed over the caller's area
};

// The ledger of the caller's area (caseworker: township; county_admin: county). Errors: the store's.
Result<Ledger> discovery_ledger(LedgerStore& store, const Principal& staff, Date from, Date to,
                                const WorkingCalendar& calendar);

}  // namespace jiuzhu::backend::services
