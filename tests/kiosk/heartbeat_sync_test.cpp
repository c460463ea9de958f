// ops: the kiosk's heartbeat through the real sync thread code against a loopback HTTP server
// (Poco's HTTPServer, not the kiosk's client): what it reports (devices, outbox backlog and its
// oldest item), how it reads the server's clock, and that a device change is reported at once.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "core/timestamp.h"
#include "kiosk/outbox/heartbeat.h"
#include "sync_fixture.h"

using namespace jiuzhu::kiosk;

namespace {

struct Backend {
  std::atomic<int64_t> skew_seconds{0};   // the server's clock minus the real time
  std::atomic<bool> serves_status{true};  // false: a backend from before the heartbeat (404)
  std::atomic<int> delay_ms{0};           // a slow network
  std::mutex mu;
  std::vector<nlohmann::json> heartbeats;
  size_t count() {
    std::lock_guard lock(mu);
    return heartbeats.size();
  }
};

// The backend's answer: a heartbeat is stored and answered with the server's clock; anything else
// is 503, so that applications stay queued and the outbox has a backlog to report.
jiuzhu::test::LoopbackReply respond(Backend& b, const std::string& method, const std::string& path,
                                    const std::string& body) {
  if (path != "/api/v1/kiosks/self/status" || method != "POST") return {503, {{"error", {{"code", "unavailable"}}}}};
  if (!b.serves_status) return {};
  std::this_thread::sleep_for(std::chrono::milliseconds(b.delay_ms.load()));
  std::lock_guard lock(b.mu);
  b.heartbeats.push_back(nlohmann::json::parse(body, nullptr, false));
  return {200,
          {{"server_time", jiuzhu::rfc3339_china(jiuzhu::unix_seconds_now() + b.skew_seconds)},
           {"clock_offset_seconds", b.skew_seconds.load()},
           {"enabled", true}}};
}

struct Fixture : jiuzhu::test::SyncFixture<Backend> {
  Fixture() : SyncFixture(respond) {}
};

}  // namespace

