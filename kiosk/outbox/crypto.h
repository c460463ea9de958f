// Sealing outbox files: AES-256-GCM (OpenSSL EVP) with a per-kiosk key.
//
// The key is 32 random bytes in DATA_DIR/outbox.key, created on first start with mode 0600
// (O_EXCL, fsync'd file and directory). This protects applications on a stolen disk only as
// well as the key file is protected: production kiosks keep the key in the TPM or the OS
// keyring and load it into memory at start (docs/kiosk.md); the file is the development and
// test stand-in with the same interface.
//
// Sealed format: "JZO1" | 12-byte random nonce | ciphertext | 16-byte tag. The item name is
// authenticated as associated data, so a file renamed onto another item fails to open.
//
// Thread-safety: pure functions; the key is an immutable value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace jiuzhu::kiosk {

using Bytes = std::vector<unsigned char>;

struct Key {
  Bytes bytes;  // 32
};

// Loads DIR/outbox.key, creating it (0600) if absent. Errors: key_unreadable, key_bad_size,
// key_create_failed.
Result<Key> load_or_create_key(const std::string& dir);

Bytes seal(const Key& key, std::string_view plaintext, std::string_view aad);
// Errors: sealed_truncated, sealed_bad_magic, sealed_auth_failed (tampered or wrong key).
Result<std::string> unseal(const Key& key, const Bytes& sealed, std::string_view aad);

// Lowercase hex SHA-256 of bytes.
std::string sha256_hex(const unsigned char* data, size_t n);
// A random UUID v4 ("3f2a...-4...-...").
std::string random_uuid();
// A UUID v7 (RFC 9562): the 48-bit Unix time in milliseconds `unix_ms` first, then version 7,
// the variant and 74 random bits. An application's client_id is one: the backend's unique index
// on client_id then grows at its end instead of rewriting a random page of it for every
// submission (docs/operations.md, Benchmark). The last 12 hex digits are random.
std::string time_ordered_uuid(uint64_t unix_ms);

}  // namespace jiuzhu::kiosk
