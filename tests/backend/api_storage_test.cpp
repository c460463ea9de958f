// What the server stores and acknowledges when clients reuse client_ids and when the disk is
// full (issue #18): a reused client_id never answers for another application; a full disk is
// reported (503 storage_full, /healthz 503 with the reason, one log line per failure class) and
// recovers without a restart, and nothing acknowledged is lost.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "api_env.h"
#include "backend/util/crypto.h"
#include "support/files.h"

using namespace jiuzhu::test;

namespace {

class StorageTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StorageTest, AClientIdIsScopedToItsKioskAndContent) {
  auto& env = ApiEnv::get(GetParam());
  const std::string shared_id = uuid();
  // Kiosk B (another township) submits first.
  auto b = env.server->post("/api/v1/applications", application(kOtherTownship, shared_id), env.token.at("kiosk2"));
  ASSERT_EQ(b.status, 201) << b.body;
  // Kiosk A's different application with the same client_id: refused, not answered with B's.
  auto a = env.server->post("/api/v1/applications", application(kTownship, shared_id), env.token.at("kiosk"));
  EXPECT_EQ(a.status, 409) << a.body;
  EXPECT_EQ(a.json()["error"]["code"], "client_id_in_use");
  EXPECT_EQ(a.body.find(b.json()["application_no"].get<std::string>()), std::string::npos);
  // B's retry with the same body: the first answer.
  auto b2 = env.server->post("/api/v1/applications", application(kOtherTownship, shared_id), env.token.at("kiosk2"));
  EXPECT_EQ(b2.status, 200) << b2.body;
  EXPECT_EQ(b2.json(), b.json());
  // B again with other content (another person) under the same client_id: refused too.
  Json other = application(kOtherTownship, shared_id, id_number("19700101", 77));
  auto b3 = env.server->post("/api/v1/applications", other, env.token.at("kiosk2"));
  EXPECT_EQ(b3.status, 409) << b3.body;
  // The same content with other whitespace is the same submission.
  Json same = application(kOtherTownship, shared_id);
  auto b4 = env.server->request("POST", "/api/v1/applications", same.dump(2), env.token.at("kiosk2"));
  EXPECT_EQ(b4.status, 200) << b4.body;
  EXPECT_EQ(b4.json()["application_no"], b.json()["application_no"]);
  // A's application is stored once it has its own client_id.
  EXPECT_EQ(env.server->post("/api/v1/applications", application(kTownship, uuid()), env.token.at("kiosk")).status, 201);
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::ValuesIn(backends()), [](const auto& info) { return info.param; });

// A tmpfs of `megabytes` at `path`, unmounted when done.
struct Tmpfs {
  std::string path;
  bool mounted = false;
  std::string why;
  Tmpfs(const std::string& p, int megabytes) : path(p) {
    std::filesystem::create_directories(path);
    const std::string options = "size=" + std::to_string(megabytes) + "m";
    if (::mount("tmpfs", path.c_str(), "tmpfs", 0, options.c_str()) == 0) {
      mounted = true;
    } else {
      why = std::strerror(errno);
    }
  }
  ~Tmpfs() {
    if (mounted) ::umount2(path.c_str(), MNT_DETACH);
  }
};

// Fills the file system at `dir` until it refuses another byte.
void fill(const std::string& file) {
  std::FILE* f = std::fopen(file.c_str(), "wb");
  if (!f) return;
  std::vector<char> block(64 * 1024, 'f');
  while (std::fwrite(block.data(), 1, block.size(), f) == block.size()) {
  }
  std::fflush(f);
  std::fclose(f);
  block.resize(512);  // and the last few blocks
  for (int i = 0; i < 64; ++i) {
    f = std::fopen((file + std::to_string(i)).c_str(), "wb");
    if (!f) break;
    const bool full = std::fwrite(block.data(), 1, block.size(), f) != block.size() || std::fflush(f) != 0;
    std::fclose(f);
    if (full) break;
  }
}

