// Reader status words (SW3) mapped to errors a kiosk can act on.
//
// Each status becomes an Error with a stable snake_case code (for logs, counters and tests)
// and a short plain-Chinese message that can be shown to a resident as it is, for example
// "请把身份证放在读卡区" for 0x80 (no card found). Unknown statuses are reported by value.
// The transport-level errors of the driver (timeouts, broken frames) use the codes listed here
// too, so callers have one list to switch on.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/result.h"

namespace jiuzhu::idcard {

inline constexpr std::uint8_t kSwSuccess = 0x90;
inline constexpr std::uint8_t kSwCardFound = 0x9F;
inline constexpr std::uint8_t kSwNoCard = 0x80;
inline constexpr std::uint8_t kSwSelectFailed = 0x81;
inline constexpr std::uint8_t kSwReadFailed = 0x41;

// Codes of the errors produced by the driver itself (not by a reader status).
namespace codes {
inline constexpr std::string_view no_card = "no_card";                // SW3 0x80, or timeout waiting
inline constexpr std::string_view reader_timeout = "reader_timeout";  // no complete reply in time
inline constexpr std::string_view reader_io = "reader_io";            // the line failed
inline constexpr std::string_view reader_open = "reader_open";        // cannot open the device
inline constexpr std::string_view frame_checksum = "frame_checksum";
inline constexpr std::string_view frame_length = "frame_length";
inline constexpr std::string_view malformed_reply = "malformed_reply";
}  // namespace codes

// The error for a status that is not a success. Do not call with 0x90 or 0x9F.
Error status_error(std::uint8_t sw3);

// True for the errors worth retrying at once (a broken frame or a lost reply), as opposed to
// a definite answer from the reader.
bool is_transient(const Error& e);

}  // namespace jiuzhu::idcard
