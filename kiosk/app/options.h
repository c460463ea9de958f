// Command-line options of jiuzhu-kiosk (contracts/cli.md, plus settings documented in
// docs/kiosk.md). Every setting has a default that works on a developer's machine.
//
// Thread-safety: plain values; parse_options is pure.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace jiuzhu::kiosk {

struct Options {
  std::string backend = "http://127.0.0.1:8080";
  std::string token_file;            // default DATA_DIR/kiosk.token
  bool simulated_devices = true;     // --devices sim|real
  bool fullscreen = false;
  bool elderly = false;
  bool quiet = false;                // --quiet: no spoken prompts (staff); 重听 still speaks
  std::string script;
  std::string screenshot_dir = ".";
  std::string data_dir = "kiosk-data";
  // Beyond cli.md (docs/kiosk.md):
  double idle_seconds = 60;          // --idle-seconds: no touch → countdown
  double countdown_seconds = 30;     // --countdown-seconds: countdown → wipe
  double submit_wait_seconds = 8;    // --submit-wait: wait for the backend's number before an offline receipt
  double backoff_min = 1, backoff_max = 60;  // --backoff MIN,MAX (seconds)
  std::string township = "450326101";        // --township: 9-digit code of this hall
  std::string hall_name = "永福县罗锦镇人民政府社会救助服务窗口";  // --hall-name
  std::string hall_address = "广西壮族自治区桂林市永福县罗锦镇";    // --hall-address
  std::string hall_phone = "0773-8512345";                         // --hall-phone
  std::string stats_file;            // --stats FILE: startup/frame-time/RSS JSON at exit
  std::string reader_device = "/dev/ttyUSB0";  // --reader-device (real devices)
  std::string printer;               // --printer: CUPS queue (real devices; default queue)
  std::string ca_file;               // --ca-file: PEM CA certificates an https:// backend must chain to
  bool help = false;
};

// Parses argv (without argv[0]). Errors: usage (message names the flag).
Result<Options> parse_options(const std::vector<std::string>& args);
const char* usage_text();

}  // namespace jiuzhu::kiosk
