// POST /api/v1/kiosks/self/status (kiosk): the kiosk's heartbeat (store/kiosk_status_store.h,
// docs/api.md "Kiosk status"). Decoded strictly: an unknown field or state is a 400 with a
// stable code, so that a kiosk build reporting states the console cannot show is noticed.
#include "backend/http/handlers/handlers.h"
#include "backend/store/kiosk_status_store.h"
#include "backend/util/clock.h"
#include "core/model/json_codec.h"
#include "core/timestamp.h"

namespace jiuzhu::backend::handlers {

Response kiosk_report_status(Request& req, Services& s) {
  auto body = parse_body(req, s);
  if (!body) return error_response(body.error());
  const Json& j = *body;
  if (auto st = only_fields(j, {"reported_at", "reader", "camera", "printer", "paper", "outbox_backlog",
                                "outbox_oldest_at", "app_version"});
      !st)
    return error_response(st.error());
  KioskReport r;
  auto at = string_field(j, "reported_at", true, 40);
  if (!at) return error_response(at.error());
  const auto kiosk_unix = parse_rfc3339(*at);
  if (!model::valid_timestamp(*at) || !kiosk_unix)
    return error_response(400, "bad_timestamp", "reported_at must be RFC 3339 with an offset", "reported_at");
  r.reported_at = *at;
  for (auto [key, out] : {std::pair{"reader", &r.reader}, {"camera", &r.camera}, {"printer", &r.printer}}) {
    auto v = string_field(j, key, true, 16);
    if (!v) return error_response(v.error());
    if (!valid_device_state(*v))
      return error_response(400, "bad_device_state", std::string(key) + " must be ok, fault or absent", key);
    *out = *v;
  }
  auto paper = string_field(j, "paper", true, 16);
  if (!paper) return error_response(paper.error());
  if (!valid_paper_state(*paper))
    return error_response(400, "bad_paper_state", "paper must be ok, low, out or unknown", "paper");
  r.paper = *paper;
  if (!j.contains("outbox_backlog")) return error_response(400, "missing_field", "outbox_backlog is required", "outbox_backlog");
  const Json& backlog = j["outbox_backlog"];
  if (!backlog.is_number_integer() || backlog.get<int64_t>() < 0 || backlog.get<int64_t>() > 100'000'000)
    return error_response(400, "bad_backlog", "outbox_backlog must be a whole number from 0", "outbox_backlog");
  r.outbox_backlog = backlog.get<int64_t>();
  if (j.contains("outbox_oldest_at") && !j["outbox_oldest_at"].is_null()) {
    auto oldest = string_field(j, "outbox_oldest_at", true, 40);
    if (!oldest) return error_response(oldest.error());
    if (!model::valid_timestamp(*oldest))
      return error_response(400, "bad_timestamp", "outbox_oldest_at must be RFC 3339 or null", "outbox_oldest_at");
    r.outbox_oldest_at = *oldest;
  }
  auto version = string_field(j, "app_version", true, 64);
  if (!version) return error_response(version.error());
  r.app_version = *version;

  KioskSeen seen;
  seen.report = r;
  seen.received_unix = unix_now();
  seen.received_at = now_rfc3339();
  seen.clock_offset_seconds = seen.received_unix - *kiosk_unix;
  if (auto st = s.kiosk_status.record(req.principal.id, req.principal.township, seen); !st) return error_response(st.error());
  // A disabled kiosk never gets here (its token is refused with 401); "enabled" is in the reply
  // so that a kiosk needs one request to learn everything it acts on.
  return json_response(200, Json{{"server_time", seen.received_at},
                                 {"clock_offset_seconds", seen.clock_offset_seconds},
                                 {"enabled", true}});
}

}  // namespace jiuzhu::backend::handlers
