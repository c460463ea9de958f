// jiuzhu-server: the backend's one executable; see `jiuzhu-server --help` and contracts/cli.md.
#include <cstdio>
#include <cstring>
#include <string>

#include "backend/commands.h"

namespace {

constexpr const char* kUsage =
    "usage: jiuzhu-server COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  serve        run the HTTP service (--config FILE --listen HOST:PORT --db URL --data-dir DIR)\n"
    "  kiosk add    register a kiosk device and print its token (--id ID --township CODE)\n"
    "  user add     create a staff account; password on stdin (--login NAME --role ROLE ...)\n"
    "  eligibility  evaluate one household (--params FILE --household FILE [--as-of DATE])\n"
    "  discover     run proactive discovery over feeds (--feeds DIR --county CODE ...)\n"
    "  synth        write a synthetic county (--county CODE --residents N --seed S --out DIR)\n"
    "  backup       write a verified copy of a SQLite data directory (--out FILE [--data-dir DIR])\n"
    "  restore      unpack a backup into an empty data directory (--in FILE [--data-dir DIR])\n"
    "  audit verify walk the audit hash chain ([--db URL] [--data-dir DIR])\n"
    "  db           PostgreSQL county partitions (add-county --county CODE | partitions) --db URL\n"
    "\n"
    "Each command answers --help.\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace jiuzhu::backend;
  if (argc < 2) {
    std::fputs("jiuzhu-server: missing command (try --help)\n", stderr);
    return 2;
  }
  const std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  Args args(argv + 2, argv + argc);
  if (command == "serve") return serve_command(args);
  if (command == "kiosk") return kiosk_command(args);
  if (command == "user") return user_command(args);
  if (command == "eligibility") return eligibility_command(args);
  if (command == "discover") return discover_command(args);
  if (command == "synth") return synth_command(args);
  if (command == "backup") return backup_command(args);
  if (command == "restore") return restore_command(args);
  if (command == "audit") return audit_command(args);
  if (command == "db") return db_command(args);  // ops
  std::fprintf(stderr, "jiuzhu-server: unknown command '%s' (try --help)\n", command.c_str());
  return 2;
}
