// POST /api/v1/help-calls (kiosk), GET /api/v1/help-calls (hall_staff: open calls of the
// township), POST /api/v1/help-calls/{id}/answer (hall_staff). The use cases are in
// services/help_calls.h; this file decodes and encodes (docs/api.md, "Help calls").
#include "backend/services/help_calls.h"

#include <charconv>

#include "backend/http/handlers/handlers.h"
#include "backend/util/clock.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {
namespace {

bool screen_name(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Json call_json(const HelpCall& c) {
  Json j = {{"call_id", c.id},
            {"client_id", c.client_id},
            {"kiosk_id", c.kiosk_id},
            {"township", c.township},
            {"screen", c.screen},
            {"requested_at", c.requested_at},
            {"received_at", c.received_at},
            {"status", c.status}};
  if (c.status == "answered") {
    j["answered_at"] = c.answered_at;
    j["answered_by"] = c.answered_by;
  }
  return j;
}

Response store_error(const Error& e) {
  if (e.code == "client_id_in_use") return error_response(409, e.code, e.message, e.field);
  return error_response(e);
}

}  // namespace

Response request_help(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"client_id", "screen", "requested_at"}); !st)
    return error_response(st.error());
  auto client_id = string_field(*j, "client_id", true, 64);
  if (!client_id) return error_response(client_id.error());
  if (!model::valid_uuid(*client_id))
    return error_response(400, "bad_client_id", "client_id must be a UUID", "client_id");
  auto screen = string_field(*j, "screen", true, 64);
  if (!screen) return error_response(screen.error());
  if (!screen_name(*screen)) {
    return error_response(400, "bad_screen", "screen must be 1-64 characters of a-z, 0-9 and _", "screen");
  }
  auto at = string_field(*j, "requested_at", true, 40);
  if (!at) return error_response(at.error());
  if (!model::valid_timestamp(*at)) {
    return error_response(400, "bad_timestamp", "requested_at must be RFC 3339 with an offset",
                          "requested_at");
  }
  auto recorded =
      services::request_help(*s.help_calls, req.principal, {*client_id, *screen, *at}, now_rfc3339());
  if (!recorded) return store_error(recorded.error());
  return json_response(recorded->created ? 201 : 200, call_json(recorded->call));
}

Response help_calls(Request& req, Services& s) {
  auto limit = int_param(req, "limit", 50, 1, 200);
  if (!limit) return error_response(limit.error());
  auto calls = services::open_help_calls(*s.help_calls, req.principal, *limit);
  if (!calls) return error_response(calls.error());
  Json items = Json::array();
  for (const auto& c : *calls) items.push_back(call_json(c));
  return json_response(200, Json{{"items", items}});
}

Response answer_help_call(Request& req, Services& s) {
  // The body is optional ({} or empty): the answer carries nothing but who and when.
  if (!req.body.empty()) {
    auto j = parse_body(req, s);
    if (!j) return error_response(j.error());
    if (auto st = only_fields(*j, {}); !st) return error_response(st.error());
  }
  const std::string& text = req.path_params.at(0);
  int64_t id = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  // A malformed id cannot name a call: the same 404 as a call of another township.
  if (ec != std::errc() || p != text.data() + text.size() || id <= 0) {
    return error_response(404, "not_found", "no such help call");
  }
  auto call = services::answer_help_call(*s.help_calls, req.principal, id, now_rfc3339());
  if (!call) return error_response(call.error());
  return json_response(200, call_json(*call));
}

}  // namespace jiuzhu::backend::handlers
