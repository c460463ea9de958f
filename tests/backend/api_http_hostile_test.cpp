// The server under hostile clients, on raw loopback sockets (issue #18): slow clients, request
// smuggling shapes, malformed request lines and headers, bodies with trailing bytes. Each test
// is bounded in time; the slow-client tests use source addresses 127.0.0.2… so that the server
// sees many clients.
#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "api_env.h"
#include "raw_http.h"

using namespace jiuzhu::test;
using namespace std::chrono_literals;

namespace {

int shared_port() { return ApiEnv::get("sqlite").server->port(); }

// A server of its own, with `config` (JSON) as its config file.
struct OwnServer {
  std::unique_ptr<TempDir> dir = std::make_unique<TempDir>();
  std::string url;
  std::string kiosk;
  std::unique_ptr<ServerProcess> server;
  explicit OwnServer(const std::string& config) {
    url = database_url("sqlite", dir->path());
    kiosk = add_kiosk(url, "K-OWN-01", kTownship);
    std::ofstream(dir->path() + "/server.json") << config;
    server = std::make_unique<ServerProcess>(dir->path(), url, std::vector<std::string>{"--config", dir->path() + "/server.json"});
  }
};

// Opens `count` connections spread over `sources` addresses (127.0.0.2 …) and sends each the
// first bytes of a request head; returns the descriptors.
std::vector<int> open_slow(int port, int count, int sources, const std::string& first) {
  std::vector<int> fds;
  for (int i = 0; i < count; ++i) {
    const int fd = raw::connect_to(port, "127.0.0." + std::to_string(2 + i % sources));
    if (fd < 0) continue;
    raw::send_all(fd, first);
    fds.push_back(fd);
  }
  return fds;
}

void trickle(const std::vector<int>& fds, const std::string& byte) {
  for (int fd : fds) raw::send_all(fd, byte);
}

void close_all(std::vector<int>& fds) {
  for (int fd : fds) ::close(fd);
  fds.clear();
}

// ---- 1. Slow clients take no thread --------------------------------------------------------

TEST(HttpHostile, SubmissionsAreAcknowledgedWhileThreeHundredClientsTrickle) {
  auto& env = ApiEnv::get("sqlite");
  const int port = env.server->port();
  // 300 connections from ten addresses, each sending its request line a byte at a time.
  auto fds = open_slow(port, 300, 10, "P");
  ASSERT_GE(fds.size(), 290u);
  for (int round = 0; round < 3; ++round) {
    std::this_thread::sleep_for(300ms);
    trickle(fds, "O");
    const auto start = raw::Clock::now();
    auto r = env.server->post("/api/v1/applications", application(kTownship, uuid()), env.token.at("kiosk"));
    const double took = std::chrono::duration<double>(raw::Clock::now() - start).count();
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_LT(took, 1.0) << "a submission waited for the slow clients";
    const auto h0 = raw::Clock::now();
    EXPECT_EQ(env.server->get("/healthz").status, 200);
    EXPECT_LT(std::chrono::duration<double>(raw::Clock::now() - h0).count(), 1.0);
  }
  close_all(fds);
}

TEST(HttpHostile, AHeadThatTakesTooLongGets408AndTheConnectionCloses) {
  OwnServer own(R"({"header_timeout_seconds": 1})");
  const int fd = raw::connect_to(own.server->port());
  ASSERT_GE(fd, 0);
  raw::send_all(fd, "GET /heal");
  bool closed = false;
  const auto start = raw::Clock::now();
  std::string got;
  for (int i = 0; i < 30 && !closed; ++i) {  // keep trickling: the deadline is for the whole head
    raw::send_all(fd, "t");
    got += raw::read_until_close(fd, 100ms, &closed);
  }
  ::close(fd);
  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::duration<double>(raw::Clock::now() - start).count(), 2.5);
  EXPECT_NE(got.find("408"), std::string::npos) << got;
  EXPECT_NE(got.find("request_timeout"), std::string::npos) << got;
}

