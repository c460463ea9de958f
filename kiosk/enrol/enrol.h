// Kiosk enrolment and standing (docs/operations.md, Kiosk enrolment): the kiosk side of
// POST /api/v1/kiosks/enrol and GET /api/v1/kiosks/self, and the clock check against the
// server's Date header. `jiuzhu-kiosk enrol` and `jiuzhu-kiosk check` are thin commands over it.
//
// Thread-safety: free functions; each request uses its own session.
#pragma once

#include <cstdint>
#include <string>

#include "core/result.h"
#include "kiosk/outbox/http.h"

namespace jiuzhu::kiosk {

struct EnrolReply {
  std::string kiosk_id, township, token;
};

// Exchanges a one-time code for the kiosk's token. Errors: invalid_enrolment_code (401),
// kiosk_disabled (403), network_error, backend_error (any other answer).
Result<EnrolReply> exchange_enrolment_code(const BackendConfig& backend, const std::string& code);

// Writes the token to `path` readable by its owner only (0600): a temp file in the same
// directory, fsync, rename, fsync of the directory. Errors: io_error.
Status store_token(const std::string& path, const std::string& token);

// Receipts carry the time of acceptance; a kiosk whose clock is further off the server's than
// this does not stamp them (issue #19).
inline constexpr int64_t kMaxClockSkewSeconds = 300;

// The kiosk clock minus the server clock, from the server's Date header (RFC 7231) read at
// local time `local_received` after a request sent at `local_sent` (both Unix seconds): the
// server's time is taken as the middle of the round trip. Errors: bad_date.
Result<int64_t> clock_skew_seconds(const std::string& date_header, int64_t local_sent,
                                   int64_t local_received);
bool clock_acceptable(int64_t skew_seconds);

enum class StandingKind { active, refused, unreachable };

struct Standing {
  StandingKind kind = StandingKind::unreachable;
  bool clock_known = false;
  int64_t clock_skew = 0;  // seconds, kiosk minus server
  std::string detail;      // for the log and staff: no personal data
};

// GET /api/v1/kiosks/self with the kiosk token: active (200), refused (401/403: unknown token or
// disabled kiosk), or unreachable (network error, other answers). Reads the clock from any
// answer that carries a Date header.
Standing check_standing(const BackendConfig& backend);

}  // namespace jiuzhu::kiosk
