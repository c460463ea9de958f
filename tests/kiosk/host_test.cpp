// The kiosk host (issue #19): the outbox key from a systemd credential (sealed and unsealed by
// the real systemd-creds when present) and never a plain file beside it; the clock check against
// an HTTP Date header; and `jiuzhu-kiosk enrol` / `jiuzhu-kiosk check` against a real
// jiuzhu-server: a one-time code becomes a 0600 token file, and a disabled kiosk is refused.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "kiosk/enrol/enrol.h"
#include "kiosk/outbox/sealed_key.h"
#include "support/files.h"
#include "support/process.h"
#include "support/temp_dir.h"

using namespace jiuzhu::kiosk;
using jiuzhu::test::quote;
using jiuzhu::test::run;
using jiuzhu::test::TempDir;
namespace fs = std::filesystem;

namespace {

struct CredentialsEnv {
  explicit CredentialsEnv(const std::string& dir) { ::setenv("CREDENTIALS_DIRECTORY", dir.c_str(), 1); }
  ~CredentialsEnv() { ::unsetenv("CREDENTIALS_DIRECTORY"); }
};

TEST(SealedKey, CredentialIsUsedAndNoPlainKeyIsWritten) {
  TempDir creds, data;
  std::string key(32, '\0');
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<char>(i * 7 + 1);
  jiuzhu::test::write_file(creds.file("outbox-key"), key);
  CredentialsEnv env(creds.path());
  auto k = load_outbox_key(data.path());
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_EQ(std::string(k->bytes.begin(), k->bytes.end()), key);
  EXPECT_FALSE(fs::exists(data.file("outbox.key")));
  jiuzhu::test::write_file(creds.file("outbox-key"), key.substr(0, 31));
  auto bad = load_outbox_key(data.path());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "key_bad_size");
}

TEST(SealedKey, SealedKeyOutsideItsServiceIsRefused) {
  TempDir data;
  jiuzhu::test::write_file(data.file("outbox-key.cred"), "sealed bytes");
  auto k = load_outbox_key(data.path());
  ASSERT_FALSE(k.ok());
  EXPECT_EQ(k.error().code, "key_sealed_not_loaded");
  EXPECT_FALSE(fs::exists(data.file("outbox.key")));
}

