#include "backend/store/enrolment_store.h"

#include <ctime>
#include <string_view>

#include "backend/store/sql_query.h"
#include "backend/store/sql_support.h"
#include "backend/util/clock.h"
#include "backend/util/crypto.h"

namespace jiuzhu::backend {
namespace {

using sql::exec;
using sql::query;
using sql::Rows;

constexpr const char* kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";  // Crockford base32
constexpr size_t kCodeLength = 16;

std::string code_hash(const std::string& normalized) { return sha256_hex("jiuzhu-enrolment:" + normalized); }

std::string new_code() {
  const std::string hex = random_hex(kCodeLength);  // one random byte per character
  std::string out;
  for (size_t i = 0; i < kCodeLength; ++i) {
    const int byte = std::stoi(hex.substr(i * 2, 2), nullptr, 16);
    out += kAlphabet[byte % 32];  // 256 is a multiple of 32: uniform
  }
  return out;
}

std::string grouped(const std::string& code) {
  return code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8, 4) + "-" + code.substr(12, 4);
}

std::string rfc3339_of(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::string normalize_enrolment_code(const std::string& code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (std::string_view(kAlphabet).find(c) == std::string_view::npos) return {};
    out += c;
  }
  return out.size() == kCodeLength ? out : std::string();
}

Result<IssuedCode> EnrolmentStore::issue(const std::string& kiosk_id, const std::string& township,
                                         int64_t now_unix, int64_t valid_seconds, const std::string& actor) {
  const std::string code = new_code();
  IssuedCode out{grouped(code), rfc3339_of(now_unix + valid_seconds)};
  auto st = db_.write([&](Tx& tx) -> Status {
    const Rows k = query(tx, "SELECT township, active FROM kiosks WHERE kiosk_id = ?", {kiosk_id});
    if (k.empty()) {
      // Registered without a usable token: the hash of random bytes nobody holds.
      exec(tx, "INSERT INTO kiosks (kiosk_id, township, token_hash, created_at) VALUES (?, ?, ?, ?)",
           {kiosk_id, township, sha256_hex("unenrolled:" + random_hex(32)), now_rfc3339()});
    } else if (k.str(0, 0) != township) {
      return make_error("township_mismatch",
                        "kiosk " + kiosk_id + " is registered to township " + k.str(0, 0), "township");
    } else if (k.i64(0, 1) != 1) {
      return make_error("kiosk_disabled", "kiosk " + kiosk_id + " is disabled; enable it first", "id");
    }
    exec(tx,
         "INSERT INTO kiosk_enrolments (code_hash, kiosk_id, township, created_at, expires_unix) VALUES (?, "
         "?, ?, ?, ?)",
         {code_hash(code), kiosk_id, township, now_rfc3339(), now_unix + valid_seconds});
    sql::append_audit_tx(tx, AuditEntry{actor, "admin", "enrol_code", "kiosk", kiosk_id, township,
                                        "expires=" + out.expires_at});
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

Result<Enrolled> EnrolmentStore::redeem(const std::string& code, int64_t now_unix) {
  const auto invalid =
      make_error("invalid_enrolment_code", "the enrolment code is wrong, used or expired", "code");
  const std::string normalized = normalize_enrolment_code(code);
  if (normalized.empty()) return invalid;
  Enrolled out;
  out.token = "jzk_" + random_hex(32);
  auto st = db_.write([&](Tx& tx) -> Status {
    const Rows e =
        query(tx,
              "SELECT e.kiosk_id, e.township, k.active FROM kiosk_enrolments e JOIN kiosks k ON k.kiosk_id = "
              "e.kiosk_id WHERE e.code_hash = ? AND e.used_at = '' AND e.expires_unix > ?",
              {code_hash(normalized), now_unix});
    if (e.empty()) return invalid;
    if (e.i64(0, 2) != 1)
      return make_error("kiosk_disabled", "this kiosk has been disabled by the county", "code");
    out.kiosk_id = e.str(0, 0);
    out.township = e.str(0, 1);
    // Used once: the UPDATE's condition makes a racing second redeem find nothing to change.
    exec(tx, "UPDATE kiosk_enrolments SET used_at = ? WHERE code_hash = ? AND used_at = ''",
         {now_rfc3339(), code_hash(normalized)});
    exec(tx, "UPDATE kiosks SET token_hash = ? WHERE kiosk_id = ?", {sha256_hex(out.token), out.kiosk_id});
    sql::append_audit_tx(
        tx, AuditEntry{"kiosk:" + out.kiosk_id, "kiosk", "enrol", "kiosk", out.kiosk_id, out.township, ""});
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

Status EnrolmentStore::set_active(const std::string& kiosk_id, bool active, const std::string& actor) {
  return db_.write([&](Tx& tx) -> Status {
    const Rows k = query(tx, "SELECT township FROM kiosks WHERE kiosk_id = ?", {kiosk_id});
    if (k.empty()) return make_error("not_found", "no kiosk " + kiosk_id, "id");
    exec(tx, "UPDATE kiosks SET active = ? WHERE kiosk_id = ?", {active ? 1 : 0, kiosk_id});
    sql::append_audit_tx(
        tx, AuditEntry{actor, "admin", active ? "enable" : "disable", "kiosk", kiosk_id, k.str(0, 0), ""});
    return Ok{};
  });
}

}  // namespace jiuzhu::backend
