#include "kiosk/app/options.h"

namespace jiuzhu::kiosk {

const char* usage_text() {
  return "usage: jiuzhu-kiosk [--backend URL] [--token-file FILE] [--devices sim|real] [--fullscreen]\n"
         "                    [--elderly] [--script FILE] [--screenshot-dir DIR] [--data-dir DIR]\n"
         "                    [--idle-seconds S] [--countdown-seconds S] [--submit-wait S] [--backoff MIN,MAX]\n"
         "                    [--township CODE] [--hall-name NAME] [--hall-address ADDR] [--hall-phone PHONE]\n"
         "                    [--reader-device PATH] [--printer QUEUE] [--stats FILE] [--ca-file FILE]\n"
         "The touchscreen kiosk. See docs/kiosk.md for the screens and the --script step language.\n";
}

Result<Options> parse_options(const std::vector<std::string>& a) {
  Options o;
  auto bad = [](const std::string& m) { return make_error("usage", m); };
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& f = a[i];
    auto value = [&](std::string& out) -> bool {
      if (i + 1 >= a.size()) return false;
      out = a[++i];
      return true;
    };
    auto number = [&](double& out) -> bool {
      std::string v;
      if (!value(v)) return false;
      try {
        size_t used = 0;
        out = std::stod(v, &used);
        return used == v.size() && out >= 0;
      } catch (...) {
        return false;
      }
    };
    if (f == "--help" || f == "-h") {
      o.help = true;
    } else if (f == "--fullscreen") {
      o.fullscreen = true;
    } else if (f == "--elderly") {
      o.elderly = true;
    } else if (f == "--quiet") {
      o.quiet = true;
    } else if (f == "--devices") {
      std::string v;
      if (!value(v) || (v != "sim" && v != "real")) return bad("--devices takes sim or real");
      o.simulated_devices = v == "sim";
    } else if (f == "--backend") {
      if (!value(o.backend)) return bad("--backend needs a URL");
    } else if (f == "--token-file") {
      if (!value(o.token_file)) return bad("--token-file needs a file");
    } else if (f == "--script") {
      if (!value(o.script)) return bad("--script needs a file");
    } else if (f == "--screenshot-dir") {
      if (!value(o.screenshot_dir)) return bad("--screenshot-dir needs a directory");
    } else if (f == "--data-dir") {
      if (!value(o.data_dir)) return bad("--data-dir needs a directory");
    } else if (f == "--idle-seconds") {
      if (!number(o.idle_seconds) || o.idle_seconds < 1) return bad("--idle-seconds needs a number ≥ 1");
    } else if (f == "--countdown-seconds") {
      if (!number(o.countdown_seconds) || o.countdown_seconds < 1) return bad("--countdown-seconds needs a number ≥ 1");
    } else if (f == "--submit-wait") {
      if (!number(o.submit_wait_seconds)) return bad("--submit-wait needs seconds");
    } else if (f == "--backoff") {
      std::string v;
      if (!value(v)) return bad("--backoff needs MIN,MAX");
      auto c = v.find(',');
      try {
        o.backoff_min = std::stod(v.substr(0, c));
        o.backoff_max = c == std::string::npos ? o.backoff_min : std::stod(v.substr(c + 1));
      } catch (...) {
        return bad("--backoff needs MIN,MAX");
      }
      if (o.backoff_min <= 0 || o.backoff_max < o.backoff_min) return bad("--backoff needs 0 < MIN <= MAX");
    } else if (f == "--township") {
      if (!value(o.township) || o.township.size() != 9) return bad("--township needs a 9-digit code");
    } else if (f == "--hall-name") {
      if (!value(o.hall_name)) return bad("--hall-name needs a name");
    } else if (f == "--hall-address") {
      if (!value(o.hall_address)) return bad("--hall-address needs an address");
    } else if (f == "--hall-phone") {
      if (!value(o.hall_phone)) return bad("--hall-phone needs a number");
    } else if (f == "--stats") {
      if (!value(o.stats_file)) return bad("--stats needs a file");
    } else if (f == "--reader-device") {
      if (!value(o.reader_device)) return bad("--reader-device needs a path");
    } else if (f == "--ca-file") {
      if (!value(o.ca_file)) return bad("--ca-file needs a file");
    } else if (f == "--printer") {
      if (!value(o.printer)) return bad("--printer needs a queue name");
    } else {
      return bad("unknown flag " + f);
    }
  }
  if (o.token_file.empty()) o.token_file = o.data_dir + "/kiosk.token";
  return o;
}

}  // namespace jiuzhu::kiosk