size_t count_lines(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(FullDisk, WritesAnswer503HealthSaysWhyAndNothingAcknowledgedIsLost) {
  TempDir dir;
  Tmpfs disk(dir.path() + "/disk", 4);
  if (!disk.mounted) GTEST_SKIP() << "cannot mount a tmpfs here (" << disk.why << "); the full-disk test needs root";
  const std::string data = disk.path + "/data";
  std::filesystem::create_directories(data);
  // The server's log lives off the full disk, so that it can say what happened.
  const std::string log = dir.path() + "/server.log";
  std::ofstream(log).close();
  std::filesystem::create_symlink(log, data + "/server.log");
  const std::string url = "sqlite:" + data + "/test.db";
  const std::string kiosk = add_kiosk(url, "K-FULL", kTownship);
  auto server = std::make_unique<ServerProcess>(data, url);

  std::map<std::string, std::pair<Json, std::string>> acked;  // client_id → (application, number)
  auto submit = [&](const Json& app) {
    auto r = server->post("/api/v1/applications", app, kiosk);
    if (r.status == 201) acked[app["client_id"]] = {app, r.json()["application_no"]};
    return r;
  };
  for (int i = 0; i < 5; ++i) ASSERT_EQ(submit(application(kTownship, uuid())).status, 201);
  // console (#16 forms): a caseworker logged in before the disk fills.
  add_user(url, "cw-full", {"--role", "caseworker", "--township", kTownship});
  const std::string cw = login(*server, "cw-full");

  fill(disk.path + "/filler");
  int refused = 0;
  for (int i = 0; i < 400 && refused < 20; ++i) {
    auto r = submit(application(kTownship, uuid()));
    ASSERT_NE(r.status, 500) << r.body;
    if (r.status == 503) {
      EXPECT_EQ(r.json()["error"]["code"], "storage_full") << r.body;
      ++refused;
    } else {
      ASSERT_EQ(r.status, 201) << r.body;
    }
  }
  ASSERT_GT(refused, 0) << "the disk never filled up";
  auto health = server->get("/healthz");
  EXPECT_EQ(health.status, 503) << health.body;
  // console (#16 forms): printing a form is an audited read; with no room for the audit row there
  // is no PDF.
  auto form = server->get("/api/v1/cases/" + acked.begin()->second.second + "/forms/application-form", cw);
  EXPECT_EQ(form.status, 503) << form.body.substr(0, 200);
  EXPECT_EQ(form.body.find("%PDF"), std::string::npos);
  EXPECT_EQ(health.json()["storage"]["code"], "storage_full") << health.body;

  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200000, 'p');
  auto doc = server->request("PUT", "/api/v1/documents/" + jiuzhu::backend::sha256_hex(png), png, kiosk, "image/png");
  EXPECT_EQ(doc.status, 503) << doc.body;
  EXPECT_EQ(doc.json()["error"]["code"], "storage_full");

  // One line per failure class, with its cause; not one per request.
  const std::string text = read_file(log);
  EXPECT_EQ(count_lines(text, "event=write_failed kind=database"), 1u) << text.substr(0, 4000);
  EXPECT_EQ(count_lines(text, "event=write_failed kind=documents"), 1u);
  EXPECT_NE(text.find("disk is full"), std::string::npos);
  EXPECT_NE(text.find("No space left on device"), std::string::npos);

  // Space freed: healthy again, without a restart, and writes go through.
  for (const auto& entry : std::filesystem::directory_iterator(disk.path)) {
    if (entry.path().filename().string().rfind("filler", 0) == 0) std::filesystem::remove(entry.path());
  }
  EXPECT_EQ(server->get("/healthz").status, 200);
  EXPECT_EQ(submit(application(kTownship, uuid())).status, 201);
  EXPECT_EQ(server->request("PUT", "/api/v1/documents/" + jiuzhu::backend::sha256_hex(png), png, kiosk, "image/png").status, 201);

  // Every acknowledged application is stored under its number, after a restart too.
  server.reset();
  server = std::make_unique<ServerProcess>(data, url);
  for (const auto& [client_id, sent] : acked) {
    auto r = server->post("/api/v1/applications", sent.first, kiosk);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["application_no"], sent.second);
  }
  server.reset();
}

}  // namespace
