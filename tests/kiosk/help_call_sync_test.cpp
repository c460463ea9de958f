// The help call through the outbox and the real sync thread code against a loopback HTTP
// server (Poco's HTTPServer, a second HTTP implementation from the kiosk's client): a backend
// without POST /api/v1/help-calls (404) keeps the call queued and does not hold up a lead queued
// after it; once the endpoint answers, the call is delivered once and completed.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "core/timestamp.h"
#include "kiosk/outbox/crypto.h"
#include "kiosk/outbox/outbox.h"
#include "kiosk/outbox/sync.h"
#include "loopback_http.h"
#include "support/temp_dir.h"

using namespace jiuzhu::kiosk;

namespace {

struct Backend {
  std::atomic<bool> help_calls_served{false};
  std::mutex mu;
  std::vector<std::pair<std::string, nlohmann::json>> received;  // path, body
};

// The backend's answer: leads are taken; help calls only once the endpoint is deployed; every
// request but a health check is recorded (path, body).
jiuzhu::test::LoopbackReply respond(Backend& b, const std::string& method, const std::string& path,
                                    const std::string& body) {
  jiuzhu::test::LoopbackReply reply;  // 404 not_found
  if (method == "POST" && path == "/api/v1/leads") {
    reply = {201, {{"lead_id", "L1"}}};
  } else if (method == "POST" && path == "/api/v1/help-calls" && b.help_calls_served) {
    reply = {201, {{"id", 1}, {"status", "open"}}};
  } else if (path == "/healthz") {
    reply = {200, {{"status", "ok"}}};
  }
  if (reply.status != 404 || path != "/healthz") {
    std::lock_guard lock(b.mu);
    b.received.emplace_back(path, nlohmann::json::parse(body.empty() ? "null" : body, nullptr, false));
  }
  return reply;
}

}  // namespace

TEST(HelpCall, KeptQueuedWhileTheBackendLacksTheEndpointAndNeverBlocksOthers) {
  jiuzhu::test::TempDir dir;
  auto key = load_or_create_key(dir.path());
  ASSERT_TRUE(key.ok());
  auto ob = Outbox::open(dir.path() + "/outbox", *key);
  ASSERT_TRUE(ob.ok());
  Outbox& box = **ob;

  Backend backend;
  jiuzhu::test::LoopbackHttp server(
      [&backend](const std::string& m, const std::string& p, const std::string& b) { return respond(backend, m, p, b); });
  BackendConfig cfg;
  cfg.port = server.port();
  cfg.token = "t";

  const std::string help_id = time_ordered_uuid(1'800'000'000'000ULL);
  const auto body = help_call_body(help_id, "income", jiuzhu::now_rfc3339_china());
  ASSERT_TRUE(box.enqueue("help_call", help_id, "", body, {}).ok());
  const std::string lead_id = random_uuid();
  ASSERT_TRUE(box.enqueue("lead", lead_id, "", {{"source", "kiosk"}, {"situation", "x"}}, {}).ok());

  SyncWorker sync(box, cfg);
  EXPECT_FALSE(sync.run_once());                   // the help call is still due
  EXPECT_TRUE(box.ack(lead_id).has_value());       // the lead behind it went through
  EXPECT_FALSE(box.ack(help_id).has_value());
  EXPECT_EQ(box.pending().size(), 1u);             // the call is kept, not rejected
  EXPECT_EQ(box.counts().rejected, 0u);
  EXPECT_TRUE(sync.status().online);

  backend.help_calls_served = true;                // the console's endpoint is deployed
  EXPECT_TRUE(sync.run_once());
  EXPECT_TRUE(box.ack(help_id).has_value());
  EXPECT_TRUE(box.pending().empty());
  server.stop();

  std::lock_guard lock(backend.mu);
  int help_posts = 0;
  for (const auto& [path, json] : backend.received) {
    if (path != "/api/v1/help-calls") continue;
    ++help_posts;
    EXPECT_EQ(json, body);  // {client_id, screen, requested_at}, the same on every retry
  }
  EXPECT_EQ(help_posts, 2);
  const std::string at = body["requested_at"];
  EXPECT_EQ(at.substr(at.size() - 6), "+08:00");
  EXPECT_EQ(body["client_id"].get<std::string>()[14], '7');  // UUID v7
}
