// console: POST /api/v1/discovery/queue/{id}/applications (caseworker of the item's township) —
// the caseworker, at the door or at the desk, submits an application on the household's behalf.
// The body is the contract's application (api.md "Application") with channel "visit" and the
// item's township; its client_id is this path's idempotency key (a retry answers the first
// application, 200). The intake rules are the kiosk's (services/accept_application.h). The item
// is then linked to the new case (application_no) and moves to applied (a lead is visited by
// this very act), so the item's page and the case view each show the other.
// Errors: 404 outside the caller's township; 409 illegal_transition when the item is not lead or
// visited, or already linked to another application; 400 bad_channel / township_mismatch and the
// decoder's and intake's errors.
#include "backend/http/handlers/console_handlers.h"
#include "backend/queue/workflow.h"
#include "backend/services/accept_application.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {

Response apply_for_household(Request& req, Services& s) {
  const auto parsed_id = item_id(req);
  if (!parsed_id) return error_response(parsed_id.error());
  const int64_t id = *parsed_id;
  const std::string& text = req.path_params.at(0);
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  auto app = model::decode_application(*j);
  if (!app) return error_response(app.error());
  if (app->channel != "visit") {
    return error_response(400, "bad_channel",
                          "an application a caseworker submits for a household has channel visit", "channel");
  }
  const Scope scope = req.principal.scope();
  auto got = s.queue->item(id, scope, audit_entry(req, "read", "queue_item", text, ""));
  if (!got) return error_response(got.error());
  const DiscoveryItem& item = got->first;
  if (app->township != item.township) {
    return error_response(400, "township_mismatch", "the application is for the item's township", "township");
  }
  auto may_link = [](const DiscoveryItem& cur, const std::string& no) -> Status {
    if (!cur.application_no.empty() && cur.application_no != no) {
      return make_error("illegal_transition",
                        "the item is already linked to application " + cur.application_no, "to");
    }
    if (cur.application_no == no) return Ok{};  // a retry after the link was stored
    if (cur.state != queue::ItemState::lead && cur.state != queue::ItemState::visited) {
      return make_error("illegal_transition",
                        std::string("an item in state ") + queue::to_string(cur.state) + " cannot apply", "to");
    }
    return Ok{};
  };
  // Refuse before anything is stored when the item cannot take an application.
  if (item.application_no.empty()) {
    if (auto st = may_link(item, ""); !st) return error_response(st.error());
  }
  std::vector<std::string> missing;
  services::Submission sub{
      &j.value(), &app.value(), "staff:" + req.principal.id,
      audit_entry(req, "create", "application", "", app->township, "queue_item=" + text)};
  auto out = services::accept_application(s.applications, s.documents, s.calendar(), sub, &missing);
  if (!out) {
    if (out.error().code == "client_id_in_use")
      return error_response(409, out.error().code, out.error().message, "client_id");
    return error_response(out.error());
  }
  const std::string no = out->record.application_no;
  auto change = [&](const DiscoveryItem& cur) -> Result<DiscoveryItem> {
    if (auto st = may_link(cur, no); !st) return st.error();
    DiscoveryItem next = cur;
    next.application_no = no;
    next.state = queue::ItemState::applied;
    next.status = queue::status_of(next.state);
    return next;
  };
  auto linked = s.queue->update(
      id, scope, change,
      audit_entry(req, "apply_for_household", "queue_item", text, "", "application_no=" + no));
  if (!linked) return error_response(linked.error());
  Json ack = Json::object();
  ack["application_no"] = no;
  ack["status"] = to_string(out->record.status);
  ack["received_at"] = out->record.received_at;
  ack["due_date"] = out->record.due_date;
  ack["channel"] = out->record.channel;  // by its name (core/model/channel.h)
  ack["queue_item"] = id;
  ack["first_aid"] = out->record.priority > 0;
  return json_response(out->created ? 201 : 200, ack);
}

}  // namespace jiuzhu::backend::handlers
