// POST /api/v1/visits (caseworker): a home visit to a discovery-queue item — date, caseworker,
// findings, next step; the use case is services/record_visit.h, this only translates HTTP.
// GET /api/v1/visits/due?by=DATE&caseworker=LOGIN (caseworker: their own and the township's
// unassigned items; county_admin: any in the county): due and overdue visits per caseworker.
#include <map>

#include "backend/http/handlers/handlers.h"
#include "backend/queue/cadence.h"
#include "backend/queue/workflow.h"
#include "backend/services/record_visit.h"

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
  services::VisitReport report;
  report.queue_id = qid->get<int64_t>();
  auto visited = string_field(*j, "visited_on", true, 10);
  if (!visited) return error_response(visited.error());
  auto visited_on = Date::parse_iso(*visited);
  if (!visited_on) return error_response(400, "bad_date", "visited_on must be YYYY-MM-DD", "visited_on");
  report.visited_on = *visited_on;
  auto outcome = string_field(*j, "outcome", false, 40);
  if (!outcome) return error_response(outcome.error());
  auto findings = string_field(*j, "findings", false, 8000);
  if (!findings) return error_response(findings.error());
  auto next_step = string_field(*j, "next_step", false, 4000);
  if (!next_step) return error_response(next_step.error());
  auto note = string_field(*j, "note", false, 8000);
  if (!note) return error_response(note.error());
  auto next = string_field(*j, "next_visit_due", false, 10);
  if (!next) return error_response(next.error());
  if (!next->empty()) {
    auto d = Date::parse_iso(*next);
    if (!d) return error_response(400, "bad_date", "next_visit_due must be YYYY-MM-DD", "next_visit_due");
    report.next_visit_due = *d;
  }
  report.outcome = *outcome;
  report.findings = *findings;
  report.next_step = *next_step;
  report.note = *note;
  report.caseworker = req.principal.id;
  auto r = services::record_visit(*s.queue, s.calendar(), report, req.principal.scope(),
                                  audit_entry(req, "visit", "queue_item", "", "", report.outcome));
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
  if (req.principal.role == model::Role::caseworker) {
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
