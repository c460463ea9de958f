#include "kiosk/outbox/sync.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "core/timestamp.h"

namespace jiuzhu::kiosk {

nlohmann::json help_call_body(const std::string& client_id, const std::string& screen, const std::string& requested_at) {
  return {{"client_id", client_id}, {"screen", screen}, {"requested_at", requested_at}};
}

std::string request_path(const OutboxItem& item) {
  if (item.kind == "lead") return "/api/v1/leads";
  if (item.kind == "help_call") return "/api/v1/help-calls";
  return "/api/v1/applications";
}

nlohmann::json request_body(const OutboxItem& item) {
  nlohmann::json body = item.payload;
  if (item.kind != "lead" || !body.is_object() || body.contains("client_id")) return body;
  bool fits = !item.id.empty() && item.id.size() <= 64;
  for (char c : item.id)
    fits = fits && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-');
  if (fits) body["client_id"] = item.id;
  return body;
}

void SyncWorker::start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { loop(); });
}

void SyncWorker::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SyncWorker::notify() {
  {
    std::lock_guard lock(mu_);
    kick_ = true;
  }
  cv_.notify_all();
}

SyncStatus SyncWorker::status() const {
  std::lock_guard lock(mu_);
  return status_;
}

SyncWorker::Outcome SyncWorker::send(const OutboxItem& item) {
  auto fail = [&](const std::string& code) {
    std::lock_guard lock(mu_);
    status_.last_error = code;
    return Outcome::retry;
  };
  if (item.kind == "application") {
    for (const auto& [sha, ct] : item.documents) {
      auto doc = outbox_.read_document(sha);
      if (!doc) return fail(doc.error().code);
      auto r = http_request(cfg_, "PUT", "/api/v1/documents/" + sha, ct,
                            std::string(doc->bytes.begin(), doc->bytes.end()));
      if (!r) return fail("network_error");
      if (r->status != 200 && r->status != 201) {
        if (r->status == 401 || r->status == 429 || r->status >= 500) return fail("http_" + std::to_string(r->status));
        // A refused item that cannot even be moved aside stays pending (retried), never lost.
        if (!outbox_.reject(item, "document " + std::to_string(r->status) + ": " + r->body.substr(0, 300)))
          return fail("outbox_write_failed");
        return Outcome::rejected;
      }
    }
  }
  auto r = http_request(cfg_, "POST", request_path(item), "application/json; charset=utf-8", request_body(item).dump());
  if (!r) return fail("network_error");
  // A backend without the help-call endpoint yet (404) keeps the call queued, never dropped.
  if (item.kind == "help_call" && r->status == 404) {
    std::lock_guard lock(mu_);
    status_.last_error = "help_calls_not_served";
    return Outcome::deferred;
  }
  if (r->status == 200 || r->status == 201) {
    auto ack = nlohmann::json::parse(r->body, nullptr, false);
    if (ack.is_discarded()) ack = nlohmann::json::object();
    if (auto st = outbox_.complete(item, ack); !st) return fail(st.error().code);
    std::lock_guard lock(mu_);
    status_.uploaded++;
    return Outcome::done;
  }
  if (r->status == 401 || r->status == 429 || r->status >= 500) return fail("http_" + std::to_string(r->status));
  if (!outbox_.reject(item, std::to_string(r->status) + ": " + r->body.substr(0, 300)))
    return fail("outbox_write_failed");
  std::lock_guard lock(mu_);
  status_.last_error = "rejected_" + std::to_string(r->status);
  return Outcome::rejected;
}

bool SyncWorker::run_once() {
  bool deferred = false;
  for (const auto& file : outbox_.pending()) {
    auto item = outbox_.read(file);
    if (!item) continue;  // quarantined by the outbox; the queue goes on
    Outcome o = send(*item);
    // A help call that cannot be delivered yet waits without holding up the rest.
    if (item->kind == "help_call" && o == Outcome::retry && status().last_error != "network_error") o = Outcome::deferred;
    std::lock_guard lock(mu_);
    if (o == Outcome::deferred) {
      deferred = true;
      status_.online = true;
      continue;
    }
    if (o == Outcome::retry) {
      status_.online = status_.last_error != "network_error";
      status_.consecutive_failures++;
      return false;
    }
    status_.online = true;
    status_.consecutive_failures = 0;
  }
  if (deferred) return false;  // retried with backoff
  // Nothing queued: a health probe keeps the staff screen's network status true.
  auto r = http_request(cfg_, "GET", "/healthz");
  std::lock_guard lock(mu_);
  status_.online = r.ok() && r->status == 200;
  if (!status_.online) status_.last_error = r.ok() ? "http_" + std::to_string(r->status) : "network_error";
  return true;
}

