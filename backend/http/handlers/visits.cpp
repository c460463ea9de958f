// POST /api/v1/visits (caseworker): a home visit to a discovery-queue item — date, caseworker,
// findings, next step. A visit to a lead moves it to visited (queue/workflow.h); the next visit
// is the one given, or for a key household the cadence's (queue/cadence.h), or none.
// GET /api/v1/visits/due?by=DATE&caseworker=LOGIN (caseworker: their own and the township's
// unassigned items; county_admin: any in the county): due and overdue visits per caseworker.
#include <map>

#include "backend/http/handlers/handlers.h"
#include "backend/queue/cadence.h"
#include "backend/queue/workflow.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::handlers {

Json queue_json(const DiscoveryItem& q);  // discovery.cpp

Response record_visit(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"queue_id", "visited_on", "outcome", "findings", "next_step", "note", "next_visit_due"});
      !st) {
    return error_response(st.error());
  }
  auto qid = j->find("queue_id");
  if (qid == j->end()) return error_response(400, "missing_field", "queue_id is required", "queue_id");
  if (!qid->is_number_integer()) return error_response(400, "wrong_type", "queue_id must be an integer", "queue_id");
  VisitEntry v;
  v.queue_id = qid->get<int64_t>();
  auto visited = string_field(*j, "visited_on", true, 10);
  if (!visited) return error_response(visited.error());
  auto visited_on = Date::parse_iso(*visited);
  if (!visited_on) return error_response(400, "bad_date", "visited_on must be YYYY-MM-DD", "visited_on");
  if (*visited_on > Date::today_china()) {
    return error_response(400, "future_date", "a visit is recorded after it happened", "visited_on");
  }
  if (!s.calendar().covers(*visited_on)) {
    return error_response(400, "bad_date", "visited_on is outside the years of the working-day calendar", "visited_on");
  }
  auto outcome = string_field(*j, "outcome", false, 40);
  if (!outcome) return error_response(outcome.error());
  if (!outcome->empty() && *outcome != "needs_assistance" && *outcome != "no_need" && *outcome != "not_found" &&
      *outcome != "follow_up") {
    return error_response(400, "bad_outcome", "outcome must be needs_assistance, no_need, not_found or follow_up", "outcome");
  }
  auto findings = string_field(*j, "findings", false, 8000);
  if (!findings) return error_response(findings.error());
  auto next_step = string_field(*j, "next_step", false, 4000);
  if (!next_step) return error_response(next_step.error());
  auto note = string_field(*j, "note", false, 8000);
  if (!note) return error_response(note.error());
  // A visit records what was found: in words, or at least as an outcome.
  if (findings->empty() && note->empty() && outcome->empty()) {
    return error_response(400, "missing_field", "a visit records what was found", "findings");
  }
  auto next = string_field(*j, "next_visit_due", false, 10);
  if (!next) return error_response(next.error());
  if (!next->empty()) {
    auto d = Date::parse_iso(*next);
    if (!d) return error_response(400, "bad_date", "next_visit_due must be YYYY-MM-DD", "next_visit_due");
    if (*d <= *visited_on) return error_response(400, "bad_date", "the next visit comes after this one", "next_visit_due");
  }
  v.visited_on = *visited;
  v.outcome = *outcome;
  v.findings = findings->empty() ? *note : *findings;
  v.next_step = *next_step;
  v.note = *note;
  v.caseworker = req.principal.id;
  v.created_at = now_rfc3339();
  auto cadence = queue::load_cadence(queue::default_cadence_path());
  if (!cadence) return error_response(500, "internal", "visit cadence unavailable");
  auto change = [&](const DiscoveryItem& cur) -> Result<DiscoveryItem> {
    auto state = queue::parse_item_state(cur.state);
    if (!state) return state.error();
    DiscoveryItem out = cur;
    const auto after = queue::after_visit(*state);
    out.state = queue::to_string(after);
    out.status = queue::is_final(after) ? "closed" : "open";
    if (out.assigned_to.empty()) out.assigned_to = v.caseworker;  // whoever went takes it on
    const auto* cat = queue::find_category(*cadence, cur.key_category);
    if (!next->empty()) {
      out.visit_due = *next;
    } else if (cat != nullptr && queue::schedules_visits(after, cat->continue_after_decline)) {
      auto due = queue::next_due(cat->cadence, *visited_on, s.calendar());
      if (!due) return due.error();
      out.visit_due = due->iso();
    } else {
      out.visit_due.clear();
    }
    return out;
  };
  const std::string day = compact_day(china_date_of(v.created_at));
  auto r = s.queue->add_visit(v, day, req.principal.scope(), change,
                              audit_entry(req, "visit", "queue_item", "", "", v.outcome));
  if (!r) return error_response(r.error());
  return json_response(201, Json{{"visit_id", r->visit_id},
                                 {"queue_id", r->queue_id},
                                 {"visited_on", r->visited_on},
                                 {"caseworker", r->caseworker},
                                 {"outcome", r->outcome},
                                 {"next_visit_due", r->next_visit_due}});
}

Response visits_due(Request& req, Services& s) {
  const Date today = Date::today_china();
  Date by = today;
  if (auto it = req.query.find("by"); it != req.query.end()) {
    auto d = Date::parse_iso(it->second);
    if (!d) return error_response(400, "bad_date", "by must be YYYY-MM-DD", "by");
    by = *d;
  }
  DueFilter f;
  f.scope = req.principal.scope();
  f.by = by.iso();
  std::string who;
  if (auto it = req.query.find("caseworker"); it != req.query.end()) who = it->second;
  if (req.principal.role == Role::caseworker) {
    if (!who.empty() && who != req.principal.id) {
      return error_response(403, "forbidden", "a caseworker sees their own visits and the township's unassigned ones",
                            "caseworker");
    }
    f.caseworker = req.principal.id;
    f.include_unassigned = true;
  } else {
    f.caseworker = who;  // county_admin: one caseworker's, or the whole county's
  }
  const std::string area = f.scope.township.empty() ? f.scope.county : f.scope.township;
  auto rows = s.queue->due(f, audit_entry(req, "list", "visits_due", area, area));
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  std::map<std::string, std::pair<int, int>> per;  // caseworker → (due, overdue)
  for (const auto& q : *rows) {
    auto due_date = Date::parse_iso(q.visit_due);
    if (!due_date) continue;
    const auto st = queue::due_status(*due_date, by, today);
    Json item = queue_json(q);
    item["overdue"] = st.overdue;
    item["days_overdue"] = st.days_overdue;
    items.push_back(item);
    auto& count = per[q.assigned_to];
    ++count.first;
    count.second += st.overdue ? 1 : 0;
  }
  Json by_cw = Json::array();
  for (const auto& [login, c] : per) {
    by_cw.push_back({{"caseworker", login}, {"due", c.first}, {"overdue", c.second}});
  }
  return json_response(200, Json{{"by", f.by}, {"items", items}, {"caseworkers", by_cw}});
}

}  // namespace jiuzhu::backend::handlers
