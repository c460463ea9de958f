#include "kiosk/ui/press_hold.h"

namespace jiuzhu::kiosk {

PressOutcome press_outcome(const Press& p) {
  if (p.travelled) return p.released ? PressOutcome::ignore : PressOutcome::waiting;
  if (!p.read_aloud) return p.released ? PressOutcome::activate : PressOutcome::waiting;
  const bool long_press = p.held_ms >= kReadAloudMs;
  if (!p.released) return long_press && !p.already_spoken ? PressOutcome::speak_label : PressOutcome::waiting;
  if (p.already_spoken) return PressOutcome::ignore;
  // Lifted after the hold time without a frame having read it (a stalled frame): read it now
  // and still do not choose — the resident held the button to hear it.
  return long_press ? PressOutcome::speak_label : PressOutcome::activate;
}

namespace {
bool id_char(char c) { return (c >= '0' && c <= '9') || c == 'X' || c == 'x' || c == '*'; }
}  // namespace

std::string spoken_label(std::string_view label) {
  std::string in(label), out;
  constexpr std::string_view kTick = "✓ ";
  if (in.rfind(kTick, 0) == 0) {
    out = "已选，";
    in.erase(0, kTick.size());
  }
  for (size_t i = 0; i < in.size();) {
    if (in[i] == '\n') {
      out += "，";
      ++i;
      continue;
    }
    if (id_char(in[i])) {
      size_t j = i;
      while (j < in.size() && id_char(in[j])) ++j;
      std::string_view run(in.data() + i, j - i);
      // 15+ characters of digits/X/* is an ID number (15- or 18-digit, possibly already
      // masked): only its last four are said ("身份证号尾号123X"), never the whole number
      // (nor a row of stars). Shorter runs (amounts, counts, keys) are said as they are.
      if (run.size() >= 15) {
        std::string_view last4 = run.substr(run.size() - 4);
        out += last4.find('*') == std::string_view::npos ? "身份证号尾号" + std::string(last4) : std::string("身份证号");
      } else {
        out += run;
      }
      i = j;
      continue;
    }
    out += in[i++];
  }
  return out;
}

}  // namespace jiuzhu::kiosk
