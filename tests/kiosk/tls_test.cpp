// The kiosk's HTTP client against a real jiuzhu-server serving HTTPS with a certificate from a
// test CA made here with the openssl CLI: a lead goes through the outbox and the sync thread
// over TLS; a server whose certificate does not chain to the kiosk's CA file (or does not name
// the host) is refused and the lead stays queued. JIUZHU_SERVER names the server binary
// (ctest sets it).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "kiosk/outbox/crypto.h"
#include "kiosk/outbox/http.h"
#include "kiosk/outbox/outbox.h"
#include "kiosk/outbox/sync.h"

using namespace jiuzhu::kiosk;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t n = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
  close(fd);
  return ntohs(a.sin_port);
}

int sh(const std::string& cmd) { return std::system(("{ set -e; " + cmd + "; } >/dev/null 2>&1").c_str()); }

class TlsBackend : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* server = std::getenv("JIUZHU_SERVER");
    if (!server) {
      setup_error_ = "JIUZHU_SERVER is not set (run through ctest)";
      return;
    }
    dir_ = fs::temp_directory_path() / ("kiosk-tls-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "server");
    std::string d = dir_.string();
    // The county CA, the backend's certificate (for 127.0.0.1 and localhost) signed by it, and
    // a stranger CA the backend's certificate does not chain to.
    std::string ext = d + "/san.ext";
    std::ofstream(ext) << "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n";
    if (sh("cd " + d +
           " && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=jiuzhu-test-county-ca"
           " && openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=127.0.0.1"
           " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext"
           " && openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 2 -subj /CN=stranger-ca") != 0) {
      setup_error_ = "openssl could not make the test certificates";
      return;
    }
    if (std::system((std::string(server) + " kiosk add --id kiosk-tls --township 450326101 --data-dir " + d +
                     "/server > " + d + "/token 2>/dev/null").c_str()) != 0) {
      setup_error_ = "jiuzhu-server kiosk add failed";
      return;
    }
    token_ = read_all(dir_ / "token");
    while (!token_.empty() && (token_.back() == '\n' || token_.back() == '\r')) token_.pop_back();
    port_ = free_port();
    pid_ = fork();
    if (pid_ == 0) {
      std::string listen = "127.0.0.1:" + std::to_string(port_);
      std::string log = d + "/server.log";
      if (!freopen(log.c_str(), "w", stdout) || !freopen(log.c_str(), "a", stderr)) _exit(126);
      execl(server, server, "serve", "--listen", listen.c_str(), "--data-dir", (d + "/server").c_str(), "--tls-cert",
            (d + "/server.pem").c_str(), "--tls-key", (d + "/server.key").c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 150; ++i) {
      if (read_all(dir_ / "server.log").find("listening on") != std::string::npos) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    setup_error_ = "jiuzhu-server did not start: " + read_all(dir_ / "server.log");
  }
  static void TearDownTestSuite() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  void SetUp() override { ASSERT_TRUE(setup_error_.empty()) << setup_error_; }

  static BackendConfig config(const std::string& scheme_host, const std::string& ca) {
    auto c = parse_backend_url(scheme_host + ":" + std::to_string(port_), ca);
    EXPECT_TRUE(c.ok()) << (c ? "" : c.error().message);
    BackendConfig b = c ? *c : BackendConfig{};
    b.token = token_;
    b.timeout_ms = 3000;
    return b;
  }

  static nlohmann::json lead() {
    return {{"source", "kiosk"}, {"township", "450326101"}, {"subject", {{"address", "罗锦镇下村5号"}}},
            {"reporter", {{"relation", "neighbour"}}}, {"situation", "独居老人生病"}, {"urgent", true}};
  }

  static inline fs::path dir_;
  static inline std::string token_, setup_error_;
  static inline int port_ = 0;
  static inline pid_t pid_ = -1;
};

}  // namespace

