// GET /api/v1/discovery/queue?status=S&limit=N (caseworker, county_admin): the proactive-discovery
// queue of the caller's area — leads now, the discovery engine's results as they are added.
#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Json queue_json(const QueueItem& q) {
  Json item = {{"id", q.id},           {"township", q.township},     {"source", q.source},
               {"score", q.score},     {"flags", Json::parse(q.flags, nullptr, false)},
               {"status", q.status},   {"assigned_to", q.assigned_to}, {"visit_due", q.visit_due},
               {"created_at", q.created_at}};
  if (!q.household_id.empty()) item["household_id"] = q.household_id;
  if (!q.lead_id.empty()) item["lead_id"] = q.lead_id;
  if (!q.lead_body.empty()) item["lead"] = Json::parse(q.lead_body, nullptr, false);
  return item;
}

Response discovery_queue(Request& req, Services& s) {
  std::string status = "open";
  if (auto it = req.query.find("status"); it != req.query.end()) {
    if (it->second != "open" && it->second != "visited" && it->second != "closed" && !it->second.empty()) {
      return error_response(400, "bad_parameter", "status must be open, visited or closed", "status");
    }
    status = it->second;
  }
  auto limit = int_param(req, "limit", 100, 1, 1000);
  if (!limit) return error_response(limit.error());
  auto scope = req.principal.scope();
  auto rows = s.repo.queue(scope, status, *limit);
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  for (const auto& q : *rows) items.push_back(queue_json(q));
  if (auto st = s.repo.append_audit(audit_entry(req, "list", "discovery_queue",
                                                scope.township.empty() ? scope.county : scope.township, scope.township,
                                                "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"items", items}});
}

}  // namespace jiuzhu::backend::handlers
