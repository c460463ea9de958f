// Small cryptographic helpers (OpenSSL underneath): SHA-256, secure random tokens, constant-time
// comparison. Used for content addresses, token hashes and the audit chain.
//
// Thread-safety: pure functions; OpenSSL's RNG is thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace jiuzhu::backend {

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);
// `bytes` cryptographically random bytes as lowercase hex (2 × bytes characters).
std::string random_hex(size_t bytes);
// Equal strings, in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);
// True for 64 lowercase hex characters.
bool is_sha256_hex(std::string_view s);

}  // namespace jiuzhu::backend
