// Backups that are proven (issue #19): `jiuzhu-server backup` taken while a real server process
// keeps acknowledging submissions, restored elsewhere, a server started on the restored
// directory finds every application acknowledged before the backup began, and the audit chain
// is intact; `audit verify` names the first tampered entry on SQLite and PostgreSQL; damaged
// archives and non-empty directories are refused.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "api_env.h"
#include "backend/store/database.h"
#include "backend/util/crypto.h"
#include "support/files.h"
#include "support/process.h"

using namespace jiuzhu::test;
namespace fs = std::filesystem;

namespace {

// Uploads one document with its own content and returns its hash.
std::string upload_pdf(const ServerProcess& server, const std::string& kiosk) {
  const std::string pdf = "%PDF-1.4\nbackup test " + uuid() + "\n%%EOF\n";
  const std::string hash = jiuzhu::backend::sha256_hex(pdf);
  auto r = server.request("PUT", "/api/v1/documents/" + hash, pdf, kiosk, "application/pdf");
  EXPECT_EQ(r.status, 201) << r.body;
  return hash;
}

TEST(Backup, UnderWriteLoadRestoresEveryAcknowledgedApplication) {
  TempDir dir;
  const std::string data = dir.file("data");
  const std::string url = "sqlite:" + data + "/jiuzhu.db";
  fs::create_directories(data);
  const std::string kiosk = add_kiosk(url, "K-BACKUP", kTownship);
  add_user(url, "backup-admin", {"--role", "county_admin", "--county", kCounty});
  ServerProcess server(data, url);
  const std::string doc = upload_pdf(server, kiosk);

  std::mutex mu;
  std::map<std::string, Json> acked;           // client_id → the application sent
  std::map<std::string, std::string> numbers;  // client_id → application_no
  std::atomic<bool> stop{false};
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      while (!stop) {
        Json app = application(kTownship, uuid());
        app["documents"] = Json::array({{{"kind", "hukou_booklet"}, {"sha256", doc}, {"pages", 1}}});
        auto r = server.post("/api/v1/applications", app, kiosk);
        if (r.status == 201) {
          std::lock_guard lock(mu);
          numbers[app["client_id"]] = r.json()["application_no"];
          acked[app["client_id"]] = app;
        }
      }
    });
  }
  // Some history first (also on a slow sanitizer build): at least 30 acknowledged, 20 s at most.
  auto acked_count = [&] {
    std::lock_guard lock(mu);
    return acked.size();
  };
  for (int i = 0; i < 200 && acked_count() < 30; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::map<std::string, Json> acked_before;
  {
    std::lock_guard lock(mu);
    acked_before = acked;
  }
  const auto backup = run_server_command({"backup", "--out", dir.file("backup.zip"), "--data-dir", data}, {},
                                         dir.file("backup.log"));
  size_t acked_during;
  {
    std::lock_guard lock(mu);
    acked_during = acked.size();
  }
  // And after it: wait for at least one more acknowledgement (10 s at most).
  for (int i = 0; i < 100 && acked_count() <= acked_during; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  stop = true;
  for (auto& c : clients) c.join();
  ASSERT_EQ(backup.exit_code, 0) << read_file(dir.file("backup.log"));
  EXPECT_NE(backup.out.find("verified"), std::string::npos) << backup.out;
  ASSERT_GT(acked_before.size(), 20u);
  // The server kept acknowledging while the backup ran, and after.
  EXPECT_GT(acked_during, acked_before.size());
  EXPECT_GT(acked.size(), acked_during);
  EXPECT_EQ(server.terminate(), 0);

  // Restore elsewhere; a non-empty directory is refused.
  const std::string restored = dir.file("restored");
  auto r = run_server_command({"restore", "--in", dir.file("backup.zip"), "--data-dir", restored});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto again = run_server_command({"restore", "--in", dir.file("backup.zip"), "--data-dir", restored}, {},
                                  dir.file("again.log"));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(read_file(dir.file("again.log")).find("not empty"), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(restored + "/documents/" + doc.substr(0, 2) + "/" + doc));

  auto verify = run_server_command({"audit", "verify", "--data-dir", restored});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_NE(verify.out.find("audit chain intact"), std::string::npos) << verify.out;

  // Every application acknowledged before the backup began is there, under its number: a retry
  // of the same submission is answered 200 with the stored number.
  ServerProcess on_restored(restored, "sqlite:" + restored + "/jiuzhu.db");
  for (const auto& [client_id, app] : acked_before) {
    auto reply = on_restored.post("/api/v1/applications", app, kiosk);
    ASSERT_EQ(reply.status, 200) << client_id << " " << reply.body;
    ASSERT_EQ(reply.json()["application_no"], numbers[client_id]);
  }
  // And it takes new work on top.
  auto fresh = on_restored.post("/api/v1/applications", application(kTownship, uuid()), kiosk);
  EXPECT_EQ(fresh.status, 201) << fresh.body;
  EXPECT_EQ(on_restored.terminate(), 0);
  auto verify_after = run_server_command({"audit", "verify", "--data-dir", restored});
  EXPECT_EQ(verify_after.exit_code, 0) << verify_after.out;
}

TEST(Backup, DamagedArchiveIsRefusedAndLeavesNothing) {
  TempDir dir;
  const std::string data = dir.file("data");
  const std::string url = "sqlite:" + data + "/jiuzhu.db";
  fs::create_directories(data);
  const std::string kiosk = add_kiosk(url, "K-DAMAGE", kTownship);
  {
    ServerProcess server(data, url);
    for (int i = 0; i < 5; ++i)
      ASSERT_EQ(server.post("/api/v1/applications", application(kTownship, uuid()), kiosk).status, 201);
    server.terminate();
  }
  ASSERT_EQ(run_server_command({"backup", "--out", dir.file("b.zip"), "--data-dir", data}).exit_code, 0);
  std::string bytes = read_file(dir.file("b.zip"));
  ASSERT_GT(bytes.size(), 1000u);
  // Flip bytes in the middle (inside the compressed database).
  for (size_t i = bytes.size() / 2; i < bytes.size() / 2 + 16; ++i)
    bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  write_file(dir.file("bad.zip"), bytes);
  auto r = run_server_command({"restore", "--in", dir.file("bad.zip"), "--data-dir", dir.file("r")}, {},
                              dir.file("r.log"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(!fs::exists(dir.file("r/jiuzhu.db")));
  // Not a backup at all.
  write_file(dir.file("junk.zip"), "this is not a zip file");
  EXPECT_EQ(
      run_server_command({"restore", "--in", dir.file("junk.zip"), "--data-dir", dir.file("j")}).exit_code,
      1);
  EXPECT_EQ(run_server_command({"restore", "--data-dir", dir.file("j")}).exit_code, 2);

  // Hostile archives made by another zip writer (Python's zipfile): entries that climb out of the
  // directory, and entries a backup never has. Nothing is written outside, nothing is left inside.
  if (have_tool("python3")) {
    const std::string make =
        "import zipfile, sys\n"
        "with zipfile.ZipFile(sys.argv[1], 'w') as z:\n"
        "    z.writestr('manifest.json', '{\"format\":\"jiuzhu-backup\",\"format_version\":1}')\n"
        "    z.writestr(sys.argv[2], 'x')\n";
    write_file(dir.file("make.py"), make);
    for (const std::string entry :
         {"../escaped.txt", "documents/../../escaped.txt", "documents/ab/not-a-hash", "extra.sh"}) {
      ASSERT_EQ(run("python3 " + quote(dir.file("make.py")) + " " + quote(dir.file("hostile.zip")) + " " +
                    quote(entry))
                    .exit_code,
                0);
      const std::string target = dir.file("h/data");
      auto h = run_server_command({"restore", "--in", dir.file("hostile.zip"), "--data-dir", target});
      EXPECT_EQ(h.exit_code, 1) << entry;
      EXPECT_FALSE(fs::exists(dir.file("escaped.txt"))) << entry;
      EXPECT_FALSE(fs::exists(dir.file("h/escaped.txt"))) << entry;
      EXPECT_TRUE(!fs::exists(target) || fs::is_empty(target)) << entry;
      fs::remove_all(dir.file("h"));
    }
  }
}

TEST(Backup, PostgresqlIsExplainedNotCopied) {
  TempDir dir;
  auto r = run_server_command({"backup", "--out", dir.file("b.zip"), "--db", "postgresql://localhost/jiuzhu"},
                              {}, dir.file("log"));
  EXPECT_EQ(r.exit_code, 2);
  const std::string log = read_file(dir.file("log"));
  EXPECT_NE(log.find("pg_dump"), std::string::npos);
  EXPECT_NE(log.find("audit verify"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.file("b.zip")));
}

class AuditVerifyTest : public ::testing::TestWithParam<std::string> {};

TEST_P(AuditVerifyTest, NamesTheFirstTamperedEntry) {
  TempDir dir;
  const std::string url = database_url(GetParam(), dir.path());
  const std::string kiosk = add_kiosk(url, "K-TAMPER", kTownship);
  {
    ServerProcess server(dir.path(), url);
    for (int i = 0; i < 8; ++i)
      ASSERT_EQ(server.post("/api/v1/applications", application(kTownship, uuid()), kiosk).status, 201);
    server.terminate();
  }
  auto intact = run_server_command({"audit", "verify", "--db", url});
  ASSERT_EQ(intact.exit_code, 0) << intact.out;
  EXPECT_NE(intact.out.find("audit chain intact: "), std::string::npos) << intact.out;

  // Someone with direct database access edits entry 5 (after switching off the append-only guard).
  {
    auto db = jiuzhu::backend::open_database(url);
    ASSERT_TRUE(db.ok()) << db.error().message;
    auto st = (*db)->write([](jiuzhu::backend::Tx& tx) -> jiuzhu::Status {
      auto& s = tx.session();
      using Poco::Data::Keywords::now;
      if (tx.postgres()) {
        s << "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change", now;
      } else {
        s << "DROP TRIGGER audit_log_no_update", now;
      }
      s << "UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 5", now;
      return jiuzhu::Ok{};
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
    (*db)->close();
  }
  auto broken = run_server_command({"audit", "verify", "--db", url}, {}, dir.file("verify.log"));
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.out.find("seq=5"), std::string::npos) << broken.out;
  EXPECT_NE(read_file(dir.file("verify.log")).find("seq=5"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditVerifyTest, ::testing::ValuesIn(backends()));

}  // namespace

namespace {

// PostgreSQL's way (docs/operations.md): pg_dump while the data is there, pg_restore into a new
// database, and the check a county runs on every restore — `audit verify` on it, then a server
// started on it finds the applications under their numbers.
TEST(BackupPostgresql, PgDumpRestoreIsCheckedByAuditVerify) {
  const char* base = std::getenv("JIUZHU_TEST_PG_URL");
  if (!base || !have_tool("pg_dump") || !have_tool("pg_restore") || !have_tool("psql")) {
    GTEST_SKIP() << "needs JIUZHU_TEST_PG_URL and the PostgreSQL client tools";
  }
  TempDir dir;
  const std::string url = database_url("postgresql", dir.path());
  const std::string schema = url.substr(url.rfind("search_path%3D") + 14);
  const std::string kiosk = add_kiosk(url, "K-PGDUMP", kTownship);
  std::map<std::string, std::pair<Json, std::string>> acked;
  {
    ServerProcess server(dir.path(), url);
    for (int i = 0; i < 6; ++i) {
      Json app = application(kTownship, uuid());
      auto r = server.post("/api/v1/applications", app, kiosk);
      ASSERT_EQ(r.status, 201);
      acked[app["client_id"]] = {app, r.json()["application_no"]};
    }
    server.terminate();
  }
  const auto original = run_server_command({"audit", "verify", "--db", url});
  ASSERT_EQ(original.exit_code, 0);

  ASSERT_EQ(run("pg_dump --format=custom --schema=" + schema + " --file=" + quote(dir.file("jiuzhu.dump")) +
                    " " + quote(base),
                true)
                .exit_code,
            0);
  const std::string database = "restore_" + schema;
  ASSERT_EQ(run("psql -q " + quote(base) + " -c 'CREATE DATABASE " + database + "'", true).exit_code, 0);
  std::string restored_base = base;
  restored_base = restored_base.substr(0, restored_base.rfind('/') + 1) + database;
  const auto restore =
      run("pg_restore --dbname=" + quote(restored_base) + " " + quote(dir.file("jiuzhu.dump")), true);
  EXPECT_EQ(restore.exit_code, 0) << restore.out;
  const std::string restored = restored_base + "?options=-csearch_path%3D" + schema;

  const auto verify = run_server_command({"audit", "verify", "--db", restored});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_EQ(verify.out, original.out);  // the same count
  {
    ServerProcess server(dir.path() + "/r", restored);
    for (const auto& [client_id, sent] : acked) {
      auto r = server.post("/api/v1/applications", sent.first, kiosk);
      EXPECT_EQ(r.status, 200) << client_id;
      EXPECT_EQ(r.json()["application_no"], sent.second);
    }
    EXPECT_EQ(server.post("/api/v1/applications", application(kTownship, uuid()), kiosk).status, 201);
    server.terminate();
  }
  EXPECT_EQ(run_server_command({"audit", "verify", "--db", restored}).exit_code, 0);
  run("psql -q " + quote(base) + " -c 'DROP DATABASE " + database + "'");
}

}  // namespace
