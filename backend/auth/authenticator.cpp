#include "backend/auth/authenticator.h"

#include <Poco/Logger.h>

#include "backend/auth/password.h"
#include "backend/util/clock.h"
#include "backend/util/crypto.h"

namespace jiuzhu::backend {
namespace {

// Long enough that a kiosk's stream of submissions costs one lookup, short enough that a token
// removed from the database stops working soon; the bound keeps a flood of distinct valid tokens
// from growing memory (the whole cache is dropped, which only costs lookups). Staff tokens are
// kept briefly: a logout or a disabled account in another server process on the same database
// takes effect here within kStaffCacheFor (in this process it is at once: see epoch_).
constexpr auto kCacheFor = std::chrono::seconds(30);
constexpr auto kStaffCacheFor = std::chrono::seconds(5);
constexpr size_t kCacheMax = 10000;

}  // namespace

Principal principal_of(const UserRecord& u) {
  Principal p;
  p.role = u.role;
  p.id = u.login;
  p.township = u.township;
  p.county = u.county.empty() && u.township.size() >= 6 ? u.township.substr(0, 6) : u.county;
  p.department = u.department;
  return p;
}

Authenticator::Authenticator(AccountStore& accounts, KioskStore& kiosks, AuthOptions options)
    : accounts_(accounts),
      kiosks_(kiosks),
      options_(options),
      by_login_(options.login_failures_per_minute, options.login_failures_burst),
      by_address_(options.login_failures_per_minute * 4, options.login_failures_burst * 4) {}

Result<Principal> Authenticator::authenticate(const std::string& header) {
  if (header.empty()) return Principal{};
  const std::string prefix = "Bearer ";
  if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) {
    return make_error("bad_token", "Authorization must be 'Bearer TOKEN'");
  }
  const std::string token = header.substr(prefix.size());
  const bool kiosk = token.rfind("jzk_", 0) == 0, staff = token.rfind("jzs_", 0) == 0;
  if ((!kiosk && !staff) || token.size() != 68) return make_error("bad_token", "unknown or expired token");
  const auto now = std::chrono::steady_clock::now();
  uint64_t epoch = 0;
  {
    std::lock_guard lock(mu_);
    auto it = cache_.find(token);
    if (it != cache_.end() && it->second.until > now) return it->second.principal;
    if (cache_.size() > kCacheMax) cache_.clear();
    epoch = epoch_;
  }
  const std::string hash = sha256_hex(token);
  Principal p;
  if (kiosk) {
    auto k = kiosks_.kiosk_by_token(hash);
    if (!k) return k.error();
    if (!*k) return make_error("bad_token", "unknown or expired token");
    p.role = model::Role::kiosk;
    p.id = (*k)->kiosk_id;
    p.township = (*k)->township;
    p.county = p.township.substr(0, 6);
  } else {
    auto u = accounts_.session_user(hash, unix_now());
    if (!u) return u.error();
    if (!*u) return make_error("bad_token", "unknown or expired token");
    p = principal_of(**u);
  }
  std::lock_guard lock(mu_);
  // A logout or a disabled account since the lookup began may have removed what was just read:
  // this request is answered with it (it was in flight), but it is not cached for the next one.
  if (epoch == epoch_) cache_[token] = Cached{p, now + (staff ? kStaffCacheFor : kCacheFor)};
  return p;
}

void Authenticator::forget_cached() {
  std::lock_guard lock(mu_);
  ++epoch_;
  cache_.clear();
}

Result<LoginResult> Authenticator::login(const std::string& login, const std::string& password,
                                         const std::string& address) {
  // Throttle before the slow hash, so a flood of guesses cannot burn the CPU either.
  if (by_login_.retry_after_seconds("l:" + login) > 0 || by_address_.retry_after_seconds("a:" + address) > 0) {
    return make_error("login_throttled", "too many failed logins; try again later");
  }
  auto u = accounts_.user(login);
  if (!u) return u.error();
  // Verify against a dummy hash for unknown logins so timing does not reveal which exist.
  static const std::string dummy = hash_password("dummy-password");
  const bool good = verify_password(password, *u ? (*u)->password_hash : dummy) && u->has_value();
  if (!good) {
    (void)by_login_.take("l:" + login);
    (void)by_address_.take("a:" + address);
    Poco::Logger::get("auth").warning("event=login_failed");
    return make_error("bad_credentials", "wrong login or password");
  }
  by_login_.reset("l:" + login);
  const std::string token = "jzs_" + random_hex(32);
  const int64_t expires = unix_now() + int64_t{options_.token_ttl_minutes} * 60;
  if (auto st = accounts_.add_session(sha256_hex(token), login, expires); !st) return st.error();
  LoginResult r;
  r.token = token;
  r.expires_at = rfc3339_from_unix(expires);
  r.role = principal_of(**u).role;
  return r;
}

Status Authenticator::logout(const std::string& header) {
  const std::string prefix = "Bearer ";
  if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) {
    return make_error("bad_token", "Authorization must be 'Bearer TOKEN'");
  }
  const std::string token = header.substr(prefix.size());
  if (token.rfind("jzs_", 0) != 0 || token.size() != 68) return make_error("bad_token", "not a staff session token");
  {
    std::lock_guard lock(mu_);
    ++epoch_;
    cache_.erase(token);
  }
  auto st = accounts_.revoke_session(sha256_hex(token));
  // A request racing this one may have read the session before the row was gone: the epoch keeps
  // it from caching what it read, and anything cached meanwhile goes.
  std::lock_guard lock(mu_);
  ++epoch_;
  cache_.erase(token);
  return st;
}

Result<std::string> Authenticator::register_kiosk(KioskStore& kiosks, const std::string& kiosk_id,
                                                  const std::string& township) {
  const std::string token = "jzk_" + random_hex(32);
  KioskRecord k{kiosk_id, township, now_rfc3339()};
  if (auto st = kiosks.add_kiosk(k, sha256_hex(token)); !st) return st.error();
  return token;
}

}  // namespace jiuzhu::backend
