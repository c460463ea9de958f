// KioskEnrolment: how a kiosk gets its bearer token without anyone copying a secret
// (docs/operations.md, Kiosk enrolment), and how a county switches a kiosk off.
//
// A county administrator issues a one-time enrolment code for a kiosk id and township
// (`jiuzhu-server kiosk enrol-code`). The code is short enough to type on the kiosk host
// (16 Crockford base32 characters, 80 random bits, shown as XXXX-XXXX-XXXX-XXXX), valid for a
// limited time, and stored only as a hash. The kiosk exchanges it once
// (POST /api/v1/kiosks/enrol) for a fresh kiosk token, whose hash replaces the kiosk's previous
// one: re-enrolling a replaced machine cuts off the old one. A disabled kiosk is refused both
// when it authenticates (the kiosk token lookup requires active = 1) and when it tries to
// enrol again; only `jiuzhu-server kiosk enable` brings it back. Every issue, exchange, disable
// and enable appends an audit entry.
//
// Thread-safety: the store keeps no state; its methods may run concurrently (each is one
// write transaction; a code can be redeemed once even by two racing requests).
#pragma once

#include <cstdint>
#include <string>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

struct IssuedCode {
  std::string code;        // XXXX-XXXX-XXXX-XXXX
  std::string expires_at;  // RFC 3339
};

struct Enrolled {
  std::string kiosk_id, township, token;
};

// The code with dashes and spaces removed, upper-cased, O read as 0 and I/L as 1; empty when
// it is not 16 Crockford base32 characters then.
std::string normalize_enrolment_code(const std::string& code);

class EnrolmentStore {
 public:
  explicit EnrolmentStore(Database& db) : db_(db) {}

  // A code for `kiosk_id` in `township`, valid `valid_seconds` from `now_unix`. Registers the
  // kiosk (without a usable token) when it is new. Errors: kiosk_disabled, township_mismatch
  // (the id is registered to another township), db_error.
  Result<IssuedCode> issue(const std::string& kiosk_id, const std::string& township, int64_t now_unix,
                           int64_t valid_seconds, const std::string& actor);

  // Redeems `code` once for a new kiosk token. Errors: invalid_enrolment_code (malformed,
  // unknown, used or expired — one code, so a guesser learns nothing), kiosk_disabled.
  Result<Enrolled> redeem(const std::string& code, int64_t now_unix);

  // Switches a kiosk off or on. Errors: not_found.
  Status set_active(const std::string& kiosk_id, bool active, const std::string& actor);

 private:
  Database& db_;
};

}  // namespace jiuzhu::backend
