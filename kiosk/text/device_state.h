// A device's state code in words for the hall staff's device screen and self-test.
//
// The devices report stable codes for logs and tests ("ok", "ready", "out_of_paper",
// "reader_open", "no_audio_device", "http_503", ...; kiosk/devices/*, printing/print_queue.h,
// peripherals/idcard/reader_status.h). The staff who read the screen are hall workers, not
// programmers: each known code is a short Chinese phrase (assets/strings: "staff.state.<code>"),
// and a code without one is still shown as words that say which part is at fault, with the code
// in brackets so that it can be read out to the county's IT staff.
//
// Thread-safety: pure function over an immutable Strings.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/text/strings.h"

namespace jiuzhu::kiosk {

std::string device_state_words(const Strings& strings, std::string_view code);

}  // namespace jiuzhu::kiosk
