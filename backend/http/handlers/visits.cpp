// POST /api/v1/visits and GET /api/v1/visits/due (caseworker): record a home visit for a
// discovery-queue item; list the visits due (or overdue) by a date.
#include "backend/http/handlers/handlers.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::handlers {

Json queue_json(const QueueItem& q);  // discovery.cpp

Response record_visit(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"queue_id", "visited_on", "outcome", "note", "next_visit_due"}); !st) {
    return error_response(st.error());
  }
  auto qid = j->find("queue_id");
  if (qid == j->end()) return error_response(400, "missing_field", "queue_id is required", "queue_id");
  if (!qid->is_number_integer()) return error_response(400, "wrong_type", "queue_id must be an integer", "queue_id");
  VisitRecord v;
  v.queue_id = qid->get<int64_t>();
  auto visited = string_field(*j, "visited_on", true, 10);
  if (!visited) return error_response(visited.error());
  if (!Date::parse_iso(*visited)) return error_response(400, "bad_date", "visited_on must be YYYY-MM-DD", "visited_on");
  auto outcome = string_field(*j, "outcome", true, 40);
  if (!outcome) return error_response(outcome.error());
  if (*outcome != "needs_assistance" && *outcome != "no_need" && *outcome != "not_found" && *outcome != "follow_up") {
    return error_response(400, "bad_outcome", "outcome must be needs_assistance, no_need, not_found or follow_up", "outcome");
  }
  auto note = string_field(*j, "note", false, 8000);
  if (!note) return error_response(note.error());
  auto next = string_field(*j, "next_visit_due", false, 10);
  if (!next) return error_response(next.error());
  if (!next->empty() && !Date::parse_iso(*next)) {
    return error_response(400, "bad_date", "next_visit_due must be YYYY-MM-DD", "next_visit_due");
  }
  v.visited_on = *visited;
  v.outcome = *outcome;
  v.note = *note;
  v.next_visit_due = *next;
  v.caseworker = req.principal.id;
  v.created_at = now_rfc3339();
  const Date today = china_date_of(v.created_at);
  const std::string day = compact_day(today);
  auto r = s.repo.add_visit(v, day, req.principal.scope(), audit_entry(req, "visit", "queue_item", "", "", v.outcome));
  if (!r) return error_response(r.error());
  return json_response(201, Json{{"visit_id", r->visit_id}, {"queue_id", r->queue_id}, {"outcome", r->outcome}});
}

Response visits_due(Request& req, Services& s) {
  std::string by = Date::today_china().iso();
  if (auto it = req.query.find("by"); it != req.query.end()) {
    if (!Date::parse_iso(it->second)) return error_response(400, "bad_date", "by must be YYYY-MM-DD", "by");
    by = it->second;
  }
  auto rows = s.repo.visits_due(req.principal.scope(), by);
  if (!rows) return error_response(rows.error());
  const std::string today = Date::today_china().iso();
  Json items = Json::array();
  for (const auto& q : *rows) {
    Json item = queue_json(q);
    item["overdue"] = q.visit_due < today;
    items.push_back(item);
  }
  if (auto st = s.repo.append_audit(audit_entry(req, "list", "visits_due", req.principal.township, req.principal.township,
                                                "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"items", items}});
}

}  // namespace jiuzhu::backend::handlers
