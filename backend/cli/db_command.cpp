// `jiuzhu-server db add-county|partitions` (docs/operations.md, "A province"): the county
// partitions of a PostgreSQL database (store/pg_partitions.h).
#include <cstdio>
#include <string>

#include "backend/cli/cli_common.h"
#include "backend/commands.h"
#include "backend/store/pg_partitions.h"
#include "backend/store/repository.h"

namespace jiuzhu::backend {
namespace {

constexpr const char* kDbUsage =
    "usage: jiuzhu-server db add-county --county CODE --db URL\n"
    "       jiuzhu-server db partitions [--exact] --db URL\n"
    "PostgreSQL only. add-county makes the county's partitions of the big tables (applications,\n"
    "case_events, discovery_queue, visits, audit_log) and moves its rows out of DEFAULT; a county's\n"
    "first kiosk or user does the same by itself. partitions lists them with their row counts\n"
    "(estimated, or counted with --exact).\n";

}  // namespace

int db_command(const Args& args) {
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::fputs(kDbUsage, stdout);
      return 0;
    }
  }
  if (args.empty() || (args[0] != "add-county" && args[0] != "partitions"))
    return cli::usage_error("db", "expected 'db add-county' or 'db partitions'");
  auto opts = cli::parse_options(Args(args.begin() + 1, args.end()), {"--db", "--county", "--data-dir"}, {"--exact"});
  if (!opts) return cli::usage_error("db", opts.error().message);
  auto o = opts.value();
  if (args[0] == "add-county" && (!o.count("--county") || !cli::valid_county(o["--county"])))
    return cli::usage_error("db", "--county must be a known 6-digit county");
  auto repo = open_repository(cli::database_url(o));  // migrates: the partitioned layout exists
  if (!repo) {
    std::fprintf(stderr, "jiuzhu-server db: %s\n", repo.error().message.c_str());
    return 1;
  }
  if (args[0] == "add-county") {
    if (auto st = ensure_county_partitions((*repo)->database(), o["--county"]); !st) {
      std::fprintf(stderr, "jiuzhu-server db: %s\n", st.error().message.c_str());
      return 1;
    }
    std::printf("county %s: partitions ready\n", o["--county"].c_str());
    return 0;
  }
  auto parts = list_partitions((*repo)->database(), o.count("--exact") > 0);
  if (!parts) {
    std::fprintf(stderr, "jiuzhu-server db: %s\n", parts.error().message.c_str());
    return 1;
  }
  for (const auto& p : *parts)
    std::printf("%s\t%s\t%s\t%lld\n", p.table.c_str(), p.partition.c_str(), p.bound.c_str(),
                static_cast<long long>(p.rows));
  return 0;
}

}  // namespace jiuzhu::backend