TEST(Heartbeat, ReportsDevicesBacklogAndOldestItemAndTrustsAGoodClock) {
  Fixture f;
  ASSERT_TRUE(f.box->enqueue("lead", random_uuid(), "", {{"source", "kiosk"}}, {}).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(f.box->enqueue("lead", random_uuid(), "", {{"source", "kiosk"}}, {}).ok());
  const std::string first_created = f.box->read(f.box->pending().front())->created_at;

  SyncWorker sync(*f.box, f.cfg);
  sync.set_app_version("9.8.7");
  sync.set_devices(DeviceReport{"ok", "fault", "ok", "low"});
  EXPECT_FALSE(sync.status().clock_checked);
  ASSERT_TRUE(sync.heartbeat_once());

  std::lock_guard lock(f.backend.mu);
  ASSERT_EQ(f.backend.heartbeats.size(), 1u);
  const auto& b = f.backend.heartbeats[0];
  EXPECT_EQ(b["reader"], "ok");
  EXPECT_EQ(b["camera"], "fault");
  EXPECT_EQ(b["printer"], "ok");
  EXPECT_EQ(b["paper"], "low");
  EXPECT_EQ(b["outbox_backlog"], 2);
  EXPECT_EQ(b["outbox_oldest_at"], first_created);
  EXPECT_EQ(b["app_version"], "9.8.7");
  const std::string at = b["reported_at"];
  EXPECT_EQ(at.substr(at.size() - 6), "+08:00");
  EXPECT_EQ(b.size(), 8u);  // exactly the documented fields
  const SyncStatus st = sync.status();
  EXPECT_TRUE(st.clock_checked);
  EXPECT_LE(std::abs(st.clock_offset_seconds), 2);
  EXPECT_FALSE(st.clock_off());
  EXPECT_TRUE(st.heartbeat_error.empty());
}

TEST(Heartbeat, AClockMoreThanFiveMinutesOffIsFlaggedBothWays) {
  Fixture f;
  SyncWorker sync(*f.box, f.cfg);
  f.backend.skew_seconds = 4 * 60;  // within the limit
  ASSERT_TRUE(sync.heartbeat_once());
  EXPECT_FALSE(sync.status().clock_off());
  f.backend.skew_seconds = 10 * 60;  // the kiosk is 10 minutes behind
  ASSERT_TRUE(sync.heartbeat_once());
  EXPECT_TRUE(sync.status().clock_off());
  EXPECT_NEAR(static_cast<double>(sync.status().clock_offset_seconds), 600, 2);
  f.backend.skew_seconds = -7 * 60;  // ahead
  ASSERT_TRUE(sync.heartbeat_once());
  EXPECT_TRUE(sync.status().clock_off());
  f.backend.skew_seconds = 0;  // corrected: receipts are dated again
  ASSERT_TRUE(sync.heartbeat_once());
  EXPECT_FALSE(sync.status().clock_off());
  std::lock_guard lock(f.backend.mu);
  EXPECT_EQ(f.backend.heartbeats[0]["outbox_backlog"], 0);
  EXPECT_TRUE(f.backend.heartbeats[0]["outbox_oldest_at"].is_null());
}

TEST(Heartbeat, ASlowAnswerIsNotAWrongClock) {
  Fixture f;
  f.backend.delay_ms = 1500;
  SyncWorker sync(*f.box, f.cfg);
  ASSERT_TRUE(sync.heartbeat_once());
  EXPECT_LE(std::abs(sync.status().clock_offset_seconds), 2);
}

TEST(Heartbeat, ABackendWithoutTheEndpointLeavesTheClockUnjudged) {
  Fixture f;
  f.backend.serves_status = false;
  SyncWorker sync(*f.box, f.cfg);
  EXPECT_FALSE(sync.heartbeat_once());
  EXPECT_EQ(sync.status().heartbeat_error, "http_404");
  EXPECT_FALSE(sync.status().clock_checked);
  EXPECT_FALSE(sync.status().clock_off());
  EXPECT_TRUE(sync.status().enabled);
  f.server.stop();  // and an unreachable one
  EXPECT_FALSE(sync.heartbeat_once());
  EXPECT_EQ(sync.status().heartbeat_error, "network_error");
}

TEST(Heartbeat, TheRunningThreadSendsOneAtStartAndAnotherAtOnceWhenADeviceChanges) {
  Fixture f;
  SyncWorker sync(*f.box, f.cfg, 0.05, 0.2);
  sync.set_devices(DeviceReport{"ok", "ok", "ok", "ok"});
  sync.start();
  auto wait_for = [&](size_t n) {
    for (int i = 0; i < 300 && f.backend.count() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return f.backend.count();
  };
  EXPECT_EQ(wait_for(1), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(f.backend.count(), 1u);  // nothing changed: the next one is due in 60 s
  sync.set_devices(DeviceReport{"ok", "ok", "ok", "out"});  // the paper ran out
  EXPECT_EQ(wait_for(2), 2u);
  sync.set_devices(DeviceReport{"ok", "ok", "ok", "out"});  // the same again: nothing sent
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  sync.stop();
  std::lock_guard lock(f.backend.mu);
  ASSERT_EQ(f.backend.heartbeats.size(), 2u);
  EXPECT_EQ(f.backend.heartbeats[1]["paper"], "out");
}

TEST(Heartbeat, DeviceStatesAreMappedToTheReportedOnes) {
  EXPECT_EQ(device_report("ok", true, "", "ready"), (DeviceReport{"ok", "ok", "ok", "ok"}));
  EXPECT_EQ(device_report("not_started", false, "", "no_printer"), (DeviceReport{"absent", "absent", "absent", "unknown"}));
  EXPECT_EQ(device_report("reader_open", true, "camera_unavailable", "out_of_paper"),
            (DeviceReport{"absent", "fault", "ok", "out"}));
  EXPECT_EQ(device_report("reader_timeout", true, "", "offline"), (DeviceReport{"fault", "ok", "fault", "unknown"}));
  EXPECT_EQ(device_report("ok", true, "", "cups_unreachable"), (DeviceReport{"ok", "ok", "fault", "unknown"}));
}

TEST(Heartbeat, AnswersThatAreNotTheDocumentedJsonAreRefused) {
  EXPECT_FALSE(read_heartbeat_answer("", 0, 0));
  EXPECT_FALSE(read_heartbeat_answer("[]", 0, 0));
  EXPECT_FALSE(read_heartbeat_answer(R"({"server_time": 5})", 0, 0));
  EXPECT_FALSE(read_heartbeat_answer(R"({"server_time": "yesterday"})", 0, 0));
  // 2026-11-24T21:05:03+08:00 = 1795525503; the kiosk asked at ...500 s and had the answer 1 s later.
  auto a = read_heartbeat_answer(R"({"server_time": "2026-11-24T21:05:03+08:00", "enabled": false})",
                                 (1795525503LL - 400) * 1000, (1795525503LL - 399) * 1000);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->clock_offset_seconds, 400);
  EXPECT_FALSE(a->enabled);
}

TEST(Heartbeat, AWrongClockWithholdsOnlyTheDatesTheKioskWouldWriteItself) {
  // The kiosk's own answer (待上传), or none yet: dated here, withheld while the clock is off.
  EXPECT_TRUE(receipt_dates_withheld(600, "pending_upload"));
  EXPECT_TRUE(receipt_dates_withheld(-420, ""));
  // The backend's answer carries the backend's dates: shown and printed.
  EXPECT_FALSE(receipt_dates_withheld(600, "received"));
  // A good (or unknown) clock withholds nothing.
  EXPECT_FALSE(receipt_dates_withheld(0, "pending_upload"));
  EXPECT_FALSE(receipt_dates_withheld(0, ""));
}
