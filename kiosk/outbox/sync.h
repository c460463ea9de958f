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
// Thread-safety: start/stop/notify/status from the UI thread; the worker owns the network.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "kiosk/outbox/http.h"
#include "kiosk/outbox/outbox.h"

namespace jiuzhu::kiosk {

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
};

}  // namespace jiuzhu::kiosk
