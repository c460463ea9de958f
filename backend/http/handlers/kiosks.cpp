// GET /api/v1/kiosks (hall_staff, caseworker, county_admin): the kiosks of the caller's area,
// each with whether it is enabled, when it last reported, whether it is online, its clock
// offset and its last reported devices and outbox (store/kiosk_status_store.h).
#include "backend/http/handlers/handlers.h"
#include "backend/store/kiosk_status_store.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::handlers {

Response kiosks(Request& req, Services& s) {
  auto rows = s.kiosk_status.list(req.principal.scope());
  if (!rows) return error_response(rows.error());
  const int64_t now = unix_now();
  Json items = Json::array();
  for (const auto& k : *rows) {
    Json item = {{"kiosk_id", k.kiosk_id}, {"township", k.township}, {"created_at", k.created_at},
                 {"enabled", k.enabled},   {"last_seen_at", nullptr},  {"online", false},
                 {"clock_offset_seconds", nullptr}, {"status", nullptr}};
    if (k.seen) {
      const KioskReport& r = k.seen->report;
      item["last_seen_at"] = k.seen->received_at;
      item["online"] = now - k.seen->received_unix <= kKioskOnlineSeconds;
      item["clock_offset_seconds"] = k.seen->clock_offset_seconds;
      item["status"] = {{"reported_at", r.reported_at},
                        {"reader", r.reader},
                        {"camera", r.camera},
                        {"printer", r.printer},
                        {"paper", r.paper},
                        {"outbox_backlog", r.outbox_backlog},
                        {"outbox_oldest_at", r.outbox_oldest_at.empty() ? Json(nullptr) : Json(r.outbox_oldest_at)},
                        {"app_version", r.app_version}};
    }
    items.push_back(std::move(item));
  }
  return json_response(200, Json{{"items", items}});
}

}  // namespace jiuzhu::backend::handlers
