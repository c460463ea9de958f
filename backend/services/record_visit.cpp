#include "backend/services/record_visit.h"

#include "backend/queue/cadence.h"
#include "backend/queue/workflow.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::services {
namespace {

bool known_outcome(const std::string& o) {
  return o.empty() || o == "needs_assistance" || o == "no_need" || o == "not_found" || o == "follow_up";
}

}  // namespace

Result<VisitEntry> record_visit(QueueStore& queue, const WorkingCalendar& calendar, const VisitReport& report,
                                const Scope& scope, const AuditEntry& audit) {
  if (report.visited_on > Date::today_china()) {
    return make_error("future_date", "a visit is recorded after it happened", "visited_on");
  }
  if (!calendar.covers(report.visited_on)) {
    return make_error("bad_date", "visited_on is outside the years of the working-day calendar", "visited_on");
  }
  if (!known_outcome(report.outcome)) {
    return make_error("bad_outcome", "outcome must be needs_assistance, no_need, not_found or follow_up", "outcome");
  }
  // A visit records what was found: in words, or at least as an outcome.
  if (report.findings.empty() && report.note.empty() && report.outcome.empty()) {
    return make_error("missing_field", "a visit records what was found", "findings");
  }
  if (report.next_visit_due && *report.next_visit_due <= report.visited_on) {
    return make_error("bad_date", "the next visit comes after this one", "next_visit_due");
  }
  VisitEntry v;
  v.queue_id = report.queue_id;
  v.visited_on = report.visited_on.iso();
  v.outcome = report.outcome;
  v.findings = report.findings.empty() ? report.note : report.findings;
  v.next_step = report.next_step;
  v.note = report.note;
  v.caseworker = report.caseworker;
  v.created_at = now_rfc3339();
  auto cadence = queue::load_cadence(queue::default_cadence_path());
  if (!cadence) return make_error("internal", "visit cadence unavailable");
  auto change = [&](const DiscoveryItem& cur) -> Result<DiscoveryItem> {
    DiscoveryItem out = cur;
    const auto after = queue::after_visit(cur.state);
    out.state = after;
    out.status = queue::status_of(after);
    if (out.assigned_to.empty()) out.assigned_to = v.caseworker;  // whoever went takes it on
    const auto* cat = queue::find_category(*cadence, cur.key_category);
    if (report.next_visit_due) {
      out.visit_due = report.next_visit_due->iso();
    } else if (cat != nullptr && queue::schedules_visits(after, cat->continue_after_decline)) {
      auto due = queue::next_due(cat->cadence, report.visited_on, calendar);
      if (!due) return due.error();
      out.visit_due = due->iso();
    } else {
      out.visit_due.clear();
    }
    return out;
  };
  const std::string day = compact_day(china_date_of(v.created_at));
  return queue.add_visit(v, day, scope, change, audit);
}

}  // namespace jiuzhu::backend::services