TEST(SealedKey, DevelopmentKeyFileWithoutCredentials) {
  TempDir data;
  auto k = load_outbox_key(data.path());
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_EQ(k->bytes.size(), 32u);
  struct stat st {};
  ASSERT_EQ(::stat(data.file("outbox.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(SealedKey, RoundTripThroughSystemdCreds) {
  if (!jiuzhu::test::have_tool("systemd-creds")) GTEST_SKIP() << "systemd-creds not installed";
  TempDir dir;
  // What jiuzhu-kiosk-seal-key does, then what systemd does for LoadCredentialEncrypted=.
  auto sealed = run("head -c 32 /dev/urandom > " + quote(dir.file("plain")) +
                        " && systemd-creds encrypt --name=outbox-key " + quote(dir.file("plain")) + " " +
                        quote(dir.file("outbox-key.cred")),
                    true);
  if (sealed.exit_code != 0) GTEST_SKIP() << "systemd-creds cannot encrypt here: " << sealed.out;
  EXPECT_EQ(
      jiuzhu::test::read_file(dir.file("outbox-key.cred")).find(jiuzhu::test::read_file(dir.file("plain"))),
      std::string::npos);
  fs::create_directories(dir.file("creds"));
  ASSERT_EQ(run("systemd-creds decrypt --name=outbox-key " + quote(dir.file("outbox-key.cred")) + " " +
                quote(dir.file("creds/outbox-key")))
                .exit_code,
            0);
  CredentialsEnv env(dir.file("creds"));
  auto k = load_outbox_key(dir.path());
  ASSERT_TRUE(k.ok()) << k.error().message;
  EXPECT_EQ(std::string(k->bytes.begin(), k->bytes.end()), jiuzhu::test::read_file(dir.file("plain")));
}

TEST(Clock, SkewFromTheDateHeader) {
  // RFC 7231's example date: 784111777 seconds after the epoch.
  auto same = clock_skew_seconds("Sun, 06 Nov 1994 08:49:37 GMT", 784111776, 784111778);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(*same, 0);
  auto ahead = clock_skew_seconds("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 600, 784111777 + 600);
  ASSERT_TRUE(ahead.ok());
  EXPECT_EQ(*ahead, 600);
  EXPECT_FALSE(clock_acceptable(*ahead));
  EXPECT_TRUE(clock_acceptable(300));
  EXPECT_TRUE(clock_acceptable(-300));
  EXPECT_FALSE(clock_acceptable(-301));
  EXPECT_FALSE(clock_skew_seconds("yesterday", 0, 0).ok());
  EXPECT_FALSE(clock_skew_seconds("", 0, 0).ok());
}

TEST(Enrolment, CodeBecomesATokenAndADisabledKioskIsRefused) {
  // The programs of this build (JIUZHU_SERVER / JIUZHU_KIOSK may name others).
  const char* server = std::getenv("JIUZHU_SERVER") ? std::getenv("JIUZHU_SERVER") : JIUZHU_SERVER_BIN;
  const char* kiosk = std::getenv("JIUZHU_KIOSK") ? std::getenv("JIUZHU_KIOSK") : JIUZHU_KIOSK_BIN;
  TempDir dir;
  const std::string s = quote(server), k = quote(kiosk), d = quote(dir.path());
  auto code = run(s + " kiosk enrol-code --id HALL-HOST --township 450326101 --data-dir " + d + "/server");
  ASSERT_EQ(code.exit_code, 0);
  code.out.pop_back();
  // The server on a free port; its first line names it.
  const std::string start =
      s + " serve --listen 127.0.0.1:0 --data-dir " + d + "/server > " + d + "/out 2>/dev/null & echo $! > " +
      d + "/pid; for i in $(seq 100); do grep -q listening " + d + "/out && break; sleep 0.1; done; " +
      "sed -n 's/^listening on .*:\\([0-9]*\\)$/\\1/p' " + d + "/out";
  auto port = run(start);
  ASSERT_FALSE(port.out.empty());
  port.out.pop_back();
  const std::string url = "http://127.0.0.1:" + port.out;
  auto enrolled =
      run(k + " enrol --backend " + url + " --code " + quote(code.out) + " --data-dir " + d + "/kiosk", true);
  EXPECT_EQ(enrolled.exit_code, 0) << enrolled.out;
  struct stat st {};
  ASSERT_EQ(::stat(dir.file("kiosk/kiosk.token").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(jiuzhu::test::read_file(dir.file("kiosk/kiosk.token")).rfind("jzk_", 0), 0u);
  // Used once.
  EXPECT_EQ(run(k + " enrol --backend " + url + " --code " + quote(code.out) + " --data-dir " + d + "/other")
                .exit_code,
            1);
  EXPECT_EQ(run(k + " enrol --backend " + url).exit_code, 2);

  auto check = run(k + " check --backend " + url + " --data-dir " + d + "/kiosk", true);
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find("kiosk active"), std::string::npos) << check.out;
  ASSERT_EQ(run(s + " kiosk disable --id HALL-HOST --data-dir " + d + "/server").exit_code, 0);
  // The server caches a used token for up to 30 s; a restarted server (or 30 s) refuses it.
  run("kill $(cat " + d + "/pid); sleep 0.5");
  port = run(start);
  ASSERT_FALSE(port.out.empty());
  port.out.pop_back();
  auto refused =
      run(k + " check --backend http://127.0.0.1:" + port.out + " --data-dir " + d + "/kiosk", true);
  EXPECT_EQ(refused.exit_code, 3) << refused.out;
  // Unreachable: the kiosk still starts (the outbox keeps applications).
  run("kill $(cat " + d + "/pid)");
  EXPECT_EQ(run(k + " check --backend http://127.0.0.1:1 --data-dir " + d + "/kiosk").exit_code, 0);
}

}  // namespace
