// The discovery queue over HTTP (caseworker of the township, county_admin of the county):
//   GET  /api/v1/discovery/queue?status=S&assigned_to=LOGIN|me&change=C&limit&cursor — masked list
//   GET  /api/v1/discovery/queue/{id} — one item with its evidence and visits (full ID numbers; audited)
//   POST /api/v1/discovery/queue/{id}/transitions {"to","reason","application_no"} — queue/workflow.h
//   POST /api/v1/discovery/queue/{id}/assignment {"caseworker"} (county_admin)
//   POST /api/v1/cases/{application_no}/assignment {"caseworker"} (county_admin)
// Decisions are queue/workflow.h and cadence.h; the store applies them in one transaction.
#include "backend/http/handlers/handlers.h"
#include "backend/queue/cadence.h"
#include "backend/queue/workflow.h"
#include "backend/util/clock.h"
#include "core/id_number.h"

namespace jiuzhu::backend::handlers {

namespace {

// The lead as a list shows it: the subject's ID number and name masked.
Json masked_lead(const Json& body) {
  Json lead = body;
  if (lead.is_object() && lead.contains("subject") && lead["subject"].is_object()) {
    auto& subj = lead["subject"];
    if (subj.contains("id_number") && subj["id_number"].is_string()) {
      subj["id_number"] = mask_id_number(subj["id_number"].get<std::string>());
    }
    if (subj.contains("name") && subj["name"].is_string()) subj["name"] = mask_name(subj["name"].get<std::string>());
    subj.erase("phone");
  }
  if (lead.is_object()) lead.erase("reporter");
  return lead;
}

}  // namespace

Result<int64_t> item_id(const Request& req) {
  const std::string& text = req.path_params.at(0);
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return make_error("not_found", "no such queue item");
  }
  return std::stoll(text);
}

Json queue_json(const DiscoveryItem& q) {
  Json item = {{"id", q.id},
               {"township", q.township},
               {"source", q.source},
               {"score", q.score},
               {"flags", q.flags},
               {"status", queue::to_string(q.status)},
               {"state", queue::to_string(q.state)},
               {"assigned_to", q.assigned_to},
               {"visit_due", q.visit_due},
               {"created_at", q.created_at},
               {"updated_at", q.updated_at},
               {"suggested_programs", q.suggested_programs},
               {"key_category", q.key_category},
               {"cadence", q.cadence},
               {"reason", q.reason},
               {"application_no", q.application_no},
               {"close_code", q.close_code},
               {"close_note", q.close_note},
               {"closed_at", q.closed_at}};
  if (!q.household_id.empty()) {
    item["household_id"] = q.household_id;
    item["change"] = q.change_kind ? queue::to_string(*q.change_kind) : "";
    item["run_id"] = q.run_id;
  }
  if (!q.subject_id.empty()) item["id_number"] = mask_id_number(q.subject_id);
  if (!q.lead_id.empty()) item["lead_id"] = q.lead_id;
  if (!q.lead_body.is_null()) item["lead"] = masked_lead(q.lead_body);
  return item;
}

Response discovery_queue(Request& req, Services& s) {
  QueueFilter f;
  f.scope = req.principal.scope();
  f.status = queue::ItemStatus::open;
  if (auto it = req.query.find("status"); it != req.query.end()) {
    const std::string& v = it->second;
    if (v.empty() || v == "all") {
      f.status.reset();
    } else if (auto status = queue::parse_item_status(v); status) {
      f.status = *status;
    } else if (auto st = queue::parse_item_state(v); st) {
      f.status.reset();
      f.state = *st;
    } else {
      return error_response(400, "bad_parameter", "status must be open, closed, all or a state (lead, visited, ...)", "status");
    }
  }
  if (auto it = req.query.find("assigned_to"); it != req.query.end()) {
    f.assigned_to = it->second == "me" ? req.principal.id : it->second;
    if (f.assigned_to.size() > 64) return error_response(400, "bad_parameter", "assigned_to is a login or me", "assigned_to");
  }
  if (auto it = req.query.find("change"); it != req.query.end()) {
    auto change = queue::parse_change_kind(it->second);
    if (!change) return error_response(400, change.error().code, change.error().message, "change");
    f.change = *change;
  }
  auto limit = int_param(req, "limit", 100, 1, 1000);
  if (!limit) return error_response(limit.error());
  f.limit = *limit;
  if (auto it = req.query.find("cursor"); it != req.query.end()) {
    const std::string& c = it->second;
    if (c.empty() || c.size() > 18 || c.find_first_not_of("0123456789") != std::string::npos) {
      return error_response(400, "bad_parameter", "cursor is the next_cursor of the previous page", "cursor");
    }
    f.after_id = std::stoll(c);
  }
  const std::string area = f.scope.township.empty() ? f.scope.county : f.scope.township;
  auto rows = s.queue->list(f, audit_entry(req, "list", "discovery_queue", area, area));
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  for (const auto& q : *rows) items.push_back(queue_json(q));
  Json next = nullptr;
  if (static_cast<int>(rows->size()) == f.limit) next = std::to_string(rows->back().id);
  return json_response(200, Json{{"items", items}, {"next_cursor", next}});
}

