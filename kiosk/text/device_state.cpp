#include "kiosk/text/device_state.h"

namespace jiuzhu::kiosk {

std::string device_state_words(const Strings& strings, std::string_view code) {
  const std::string own = "staff.state." + std::string(code);
  if (!code.empty() && strings.has(own)) return strings.get(own);
  const std::string c(code);
  if (code.starts_with("http_")) return strings.format("staff.state.http_other", {c.substr(5)});
  if (code.starts_with("card_") || code.starts_with("unsupported_card"))
    return strings.format("staff.state.card_other", {c});
  if (code.starts_with("reader_") || code.starts_with("frame_") || code == "malformed_reply")
    return strings.format("staff.state.reader_other", {c});
  if (code.starts_with("cups_") || code.starts_with("printer_")) return strings.format("staff.state.printer_other", {c});
  return strings.format("staff.state.other", {code.empty() ? std::string("?") : c});
}

}  // namespace jiuzhu::kiosk
