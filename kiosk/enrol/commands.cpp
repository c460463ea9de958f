#include "kiosk/enrol/commands.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "kiosk/app/options.h"
#include "kiosk/enrol/enrol.h"

namespace jiuzhu::kiosk {
namespace {

constexpr const char* kEnrolUsage =
    "usage: jiuzhu-kiosk enrol --backend URL --code CODE [--data-dir DIR] [--token-file FILE] [--ca-file "
    "FILE]\n"
    "Exchanges a one-time enrolment code (jiuzhu-server kiosk enrol-code) for this kiosk's token and\n"
    "stores it in DATA_DIR/kiosk.token (or FILE), readable by its owner only.\n";

std::string trimmed_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

int enrol_command(const std::vector<std::string>& args) {
  std::map<std::string, std::string> o = {{"--data-dir", "kiosk-data"}};
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      std::fputs(kEnrolUsage, stdout);
      return 0;
    }
    if (a != "--backend" && a != "--code" && a != "--data-dir" && a != "--token-file" && a != "--ca-file") {
      std::fprintf(stderr, "jiuzhu-kiosk enrol: unknown option %s (try --help)\n", a.c_str());
      return 2;
    }
    if (i + 1 >= args.size()) {
      std::fprintf(stderr, "jiuzhu-kiosk enrol: %s needs a value (try --help)\n", a.c_str());
      return 2;
    }
    o[a] = args[++i];
  }
  if (!o.count("--backend") || !o.count("--code")) {
    std::fputs("jiuzhu-kiosk enrol: --backend URL and --code CODE are required (try --help)\n", stderr);
    return 2;
  }
  auto backend = parse_backend_url(o["--backend"], o.count("--ca-file") ? o["--ca-file"] : "");
  if (!backend) {
    std::fprintf(stderr, "jiuzhu-kiosk enrol: %s\n", backend.error().message.c_str());
    return 2;
  }
  auto reply = exchange_enrolment_code(*backend, o["--code"]);
  if (!reply) {
    std::fprintf(stderr, "jiuzhu-kiosk enrol: %s\n", reply.error().message.c_str());
    return 1;
  }
  const std::string path = o.count("--token-file") ? o["--token-file"] : o["--data-dir"] + "/kiosk.token";
  if (auto st = store_token(path, reply->token); !st) {
    std::fprintf(stderr, "jiuzhu-kiosk enrol: %s\n", st.error().message.c_str());
    return 1;
  }
  std::printf("enrolled as kiosk %s of township %s; token stored in %s\n", reply->kiosk_id.c_str(),
              reply->township.c_str(), path.c_str());
  return 0;
}

int check_command(const std::vector<std::string>& args) {
  auto opt = parse_options(args);
  if (!opt) {
    std::fprintf(stderr, "jiuzhu-kiosk check: %s\n", opt.error().message.c_str());
    return 2;
  }
  auto backend = parse_backend_url(opt->backend, opt->ca_file);
  if (!backend) {
    std::fprintf(stderr, "jiuzhu-kiosk check: %s\n", backend.error().message.c_str());
    return 2;
  }
  backend.value().token =
      trimmed_file(opt->token_file.empty() ? opt->data_dir + "/kiosk.token" : opt->token_file);
  const Standing s = check_standing(*backend);
  if (s.kind == StandingKind::refused) {
    std::fprintf(
        stderr,
        "jiuzhu-kiosk check: %s; no resident session is started. 此终端已停用或未登记，请联系县民政局。\n",
        s.detail.c_str());
    return 3;
  }
  if (s.clock_known && !clock_acceptable(s.clock_skew)) {
    std::fprintf(
        stderr,
        "jiuzhu-kiosk check: this kiosk's clock is %lld s off the server's (more than %lld s): receipts "
        "would carry a wrong time; fix the time (timedatectl, NTP). 终端时钟不准，请工作人员校准时间。\n",
        static_cast<long long>(s.clock_skew), static_cast<long long>(kMaxClockSkewSeconds));
    return 4;
  }
  if (s.kind == StandingKind::unreachable) {
    std::fprintf(stderr, "jiuzhu-kiosk check: %s; starting offline (applications wait in the outbox)\n",
                 s.detail.c_str());
    return 0;
  }
  std::printf("kiosk active; clock %s\n",
              s.clock_known ? ("within " + std::to_string(s.clock_skew) + " s of the server's").c_str()
                            : "not checked");
  return 0;
}

}  // namespace jiuzhu::kiosk
