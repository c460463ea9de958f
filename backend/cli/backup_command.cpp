// `jiuzhu-server backup` (contracts/cli.md): a thin layer over maintenance/backup.h.
#include <cstdio>
#include <string>

#include "backend/cli/cli_common.h"
#include "backend/commands.h"
#include "backend/maintenance/backup.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kBackupUsage =
    "usage: jiuzhu-server backup --out FILE [--db URL] [--data-dir DIR]\n"
    "Writes a consistent copy of the SQLite database and the scanned documents to FILE (a zip)\n"
    "while the server keeps running, then reads it back and verifies it (integrity check, audit\n"
    "chain, document hashes). Exit 0 only when the copy is complete and verified.\n"
    "For PostgreSQL use pg_dump or pgBackRest (docs/operations.md); this command says how and exits 2.\n";

constexpr const char* kPostgresAdvice =
    "jiuzhu-server backup: the database is PostgreSQL; back it up with PostgreSQL's own tools:\n"
    "  pg_dump --format=custom --file=jiuzhu.dump 'URL'        (a consistent logical copy)\n"
    "  or pgBackRest for continuous archiving and point-in-time recovery.\n"
    "Back up DATA_DIR/documents beside it (e.g. tar or rsync; documents are never changed once written).\n"
    "Check a restore: pg_restore --dbname=NEW_URL jiuzhu.dump && jiuzhu-server audit verify --db NEW_URL\n"
    "(docs/operations.md, Backup and restore).\n";

}  // namespace

int backup_command(const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kBackupUsage, stdout);
      return 0;
    }
  }
  auto opts = cli::parse_options(args, {"--out", "--db", "--data-dir"});
  if (!opts) return cli::usage_error("backup", opts.error().message);
  auto o = opts.value();
  if (!o.count("--out") || o["--out"].empty()) return cli::usage_error("backup", "--out FILE is required");
  const std::string data_dir = o.count("--data-dir") ? o["--data-dir"] : "jiuzhu-data";
  const std::string url = o.count("--db") ? o["--db"] : "sqlite:" + data_dir + "/jiuzhu.db";
  const std::string db_path = sqlite_path_of(url);
  if (db_path.empty()) {
    std::fputs(kPostgresAdvice, stderr);
    return 2;
  }
  auto summary = create_backup(db_path, data_dir + "/documents", o["--out"]);
  if (!summary) {
    std::fprintf(stderr, "jiuzhu-server backup: %s\n", summary.error().message.c_str());
    return 1;
  }
  std::printf("backup %s verified: schema %d, %lld applications, %lld audit entries, %lld documents\n",
              o["--out"].c_str(), summary->schema_version, static_cast<long long>(summary->applications),
              static_cast<long long>(summary->audit_rows), static_cast<long long>(summary->documents));
  return 0;
}

}  // namespace jiuzhu::backend
