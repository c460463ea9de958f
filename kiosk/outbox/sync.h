// The sync thread: empties the outbox into the backend, oldest first, with retry and
// exponential backoff, and keeps a health flag for the UI and staff screen.
//
// For an application: PUT /api/v1/documents/{sha256} for each document (201/200 both mean
// stored), then POST /api/v1/applications (201 new, 200 same client_id again: both complete
// the item with the answer). For a lead: POST /api/v1/leads with the item's id as "client_id"
// (a UUID made once per lead and kept in the outbox entry), so that a lead sent again after a
// crash between the backend's answer and the local removal is recognised (200, same lead_id). Network errors, 401, 429 and
// 5xx are retried after 1, 2, 4 … up to max_backoff seconds; other 4xx mean the item itself
// is invalid and it moves to rejected/ for staff (never deleted). A corrupt item is
// quarantined by the outbox and the queue continues.
//
// A help call (kind "help_call", 找工作人员帮忙) is POSTed to /api/v1/help-calls with its stored
// body {client_id, screen, requested_at}; the backend is idempotent on client_id. A help call
// the backend cannot take yet — 404 from a backend without the endpoint, or any retryable
// failure — stays queued and is retried, but is passed over so that it never holds up the
// applications and leads queued after it.
//
// ops: the same thread sends the kiosk's heartbeat (outbox/heartbeat.h) every 60 s and at once
// when set_devices() reports a change, and keeps the clock offset the answer implies: a kiosk
// more than 5 minutes off the server's clock must not date receipts (SyncStatus::clock_off).
// A heartbeat never holds up the queue, and a failed one is simply sent again next time.
//
// county (#16): the same thread fetches this and next year's working-day calendar
// (GET /api/v1/calendar/{year}) at start and every kCalendarSeconds, and keeps a notice the
// county entered in the CalendarStore (outbox/calendar.h) that dates the offline receipts. A
// backend that does not answer (offline, 403 from one that predates the kiosk's read access)
// leaves the kept calendar as it is.
//
// Thread-safety: start/stop/notify/status from the UI thread; the worker owns the network.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/outbox/calendar.h"
#include "kiosk/outbox/heartbeat.h"
#include "kiosk/outbox/http.h"
#include "kiosk/outbox/outbox.h"

namespace jiuzhu::kiosk {

// How often the calendar is fetched: a notice is entered once a year, and a kiosk that missed it
// still has its due dates right within the hour.
inline constexpr double kCalendarSeconds = 3600;

// The stored body of a help call (contracts: api.md POST /api/v1/help-calls): the call's
// client_id (a UUID v7), the screen the resident asked from, and when (RFC 3339, +08:00).
nlohmann::json help_call_body(const std::string& client_id, const std::string& screen, const std::string& requested_at);

// The path an outbox item is POSTed to, by kind.
std::string request_path(const OutboxItem& item);

// The body POSTed for an outbox item: its stored payload, plus for a lead the item's id as
// "client_id" (when the payload has none and the id fits the backend's rule: 1–64 of
// [A-Za-z0-9-]; a lead queued by an older kiosk version has a UUID id, which fits). Pure.
nlohmann::json request_body(const OutboxItem& item);

struct SyncStatus {
  bool online = false;          // last contact with the backend succeeded
  std::string last_error;       // code only, no personal data
  int uploaded = 0;             // items completed since start
  int consecutive_failures = 0;
  // ops: from the last answered heartbeat.
  bool clock_checked = false;        // a heartbeat was answered since start
  int64_t clock_offset_seconds = 0;  // server − kiosk
  bool enabled = true;               // false: the county disabled this kiosk (or its token was refused)
  std::string heartbeat_error;       // "" after a good heartbeat, else a code
  std::string calendar_error;        // "" after a good calendar fetch, else a code
  // The kiosk's clock is known to be more than kMaxClockOffsetSeconds off the server's.
  bool clock_off() const {
    return clock_checked && (clock_offset_seconds > kMaxClockOffsetSeconds || clock_offset_seconds < -kMaxClockOffsetSeconds);
  }
};

class SyncWorker {
 public:
  SyncWorker(Outbox& outbox, BackendConfig cfg, double min_backoff_s = 1.0, double max_backoff_s = 60.0)
      : outbox_(outbox), cfg_(std::move(cfg)), min_backoff_(min_backoff_s), max_backoff_(max_backoff_s) {}
  ~SyncWorker() { stop(); }
  void start();
  void stop();
  // Wake up now (a new item, or staff asked to retry).
  void notify();
  SyncStatus status() const;

  // One pass over the queue (the worker loop calls this; tests too). Returns true when the
  // queue was emptied, false when an attempt failed and a retry is due.
  bool run_once();

  // ops: the devices as they are now (from the UI thread); a change sends a heartbeat at once.
  void set_devices(const DeviceReport& devices);
  void set_app_version(std::string version);
  // Sends one heartbeat now (the worker loop calls it when one is due; tests too). Returns true
  // when the backend answered 200.
  bool heartbeat_once();

  // county: where fetched notices are kept (null: the calendar is not fetched). Before start().
  void set_calendar(CalendarStore* store);
  // Fetches this and next year's calendar (China time) now and keeps any notice. Returns true
  // when every year was answered and read (the worker loop calls it when due; tests too).
  bool calendar_once();
  // The same for the given years.
  bool calendar_once(const std::vector<int>& years);

 private:
  enum class Outcome { done, retry, rejected, deferred };
  Outcome send(const OutboxItem& item);
  void loop();
  Outbox& outbox_;
  BackendConfig cfg_;
  double min_backoff_, max_backoff_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, kick_ = false;
  SyncStatus status_;
  DeviceReport devices_;
  std::string app_version_ = "unknown";
  bool heartbeat_due_ = true;  // the first one goes out at once
  CalendarStore* calendar_ = nullptr;
};

}  // namespace jiuzhu::kiosk
