#include "kiosk/outbox/heartbeat.h"

#include "core/timestamp.h"

namespace jiuzhu::kiosk {

DeviceReport device_report(const std::string& reader_state, bool camera_configured, const std::string& camera_error,
                           const std::string& printer_state) {
  DeviceReport d;
  // A reader that never opened (no device, or not plugged in) is absent; one that opened and
  // then failed is at fault.
  if (reader_state == "ok") d.reader = "ok";
  else if (reader_state == "not_started" || reader_state.rfind("reader_open", 0) == 0) d.reader = "absent";
  else d.reader = "fault";
  d.camera = !camera_configured ? "absent" : camera_error.empty() ? "ok" : "fault";
  if (printer_state == "ready") {
    d.printer = "ok";
    d.paper = "ok";
  } else if (printer_state == "out_of_paper") {
    d.printer = "ok";
    d.paper = "out";
  } else if (printer_state == "no_printer") {
    d.printer = "absent";
  } else {
    d.printer = "fault";
  }
  return d;
}

nlohmann::json heartbeat_body(const DeviceReport& devices, size_t backlog, const std::string& oldest_at,
                              const std::string& app_version, const std::string& reported_at) {
  return {{"reported_at", reported_at},
          {"reader", devices.reader},
          {"camera", devices.camera},
          {"printer", devices.printer},
          {"paper", devices.paper},
          {"outbox_backlog", backlog},
          {"outbox_oldest_at", oldest_at.empty() ? nlohmann::json(nullptr) : nlohmann::json(oldest_at)},
          {"app_version", app_version}};
}

std::optional<HeartbeatAnswer> read_heartbeat_answer(const std::string& body, int64_t sent_unix_ms,
                                                     int64_t answered_unix_ms) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("server_time") || !j["server_time"].is_string()) return std::nullopt;
  auto server = parse_rfc3339(j["server_time"].get<std::string>());
  if (!server) return std::nullopt;
  HeartbeatAnswer a;
  // The server's time has whole seconds: it lies in [server, server + 1).
  const int64_t server_ms = *server * 1000 + 500;
  const int64_t middle_ms = sent_unix_ms + (answered_unix_ms - sent_unix_ms) / 2;
  a.clock_offset_seconds = (server_ms - middle_ms) / 1000;
  if (j.contains("enabled") && j["enabled"].is_boolean()) a.enabled = j["enabled"].get<bool>();
  return a;
}

bool receipt_dates_withheld(int64_t clock_off_seconds, std::string_view answer_status) {
  const bool dated_here = answer_status.empty() || answer_status == "pending_upload";
  return clock_off_seconds != 0 && dated_here;
}

}  // namespace jiuzhu::kiosk
