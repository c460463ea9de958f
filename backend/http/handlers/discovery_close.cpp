// console: POST /api/v1/discovery/queue/{id}/close {"reason_code", "note", "application_no"?}
// (caseworker of the township, county_admin of the county) — closes an open discovery item with
// one of the reason codes of queue/workflow.h (CloseReason) and a note. The code is stored as a
// code (the ledger counts false alarms by it); the item becomes followed_up. A key household's
// cadence keeps its visits after a close, unless it moved away or the person died. Audited.
#include "backend/http/handlers/console_handlers.h"
#include "backend/queue/cadence.h"
#include "backend/queue/workflow.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::handlers {

Json queue_json(const DiscoveryItem& q);  // discovery.cpp

Response close_queue_item(Request& req, Services& s) {
  const auto parsed_id = item_id(req);
  if (!parsed_id) return error_response(parsed_id.error());
  const int64_t id = *parsed_id;
  const std::string& text = req.path_params.at(0);
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"reason_code", "note", "application_no"}); !st)
    return error_response(st.error());
  auto code_name = string_field(*j, "reason_code", true, 40);
  if (!code_name) return error_response(code_name.error());
  auto code = queue::parse_close_reason(*code_name);
  if (!code) return error_response(code.error());
  auto note = string_field(*j, "note", false, 4000);
  if (!note) return error_response(note.error());
  auto app_no = string_field(*j, "application_no", false, 40);
  if (!app_no) return error_response(app_no.error());
  if (!app_no->empty() && *code != queue::CloseReason::confirmed_applied) {
    return error_response(400, "unexpected_field", "application_no goes with confirmed_applied",
                          "application_no");
  }
  auto cadence = queue::load_cadence(queue::default_cadence_path());
  if (!cadence) return error_response(500, "internal", "visit cadence unavailable");
  const std::string at = now_rfc3339();
  auto change = [&](const DiscoveryItem& cur) -> Result<DiscoveryItem> {
    const bool has_application = !cur.application_no.empty() || !app_no->empty();
    if (auto ok = queue::check_close(cur.state, *code, *note, has_application); !ok) return ok.error();
    DiscoveryItem next = cur;
    next.state = queue::ItemState::followed_up;
    next.status = queue::status_of(next.state);
    next.close_code = queue::to_string(*code);
    next.close_note = *note;
    next.closed_at = at;
    if (!app_no->empty()) next.application_no = *app_no;
    const auto* cat = queue::find_category(*cadence, cur.key_category);
    const bool gone = *code == queue::CloseReason::moved_away || *code == queue::CloseReason::deceased;
    const bool key_continues = !gone && cat != nullptr && cat->continue_after_decline;
    if (!queue::schedules_visits(queue::ItemState::followed_up, key_continues)) next.visit_due.clear();
    return next;
  };
  auto r = s.queue->update(id, req.principal.scope(), change,
                           audit_entry(req, "close", "queue_item", text, "", "reason_code=" + *code_name));
  if (!r) return error_response(r.error());
  return json_response(200, queue_json(*r));
}

}  // namespace jiuzhu::backend::handlers
