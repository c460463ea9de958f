// `jiuzhu-server audit verify` (contracts/cli.md): walks the audit hash chain.
#include <cstdio>
#include <string>

#include "backend/cli/cli_common.h"
#include "backend/commands.h"
#include "backend/maintenance/backup.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kAuditUsage =
    "usage: jiuzhu-server audit verify [--db URL] [--data-dir DIR]\n"
    "Walks the hash-chained audit log (SQLite or PostgreSQL) without changing the database.\n"
    "Exit 0 with a one-line count when the chain is intact; exit 1 naming the first broken entry.\n";

}  // namespace

int audit_command(const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kAuditUsage, stdout);
      return 0;
    }
  }
  if (args.empty() || args[0] != "verify") return cli::usage_error("audit", "expected 'audit verify'");
  auto opts = cli::parse_options(Args(args.begin() + 1, args.end()), {"--db", "--data-dir"});
  if (!opts) return cli::usage_error("audit", opts.error().message);
  auto o = opts.value();
  const std::string data_dir = o.count("--data-dir") ? o["--data-dir"] : "jiuzhu-data";
  const std::string url = o.count("--db") ? o["--db"] : "sqlite:" + data_dir + "/jiuzhu.db";
  auto v = verify_audit_at(url);
  if (!v) {
    std::fprintf(stderr, "jiuzhu-server audit: %s\n", v.error().message.c_str());
    return 1;
  }
  if (!v->ok) {
    std::printf("audit chain broken at entry seq=%lld (%lld entries checked)\n",
                static_cast<long long>(v->first_bad_seq), static_cast<long long>(v->rows));
    std::fprintf(stderr, "jiuzhu-server audit: the chain is broken at entry seq=%lld\n",
                 static_cast<long long>(v->first_bad_seq));
    return 1;
  }
  std::printf("audit chain intact: %lld entries\n", static_cast<long long>(v->rows));
  return 0;
}

}  // namespace jiuzhu::backend