void SyncWorker::set_devices(const DeviceReport& devices) {
  {
    std::lock_guard lock(mu_);
    if (devices == devices_) return;
    devices_ = devices;
    heartbeat_due_ = true;
  }
  cv_.notify_all();
}

void SyncWorker::set_app_version(std::string version) {
  std::lock_guard lock(mu_);
  app_version_ = std::move(version);
}

bool SyncWorker::heartbeat_once() {
  DeviceReport devices;
  std::string version;
  {
    std::lock_guard lock(mu_);
    devices = devices_;
    version = app_version_;
    heartbeat_due_ = false;
  }
  const auto pending = outbox_.pending();
  std::string oldest;
  for (const auto& file : pending) {
    if (auto item = outbox_.read(file)) {
      oldest = item->created_at;
      break;
    }
  }
  auto unix_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const int64_t sent = unix_ms();
  const auto body = heartbeat_body(devices, pending.size(), oldest, version, now_rfc3339_china());
  auto r = http_request(cfg_, "POST", "/api/v1/kiosks/self/status", "application/json; charset=utf-8", body.dump());
  const int64_t answered = unix_ms();
  std::lock_guard lock(mu_);
  if (!r) {
    status_.heartbeat_error = "network_error";
    return false;
  }
  if (r->status == 401 || r->status == 403) status_.enabled = false;
  if (r->status != 200) {
    // 404: a backend without the endpoint yet; the kiosk works on as before.
    status_.heartbeat_error = "http_" + std::to_string(r->status);
    return false;
  }
  auto answer = read_heartbeat_answer(r->body, sent, answered);
  if (!answer) {
    status_.heartbeat_error = "bad_answer";
    return false;
  }
  status_.clock_checked = true;
  status_.clock_offset_seconds = answer->clock_offset_seconds;
  status_.enabled = answer->enabled;
  status_.heartbeat_error.clear();
  return true;
}

void SyncWorker::set_calendar(CalendarStore* store) { calendar_ = store; }

bool SyncWorker::calendar_once() {
  const int year = Date::today_china().year();
  return calendar_once({year, year + 1});
}

bool SyncWorker::calendar_once(const std::vector<int>& years) {
  if (!calendar_) return false;
  std::string error;
  for (int year : years) {
    auto r = http_request(cfg_, "GET", "/api/v1/calendar/" + std::to_string(year));
    if (!r) {
      error = "network_error";
      break;
    }
    if (r->status != 200) {
      error = "http_" + std::to_string(r->status);
      continue;
    }
    auto notice = read_calendar_answer(r->body, year);
    if (!notice) {
      error = notice.error().code;
      continue;
    }
    if (!*notice) continue;  // no notice entered for that year: the shipped data stands
    if (auto kept = calendar_->keep(**notice); !kept) error = kept.error().code;
  }
  std::lock_guard lock(mu_);
  status_.calendar_error = error;
  return error.empty();
}

void SyncWorker::loop() {
  using Steady = std::chrono::steady_clock;
  std::mt19937 rng(std::random_device{}());
  double backoff = min_backoff_;
  auto next_queue = Steady::now();
  auto next_heartbeat = Steady::now();
  auto next_calendar = Steady::now();
  while (true) {
    if (Steady::now() >= next_queue) {
      bool emptied = run_once();
      double wait_s = emptied ? 10.0 : backoff;
      if (emptied) {
        backoff = min_backoff_;
      } else {
        // Jitter so that kiosks of a township do not hammer a recovering backend in step.
        wait_s = backoff * std::uniform_real_distribution<double>(0.8, 1.2)(rng);
        backoff = std::min(max_backoff_, backoff * 2);
      }
      next_queue = Steady::now() + std::chrono::duration_cast<Steady::duration>(std::chrono::duration<double>(wait_s));
    }
    bool due;
    {
      std::lock_guard lock(mu_);
      due = heartbeat_due_;
    }
    if (due || Steady::now() >= next_heartbeat) {
      heartbeat_once();
      next_heartbeat = Steady::now() + std::chrono::duration_cast<Steady::duration>(
                                           std::chrono::duration<double>(kHeartbeatSeconds));
    }
    if (calendar_ && Steady::now() >= next_calendar) {
      calendar_once();
      next_calendar = Steady::now() + std::chrono::duration_cast<Steady::duration>(
                                          std::chrono::duration<double>(kCalendarSeconds));
    }
    std::unique_lock lock(mu_);
    cv_.wait_until(lock, std::min({next_queue, next_heartbeat, calendar_ ? next_calendar : next_heartbeat}), [&] { return stop_ || kick_ || heartbeat_due_; });
    if (stop_) return;
    if (kick_) {
      backoff = min_backoff_;
      next_queue = Steady::now();
    }
    kick_ = false;
  }
}

}  // namespace jiuzhu::kiosk