Response discovery_item(Request& req, Services& s) {
  auto id = item_id(req);
  if (!id) return error_response(id.error());
  auto got = s.queue->item(*id, req.principal.scope(), audit_entry(req, "read", "queue_item", "", ""));
  if (!got) return error_response(got.error());
  const auto& [q, visits] = *got;
  Json item = queue_json(q);
  // The single audited read shows what the caseworker needs at the door.
  if (!q.subject_id.empty()) item["id_number"] = q.subject_id;
  if (!q.lead_body.is_null()) item["lead"] = q.lead_body;
  item["evidence"] = q.evidence;
  Json allowed = Json::array();
  for (auto to : queue::allowed_transitions(q.state)) allowed.push_back(queue::to_string(to));
  item["allowed_transitions"] = allowed;
  Json vs = Json::array();
  for (const auto& v : visits) {
    vs.push_back({{"visit_id", v.visit_id}, {"visited_on", v.visited_on}, {"caseworker", v.caseworker},
                  {"outcome", v.outcome}, {"findings", v.findings}, {"next_step", v.next_step}, {"note", v.note},
                  {"next_visit_due", v.next_visit_due}});
  }
  item["visits"] = vs;
  return json_response(200, item);
}

Response queue_transition(Request& req, Services& s) {
  auto id = item_id(req);
  if (!id) return error_response(id.error());
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"to", "reason", "application_no"}); !st) return error_response(st.error());
  auto to_name = string_field(*j, "to", true, 40);
  if (!to_name) return error_response(to_name.error());
  auto to = queue::parse_item_state(*to_name);
  if (!to) return error_response(to.error());
  auto reason = string_field(*j, "reason", false, 4000);
  if (!reason) return error_response(reason.error());
  auto app_no = string_field(*j, "application_no", false, 40);
  if (!app_no) return error_response(app_no.error());
  if (!app_no->empty() && *to != queue::ItemState::applied) {
    return error_response(400, "unexpected_field", "application_no goes with the transition to applied", "application_no");
  }
  auto cadence = queue::load_cadence(queue::default_cadence_path());
  if (!cadence) return error_response(500, "internal", "visit cadence unavailable");
  const Date today = Date::today_china();
  auto change = [&](const DiscoveryItem& cur) -> Result<DiscoveryItem> {
    if (auto ok = queue::check_transition(cur.state, *to, *reason); !ok) return ok.error();
    DiscoveryItem next = cur;
    next.state = *to;
    if (!reason->empty()) next.reason = *reason;
    if (!app_no->empty()) next.application_no = *app_no;
    next.status = queue::status_of(*to);
    const auto* cat = queue::find_category(*cadence, cur.key_category);
    const bool key_continues = cat != nullptr && cat->continue_after_decline;
    if (!queue::schedules_visits(*to, key_continues)) {
      next.visit_due.clear();  // 救助自愿 / finished: the township stops pushing
    } else if (next.visit_due.empty() && cat != nullptr) {
      auto due = queue::next_due(cat->cadence, today, s.calendar());
      if (!due) return due.error();
      next.visit_due = due->iso();
    }
    return next;
  };
  auto r = s.queue->update(*id, req.principal.scope(), change,
                           audit_entry(req, "transition", "queue_item", "", "", *to_name));
  if (!r) return error_response(r.error());
  return json_response(200, queue_json(*r));
}

namespace {
Result<std::string> caseworker_field(const Request& req, const Services& s) {
  auto j = parse_body(req, s);
  if (!j) return j.error();
  if (auto st = only_fields(*j, {"caseworker"}); !st) return st.error();
  auto login = string_field(*j, "caseworker", true, 64);
  if (!login) return login.error();
  if (login->empty()) return make_error("missing_field", "field 'caseworker' is required", "caseworker");
  return *login;
}
}  // namespace

Response queue_assignment(Request& req, Services& s) {
  auto id = item_id(req);
  if (!id) return error_response(id.error());
  auto login = caseworker_field(req, s);
  if (!login) return error_response(login.error());
  auto r = s.queue->assign(*id, req.principal.scope(), *login, audit_entry(req, "assign", "queue_item", "", "", *login));
  if (!r) return error_response(r.error());
  return json_response(200, queue_json(*r));
}

Response case_assignment(Request& req, Services& s) {
  const std::string& no = req.path_params.at(0);
  auto login = caseworker_field(req, s);
  if (!login) return error_response(login.error());
  auto r = s.queue->assign_case(no, req.principal.scope(), *login, audit_entry(req, "assign", "application", "", "", *login));
  if (!r) return error_response(r.error());
  return json_response(200, Json{{"application_no", no}, {"assigned_to", *login}});
}

}  // namespace jiuzhu::backend::handlers
