// `jiuzhu-server restore` (contracts/cli.md): a thin layer over maintenance/backup.h.
#include <cstdio>
#include <string>

#include "backend/cli/cli_common.h"
#include "backend/commands.h"
#include "backend/maintenance/backup.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kRestoreUsage =
    "usage: jiuzhu-server restore --in FILE [--data-dir DIR]\n"
    "Unpacks a backup made by 'jiuzhu-server backup' into DIR (default jiuzhu-data), which must be\n"
    "empty or missing, and checks it (integrity check, audit chain, document hashes). Start the\n"
    "server on DIR afterwards; it migrates an older schema at start.\n";

}  // namespace

int restore_command(const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kRestoreUsage, stdout);
      return 0;
    }
  }
  auto opts = cli::parse_options(args, {"--in", "--data-dir"});
  if (!opts) return cli::usage_error("restore", opts.error().message);
  auto o = opts.value();
  if (!o.count("--in") || o["--in"].empty()) return cli::usage_error("restore", "--in FILE is required");
  const std::string data_dir = o.count("--data-dir") ? o["--data-dir"] : "jiuzhu-data";
  auto summary = restore_backup(o["--in"], data_dir);
  if (!summary) {
    std::fprintf(stderr, "jiuzhu-server restore: %s\n", summary.error().message.c_str());
    return 1;
  }
  std::printf("restored into %s: schema %d, %lld applications, %lld audit entries, %lld documents\n",
              data_dir.c_str(), summary->schema_version, static_cast<long long>(summary->applications),
              static_cast<long long>(summary->audit_rows), static_cast<long long>(summary->documents));
  return 0;
}

}  // namespace jiuzhu::backend
