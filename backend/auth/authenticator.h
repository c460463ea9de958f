// Authenticator: turns an `Authorization: Bearer …` header into a Principal, and logs staff in.
//
// Tokens are random (32 bytes, hex) with a prefix naming their kind (jzk_ kiosk, jzs_ staff);
// the database keeps only their SHA-256, so a copy of the database does not hand out working
// tokens. A slow hash is not needed for 256-bit random secrets; passwords get one (auth/password.h).
// Resolved tokens are cached — kiosk tokens for 30 s, so that a kiosk's stream of submissions
// costs neither a database read nor a hash each; staff tokens for 5 s — keyed by the token itself
// (it lives only in this process's memory, like the request that carried it), at most 10,000.
// A logout or a disabled account takes effect at once in this process: the next request with the
// token is refused, even when a request in flight read the session just before it ended (an
// epoch counter keeps such a request from caching it). Another server process on the same
// database refuses the token within 5 s (its cache's life for staff tokens); a disabled kiosk
// within 30 s.
// Failed logins are throttled per login and per client address (token buckets): after the
// burst is spent the caller gets 429 until the bucket refills.
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "backend/auth/principal.h"
#include "backend/store/account_store.h"
#include "backend/store/kiosk_store.h"
#include "backend/util/rate_limiter.h"

namespace jiuzhu::backend {

struct LoginResult {
  std::string token, expires_at;
  model::Role role = model::Role::none;
};

struct AuthOptions {
  int token_ttl_minutes = 480;       // a working day
  double login_failures_burst = 5;   // failures allowed before throttling
  double login_failures_per_minute = 1;
};

class Authenticator {
 public:
  // Staff accounts and sessions come from `accounts`, kiosk tokens from `kiosks`; both must
  // outlive the Authenticator.
  Authenticator(AccountStore& accounts, KioskStore& kiosks, AuthOptions options);

  // No header → Principal{none}. A header with an unknown, expired or malformed token →
  // error bad_token (401). Database trouble → db_error.
  Result<Principal> authenticate(const std::string& authorization_header);

  // Errors: login_throttled (429), bad_credentials (401), db_error.
  Result<LoginResult> login(const std::string& login, const std::string& password, const std::string& client_address);
  // county: forgets every cached principal, so that an account just disabled or given a new
  // password (store/staff_store.h deletes its sessions) is refused from the next request on.
  void forget_cached();

  // console: ends the staff session of `authorization_header` ("Bearer jzs_…") at once: the
  // stored session is deleted and the cached principal dropped, so the very next request with it
  // is bad_token. An unknown or already ended session is no error (logging out twice is fine).
  // Errors: bad_token for a header that is not a staff bearer token; db_error.
  Status logout(const std::string& authorization_header);

  // New kiosk token for `kiosk_id` (stored as a hash). Errors as KioskStore::add_kiosk.
  static Result<std::string> register_kiosk(KioskStore& kiosks, const std::string& kiosk_id, const std::string& township);

 private:
  struct Cached {
    Principal principal;
    std::chrono::steady_clock::time_point until;
  };
  AccountStore& accounts_;
  KioskStore& kiosks_;
  AuthOptions options_;
  RateLimiter by_login_, by_address_;
  std::mutex mu_;
  std::unordered_map<std::string, Cached> cache_;
  uint64_t epoch_ = 0;  // advanced by every logout and forget_cached(), under mu_
};

Principal principal_of(const UserRecord& user);

}  // namespace jiuzhu::backend
