// Staff password hashing: PBKDF2-HMAC-SHA256 with a random 16-byte salt and many iterations
// (OpenSSL), stored as "pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX" so the cost can rise later
// without invalidating old hashes. Verification recomputes with the stored parameters and
// compares in constant time.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace jiuzhu::backend {

inline constexpr int kDefaultPasswordIterations = 210000;  // OWASP 2023 guidance for PBKDF2-SHA256

std::string hash_password(std::string_view password, int iterations = kDefaultPasswordIterations);
// False for a wrong password and for a malformed stored hash.
bool verify_password(std::string_view password, std::string_view stored);

}  // namespace jiuzhu::backend
