// jiuzhu-kiosk: the touchscreen app for township service halls (contracts/cli.md).
#include <cstdio>
#include <string>
#include <vector>

#include "kiosk/app/app.h"
#include "kiosk/app/options.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
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
