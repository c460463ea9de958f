// The help call through the outbox and the real sync thread code against a loopback HTTP
// server (Poco's HTTPServer, a second HTTP implementation from the kiosk's client): a backend
// without POST /api/v1/help-calls (404) keeps the call queued and does not hold up a lead queued
// after it; once the endpoint answers, the call is delivered once and completed.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <vector>

#include "core/timestamp.h"
#include "kiosk/outbox/crypto.h"
#include "kiosk/outbox/outbox.h"
#include "kiosk/outbox/sync.h"
#include "support/temp_dir.h"

using namespace jiuzhu::kiosk;

namespace {

struct Backend {
  std::atomic<bool> help_calls_served{false};
  std::mutex mu;
  std::vector<std::pair<std::string, nlohmann::json>> received;  // path, body
};

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Backend& b) : b_(b) {}
  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
    std::string body;
    Poco::StreamCopier::copyToString(req.stream(), body);
    const std::string path = req.getURI();
    int status = 404;
    nlohmann::json answer = {{"error", {{"code", "not_found"}}}};
    if (req.getMethod() == "POST" && path == "/api/v1/leads") {
      status = 201;
      answer = {{"lead_id", "L1"}};
    } else if (req.getMethod() == "POST" && path == "/api/v1/help-calls" && b_.help_calls_served) {
      status = 201;
      answer = {{"id", 1}, {"status", "open"}};
    } else if (path == "/healthz") {
      status = 200;
      answer = {{"status", "ok"}};
    }
    if (status != 404 || path != "/healthz") {
      std::lock_guard lock(b_.mu);
      b_.received.emplace_back(path, nlohmann::json::parse(body.empty() ? "null" : body, nullptr, false));
    }
    res.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    res.setContentType("application/json");
    res.send() << answer.dump();
  }

 private:
  Backend& b_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Backend& b) : b_(b) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override { return new Handler(b_); }

 private:
  Backend& b_;
};

}  // namespace

TEST(HelpCall, KeptQueuedWhileTheBackendLacksTheEndpointAndNeverBlocksOthers) {
  jiuzhu::test::TempDir dir;
  auto key = load_or_create_key(dir.path());
  ASSERT_TRUE(key.ok());
  auto ob = Outbox::open(dir.path() + "/outbox", *key);
  ASSERT_TRUE(ob.ok());
  Outbox& box = **ob;

  Backend backend;
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  Poco::Net::HTTPServer server(new Factory(backend), socket, new Poco::Net::HTTPServerParams);
  server.start();
  BackendConfig cfg;
  cfg.port = socket.address().port();
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
