// The kiosk's heartbeat (POST /api/v1/kiosks/self/status, docs/api.md "Kiosk status"): what it
// reports about its devices and outbox, and what it learns from the answer — chiefly whether
// its clock may still be trusted to date a receipt. Pure functions; the sync thread
// (outbox/sync.h) sends it.
//
// Thread-safety: pure functions and values.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace jiuzhu::kiosk {

// Every 60 s, and at once when a device changes.
inline constexpr double kHeartbeatSeconds = 60;
// A kiosk whose clock is further than this from the server's does not date receipts.
inline constexpr int64_t kMaxClockOffsetSeconds = 300;

// As reported: reader/camera/printer "ok" | "fault" | "absent", paper "ok" | "low" | "out" | "unknown".
struct DeviceReport {
  std::string reader = "absent", camera = "absent", printer = "absent", paper = "unknown";
  bool operator==(const DeviceReport&) const = default;
};

// The report from what the kiosk's device workers say: the card worker's state ("ok",
// "not_started", or its last error code), the camera's last error ("" when none) and whether a
// camera is configured, and the printer's state (printing::PrinterState names: "ready",
// "offline", "out_of_paper", "error", or an error code when CUPS could not be asked).
DeviceReport device_report(const std::string& reader_state, bool camera_configured, const std::string& camera_error,
                           const std::string& printer_state);

// The request body. `oldest_at` "" when the outbox is empty (sent as null).
nlohmann::json heartbeat_body(const DeviceReport& devices, size_t backlog, const std::string& oldest_at,
                              const std::string& app_version, const std::string& reported_at);

struct HeartbeatAnswer {
  int64_t clock_offset_seconds = 0;  // server − kiosk, measured by the kiosk (see below)
  bool enabled = true;
};

// Reads the 200 answer. The offset is the server's time against the middle of the request's
// round trip on the kiosk's clock (both in Unix milliseconds), so that a slow network does not
// count as a wrong clock. nullopt when the answer is not the documented JSON.
std::optional<HeartbeatAnswer> read_heartbeat_answer(const std::string& body, int64_t sent_unix_ms,
                                                     int64_t answered_unix_ms);

// A receipt the backend has not answered (no answer yet, or the kiosk's own 待上传 answer,
// `answer_status` "" or "pending_upload") is dated by this kiosk's clock: while that clock is
// known to be off (`clock_off_seconds` ≠ 0, SyncStatus::clock_off), neither the screen nor the
// paper may state its 受理时间 or due dates. The application is saved and queued all the same.
bool receipt_dates_withheld(int64_t clock_off_seconds, std::string_view answer_status);

}  // namespace jiuzhu::kiosk