TEST(HttpHostile, ConnectionsPerAddressAreCapped) {
  OwnServer own(R"({"max_connections_per_address": 8})");
  const int port = own.server->port();
  auto fds = open_slow(port, 8, 1, "");  // eight idle connections from 127.0.0.2
  ASSERT_EQ(fds.size(), 8u);
  std::this_thread::sleep_for(100ms);
  auto ninth = raw::exchange(port, "GET /healthz HTTP/1.1\r\n\r\n", 2000ms, "127.0.0.2");
  EXPECT_EQ(ninth.status(), 429) << ninth.bytes;
  EXPECT_NE(ninth.body().find("too_many_connections"), std::string::npos);
  // Another address is served.
  auto other = raw::exchange(port, "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 2000ms, "127.0.0.3");
  EXPECT_EQ(other.status(), 200) << other.bytes;
  close_all(fds);
}

TEST(HttpHostile, SlowUploadsLeaveThreadsForHealthAndLogins) {
  // Four threads, one kept for complete requests: ten uploads that never finish take at most three.
  OwnServer own(R"({"max_threads": 4, "reserve_threads": 1})");
  const int port = own.server->port();
  std::string head = "PUT /api/v1/documents/" + std::string(64, 'a') +
                     " HTTP/1.1\r\nContent-Type: image/png\r\nAuthorization: Bearer " + own.kiosk +
                     "\r\nContent-Length: 5000000\r\n\r\n";
  auto fds = open_slow(port, 10, 5, head + std::string(70000, 'x'));
  ASSERT_EQ(fds.size(), 10u);
  for (int round = 0; round < 3; ++round) {
    std::this_thread::sleep_for(200ms);
    trickle(fds, "x");
    const auto start = raw::Clock::now();
    auto h = raw::exchange(port, "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n", 3000ms);
    EXPECT_EQ(h.status(), 200) << h.bytes;
    EXPECT_LT(std::chrono::duration<double>(raw::Clock::now() - start).count(), 1.0);
  }
  close_all(fds);
}

TEST(HttpHostile, OneThreadIsAConfiguration) {
  OwnServer own(R"({"max_threads": 1})");
  EXPECT_EQ(own.server->get("/healthz").status, 200);
}

// ---- 2. Request smuggling shapes: 400, and the connection closes -------------------------

TEST(HttpHostile, SmugglingShapesAreRefusedAndTheConnectionCloses) {
  const std::string smuggled = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  const std::string body = "0\r\n\r\n" + smuggled;
  const std::vector<std::pair<std::string, std::string>> shapes = {
      {"CL+TE", "Content-Length: " + std::to_string(body.size()) + "\r\nTransfer-Encoding: chunked\r\n"},
      {"TE+CL", "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n"},
      {"two CL", "Content-Length: 5\r\nContent-Length: " + std::to_string(body.size()) + "\r\n"},
      {"xchunked", "Transfer-Encoding: xchunked\r\n"},
      {"identity, chunked", "Transfer-Encoding: identity, chunked\r\n"},
      {"chunked twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n"},
      {"space before colon", "Transfer-Encoding : chunked\r\n"},
      {"space before colon CL", "Content-Length : 5\r\n"},
      {"tab in name", "Transfer-Encoding\t: chunked\r\n"},
      {"folded TE", "Transfer-Encoding:\r\n chunked\r\n"},
      {"TE in HTTP/1.0", ""},
  };
  for (const auto& [name, headers] : shapes) {
    std::string req = "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" + headers + "\r\n" + body;
    if (name == "TE in HTTP/1.0") {
      req = "POST /api/v1/auth/login HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    }
    auto e = raw::exchange(shared_port(), req);
    EXPECT_EQ(e.status(), 400) << name << ": " << e.bytes;
    EXPECT_EQ(e.responses(), 1) << name << ": the smuggled request was answered: " << e.bytes;
    EXPECT_TRUE(e.closed) << name;
    EXPECT_NE(e.body().find("\"error\""), std::string::npos) << name;
  }
}

TEST(HttpHostile, AnUnreadBodyIsNeverTakenForTheNextRequest) {
  // 404 before the body is read: the body (a request) must be skipped, not answered.
  const std::string inner = "GET /healthz HTTP/1.1\r\nHost: smuggled\r\n\r\n";
  auto e = raw::exchange(shared_port(), "POST /api/v1/nothing-here HTTP/1.1\r\nContent-Length: " +
                                            std::to_string(inner.size()) + "\r\n\r\n" + inner +
                                            "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(e.status(), 404);
  EXPECT_EQ(e.responses(), 2) << e.bytes;  // the 404 and the real second request, not the inner one
  EXPECT_EQ(e.bytes.find("200 OK"), e.bytes.rfind("200 OK"));
}

// ---- 6. Malformed heads get the documented JSON error ------------------------------------

TEST(HttpHostile, MalformedHeadsGetJsonErrors) {
  struct Case {
    std::string name, request;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"HTTP/2.0", "GET /healthz HTTP/2.0\r\nHost: t\r\n\r\n", 505, "version_not_supported"},
      {"HTTP/1.2", "GET /healthz HTTP/1.2\r\n\r\n", 505, "version_not_supported"},
      {"no version", "GET /healthz\r\n\r\n", 400, "bad_request_line"},
      {"TLS hello", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15), 400, "bad_request_line"},
      {"two spaces", "GET  /healthz HTTP/1.1\r\n\r\n", 400, "bad_request_line"},
      {"no colon", "GET /healthz HTTP/1.1\r\nHost t\r\n\r\n", 400, "bad_header"},
      {"NUL in value", "GET /healthz HTTP/1.1\r\nX-A: a" + std::string(1, '\0') + "b\r\n\r\n", 400, "bad_header"},
      {"CL abc", "POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400, "bad_content_length"},
      {"CL > 2^64", "POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n", 400,
       "bad_content_length"},
      {"CL negative", "POST /api/v1/auth/login HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400, "bad_content_length"},
      {"oversized header", "GET /healthz HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n", 431,
       "header_too_large"},
  };
  for (const auto& c : cases) {
    auto e = raw::exchange(shared_port(), c.request);
    EXPECT_EQ(e.status(), c.status) << c.name << ": " << e.bytes;
    EXPECT_NE(e.body().find("\"code\":\"" + c.code + "\""), std::string::npos) << c.name << ": " << e.bytes;
    EXPECT_TRUE(e.closed) << c.name;
  }
  std::string many = "GET /healthz HTTP/1.1\r\n";
  for (int i = 0; i < 101; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  auto e = raw::exchange(shared_port(), many + "\r\n");
  EXPECT_EQ(e.status(), 431) << e.bytes;
  EXPECT_NE(e.body().find("too_many_headers"), std::string::npos);
}

TEST(HttpHostile, AnOverLimitBodyIsRefusedAtOnce) {
  // The client announces 2 MiB and waits: the 413 must not wait for the body.
  const int fd = raw::connect_to(shared_port());
  ASSERT_GE(fd, 0);
  const auto start = raw::Clock::now();
  raw::send_all(fd, "POST /api/v1/auth/login HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2097152\r\n\r\n{");
  bool closed = false;
  const std::string got = raw::read_until_close(fd, 5000ms, &closed);
  ::close(fd);
  EXPECT_EQ(got.rfind("HTTP/1.1 413", 0), 0u) << got;
  EXPECT_NE(got.find("body_too_large"), std::string::npos);
  EXPECT_LT(std::chrono::duration<double>(raw::Clock::now() - start).count(), 3.0);
}

// ---- 5. The body is exactly its Content-Length of JSON ------------------------------------

TEST(HttpHostile, TrailingBytesAfterJsonAreRefused) {
  auto& env = ApiEnv::get("sqlite");
  const std::string app = application(kTownship, uuid()).dump();
  for (const std::string& tail : {std::string("\0garbage", 8), std::string("\0", 1), std::string(" x")}) {
    auto r = env.server->request("POST", "/api/v1/applications", app + tail, env.token.at("kiosk"));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"]["code"], "malformed_json");
    auto l = env.server->request("POST", "/api/v1/auth/login",
                                 Json{{"login", "cw"}, {"password", "pw-cw-secret"}}.dump() + tail);
    EXPECT_EQ(l.status, 400) << l.body;
  }
  // And nothing of those was stored: the same client_id is still free.
  Json ok = application(kTownship, uuid());
  EXPECT_EQ(env.server->post("/api/v1/applications", ok, env.token.at("kiosk")).status, 201);
}

// ---- text a person reads: no control or direction-override characters ---------------------

TEST(HttpHostile, ControlAndBidiCharactersAreRefusedInNames) {
  auto& env = ApiEnv::get("sqlite");
  for (const std::string& bad : {std::string("张\u0000三", 7), std::string("张三\u202e"), std::string("张\u2066三"),
                                 std::string("张\x1b[31m三"), std::string("张\u0085三")}) {
    Json app = application(kTownship, uuid());
    app["applicant"]["name"] = bad;
    auto r = env.server->post("/api/v1/applications", app, env.token.at("kiosk"));
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(r.json()["error"]["code"], "control_character") << r.body;
    EXPECT_EQ(r.json()["error"]["field"], "applicant.name");
  }
  Json app = application(kTownship, uuid());
  app["statement"] = "第一行\n第二行";  // line breaks are fine in a long text
  EXPECT_EQ(env.server->post("/api/v1/applications", app, env.token.at("kiosk")).status, 201);
}

}  // namespace