TEST_F(TlsBackend, LeadIsSubmittedOverTlsThroughTheOutbox) {
  BackendConfig cfg = config("https://127.0.0.1", (dir_ / "ca.pem").string());
  ASSERT_TRUE(cfg.tls);
  auto health = http_request(cfg, "GET", "/healthz");
  ASSERT_TRUE(health.ok()) << health.error().message;
  EXPECT_EQ(health->status, 200);

  fs::path data = dir_ / "kiosk-ok";
  fs::create_directories(data);
  auto key = load_or_create_key(data.string());
  ASSERT_TRUE(key.ok());
  auto ob = Outbox::open((data / "outbox").string(), *key);
  ASSERT_TRUE(ob.ok());
  std::string id = random_uuid();
  ASSERT_TRUE((*ob)->enqueue("lead", id, "", lead(), {}).ok());
  SyncWorker sync(**ob, cfg, 0.2, 1);
  sync.start();
  for (int i = 0; i < 100 && !(*ob)->pending().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  sync.stop();
  EXPECT_TRUE((*ob)->pending().empty()) << sync.status().last_error;
  auto ack = (*ob)->ack(id);
  ASSERT_TRUE(ack.has_value());
  EXPECT_FALSE(ack->value("lead_id", "").empty());

  // Sent again with the same client_id (a crash before the local removal): the backend knows it.
  OutboxItem again;
  again.kind = "lead";
  again.id = id;
  again.payload = lead();
  auto r = http_request(cfg, "POST", "/api/v1/leads", "application/json; charset=utf-8", request_body(again).dump());
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(nlohmann::json::parse(r->body).value("lead_id", ""), ack->value("lead_id", ""));
}

TEST_F(TlsBackend, UntrustedCertificateIsRefusedAndTheLeadStaysQueued) {
  // A CA file the server's certificate does not chain to.
  BackendConfig stranger = config("https://127.0.0.1", (dir_ / "other.pem").string());
  auto r = http_request(stranger, "GET", "/healthz");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "network_error");
  // The system's CAs do not know the test CA either.
  auto sys = http_request(config("https://127.0.0.1", ""), "GET", "/healthz");
  EXPECT_FALSE(sys.ok());
  // The right CA, but a host name the certificate does not carry.
  auto wrong_host = http_request(config("https://127.0.0.2", (dir_ / "ca.pem").string()), "GET", "/healthz");
  EXPECT_FALSE(wrong_host.ok());

  fs::path data = dir_ / "kiosk-refused";
  fs::create_directories(data);
  auto key = load_or_create_key(data.string());
  ASSERT_TRUE(key.ok());
  auto ob = Outbox::open((data / "outbox").string(), *key);
  ASSERT_TRUE(ob.ok());
  ASSERT_TRUE((*ob)->enqueue("lead", random_uuid(), "", lead(), {}).ok());
  SyncWorker sync(**ob, stranger, 0.2, 1);
  sync.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  sync.stop();
  EXPECT_EQ((*ob)->pending().size(), 1u) << "never sent, never dropped";
  EXPECT_FALSE(sync.status().online);
  EXPECT_EQ(sync.status().last_error, "network_error");
}

TEST(BackendUrl, SchemesPortsAndCaFile) {
  auto plain = parse_backend_url("http://10.0.0.5");
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain->tls);
  EXPECT_EQ(plain->port, 80);
  auto tls = parse_backend_url("https://county.example:8443/api");
  ASSERT_TRUE(tls.ok());
  EXPECT_TRUE(tls->tls);
  EXPECT_EQ(tls->port, 8443);
  EXPECT_EQ(tls->host, "county.example");
  EXPECT_TRUE(tls->tls_context);
  EXPECT_EQ(parse_backend_url("https://h", "/nonexistent/ca.pem").error().code, "tls_ca_unreadable");
  EXPECT_EQ(parse_backend_url("http://h", "/etc/hostname").error().code, "bad_backend_url");
  EXPECT_EQ(parse_backend_url("ftp://h").error().code, "bad_backend_url");
}
