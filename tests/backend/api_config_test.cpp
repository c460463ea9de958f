// `jiuzhu-server serve --config FILE` as the systemd unit runs it (issue #19): every setting from
// the file — listen address, data directory, database, TLS certificate and key (a self-signed
// certificate made by openssl here), feeds root, log level — and nothing else on the command
// line; HTTPS verified against that certificate, plain HTTP refused; a clean stop on SIGTERM.
// A config file with a typo or a missing key file is refused with a clear message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server_harness.h"
#include "support/files.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace jiuzhu::test;

namespace {

// A self-signed certificate for localhost and 127.0.0.1, valid one day.
bool make_certificate(const TempDir& dir) {
  const auto r =
      run("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext "
          "subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout " +
              quote(dir.file("key.pem")) + " -out " + quote(dir.file("cert.pem")),
          true);
  return r.exit_code == 0;
}

void write_config(const std::string& path, const Json& config) {
  std::ofstream(path) << config.dump(2) << "\n";
}

TEST(ServeConfig, EverySettingFromTheFileWithTls) {
  if (!have_tool("openssl") || !have_tool("curl")) GTEST_SKIP() << "needs openssl and curl";
  TempDir dir;
  ASSERT_TRUE(make_certificate(dir));
  const std::string data = dir.file("var-lib-jiuzhu");
  write_config(dir.file("server.conf"), Json{{"listen", "127.0.0.1:0"},
                                             {"data_dir", data},
                                             {"db", "sqlite:" + data + "/jiuzhu.db"},
                                             {"tls_cert", dir.file("cert.pem")},
                                             {"tls_key", dir.file("key.pem")},
                                             {"feeds_root", dir.file("feeds")},
                                             {"log_level", "warning"}});
  // The command line of deploy/host/server/jiuzhu-server.service, and a client that checks the
  // server's certificate against the one made above.
  const std::string script =
      "cd " + quote(dir.path()) + " || exit 1; " + quote(JIUZHU_SERVER_BIN) +
      " serve --config server.conf >out 2>err & pid=$!; "
      "for i in $(seq 150); do grep -q listening out 2>/dev/null && break; sleep 0.1; done; "
      "port=$(sed -n 's/^listening on .*:\\([0-9]*\\)$/\\1/p' out); "
      "curl -s --max-time 5 --cacert cert.pem https://127.0.0.1:$port/healthz; echo; "
      "curl -s --max-time 5 --cacert cert.pem https://localhost:$port/api/v1/intake; echo; "
      "if curl -s --max-time 5 http://127.0.0.1:$port/healthz >/dev/null 2>&1; then echo plain=answered; "
      "else echo plain=refused; fi; "
      "start=$(date +%s); kill -TERM $pid; wait $pid; echo exit=$? seconds=$(( $(date +%s) - start ))";
  const auto r = run(script, true);
  EXPECT_NE(r.out.find(R"({"db":"ok","status":"ok"})"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unauthenticated"), std::string::npos) << r.out;  // HTTPS reaches the API
  EXPECT_NE(r.out.find("plain=refused"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("exit=0"), std::string::npos) << r.out;
  EXPECT_TRUE(std::filesystem::is_regular_file(data + "/jiuzhu.db"));
  const std::string log = read_file(dir.file("err"));
  EXPECT_EQ(log.find("event=request"), std::string::npos) << "log_level warning keeps request lines out";
}

TEST(ServeConfig, ATypoOrAMissingKeyIsRefused) {
  TempDir dir;
  write_config(dir.file("typo.conf"), Json{{"listen", "127.0.0.1:0"}, {"data_dri", dir.file("d")}});
  auto r = run(quote(JIUZHU_SERVER_BIN) + " serve --config " + quote(dir.file("typo.conf")), true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("data_dri"), std::string::npos) << r.out;

  write_config(dir.file("nokey.conf"), Json{{"listen", "127.0.0.1:0"},
                                            {"data_dir", dir.file("d")},
                                            {"tls_cert", dir.file("missing-cert.pem")},
                                            {"tls_key", dir.file("missing-key.pem")}});
  r = run(quote(JIUZHU_SERVER_BIN) + " serve --config " + quote(dir.file("nokey.conf")), true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("TLS"), std::string::npos) << r.out;

  r = run(quote(JIUZHU_SERVER_BIN) + " serve --config " + quote(dir.file("absent.conf")), true);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("absent.conf"), std::string::npos) << r.out;
}

}  // namespace
