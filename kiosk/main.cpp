// jiuzhu-kiosk: the touchscreen app for township service halls (contracts/cli.md).
#include <malloc.h>

#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/app/options.h"
#include "kiosk/enrol/commands.h"

int main(int argc, char** argv) {
  // glibc malloc, tuned for RSS (docs/kiosk.md "Memory"), before any thread starts:
  // - a fixed mmap threshold: big buffers (camera frames, scans, atlas builds) are mmapped and
  //   go back to the system when freed; the default dynamic threshold climbs to 32 MB after
  //   the first such free and then keeps those buffers in the heap for good;
  // - two arenas instead of one per thread (up to 8 × cores of 64 MB reservations): the few
  //   kiosk threads allocate little, and each arena keeps its own freed memory.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  mallopt(M_TRIM_THRESHOLD, 1024 * 1024);
  mallopt(M_ARENA_MAX, 2);
  std::vector<std::string> args(argv + 1, argv + argc);
  // ops: host commands (kiosk/enrol/commands.h).
  if (!args.empty() && args[0] == "enrol") return jiuzhu::kiosk::enrol_command({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "check") return jiuzhu::kiosk::check_command({args.begin() + 1, args.end()});
  auto opt = jiuzhu::kiosk::parse_options(args);
  if (!opt) {
    std::fprintf(stderr, "jiuzhu-kiosk: %s\n", opt.error().message.c_str());
    return 2;
  }
  if (opt->help) {
    std::fputs(jiuzhu::kiosk::usage_text(), stdout);
    return 0;
  }
  jiuzhu::kiosk::App app(std::move(opt).value());
  return app.run();
}
