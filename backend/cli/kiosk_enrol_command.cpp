// `jiuzhu-server kiosk enrol-code | disable | enable` (docs/operations.md, Kiosk enrolment):
// a thin layer over store/enrolment_store.h. `kiosk add` stays in admin_commands.cpp.
#include <cstdio>
#include <string>

#include "backend/cli/cli_common.h"
#include "backend/commands.h"
#include "backend/store/enrolment_store.h"
#include "backend/store/repository.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend {

int kiosk_enrolment_command(const Args& args) {
  const std::string sub = args.at(0);
  std::set<std::string> valued = {"--id", "--db", "--data-dir"};
  if (sub == "enrol-code") {
    valued.insert("--township");
    valued.insert("--valid-hours");
  }
  auto opts = cli::parse_options(Args(args.begin() + 1, args.end()), valued);
  if (!opts) return cli::usage_error("kiosk", opts.error().message);
  auto o = opts.value();
  if (!o.count("--id") || o["--id"].empty() || o["--id"].size() > 64)
    return cli::usage_error("kiosk", "--id ID is required");
  int64_t valid_hours = 24;
  if (sub == "enrol-code") {
    if (!o.count("--township") || !cli::valid_township(o["--township"])) {
      return cli::usage_error("kiosk", "--township must be 9 digits starting with a known county code");
    }
    if (o.count("--valid-hours")) {
      try {
        valid_hours = std::stoll(o["--valid-hours"]);
      } catch (const std::exception&) {
        valid_hours = 0;
      }
      if (valid_hours < 1 || valid_hours > 24 * 14)
        return cli::usage_error("kiosk", "--valid-hours must be 1 to 336");
    }
  }
  auto repo = open_repository(cli::database_url(o));
  if (!repo) {
    std::fprintf(stderr, "jiuzhu-server kiosk: %s\n", repo.error().message.c_str());
    return 1;
  }
  EnrolmentStore store((*repo)->database());
  if (sub == "enrol-code") {
    auto issued = store.issue(o["--id"], o["--township"], unix_now(), valid_hours * 3600, "cli");
    if (!issued) {
      std::fprintf(stderr, "jiuzhu-server kiosk: %s\n", issued.error().message.c_str());
      return 1;
    }
    std::printf("%s\n", issued->code.c_str());
    std::fprintf(stderr,
                 "one-time enrolment code for kiosk %s, valid until %s:\n"
                 "  jiuzhu-kiosk enrol --backend URL --code %s\n",
                 o["--id"].c_str(), issued->expires_at.c_str(), issued->code.c_str());
    return 0;
  }
  const bool enable = sub == "enable";
  if (auto st = store.set_active(o["--id"], enable, "cli"); !st) {
    std::fprintf(stderr, "jiuzhu-server kiosk: %s\n", st.error().message.c_str());
    return 1;
  }
  std::printf("kiosk %s %s\n", o["--id"].c_str(), enable ? "enabled" : "disabled");
  return 0;
}

}  // namespace jiuzhu::backend
