#include "backend/auth/password.h"

#include <openssl/evp.h>

#include <charconv>
#include <vector>

#include "backend/util/crypto.h"

namespace jiuzhu::backend {
namespace {

std::string derive_hex(std::string_view password, const std::string& salt_hex, int iterations) {
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt_hex.data()), static_cast<int>(salt_hex.size()),
                    iterations, EVP_sha256(), sizeof out, out);
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (unsigned char c : out) {
    hex += digits[c >> 4];
    hex += digits[c & 15];
  }
  return hex;
}

}  // namespace

std::string hash_password(std::string_view password, int iterations) {
  const std::string salt = random_hex(16);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + salt + "$" + derive_hex(password, salt, iterations);
}

bool verify_password(std::string_view password, std::string_view stored) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= stored.size(); ++i) {
    if (i == stored.size() || stored[i] == '$') {
      parts.push_back(stored.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
  int iterations = 0;
  auto [p, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
  if (ec != std::errc() || p != parts[1].data() + parts[1].size() || iterations < 1 || iterations > 10'000'000) return false;
  return constant_time_equal(derive_hex(password, std::string(parts[2]), iterations), parts[3]);
}

}  // namespace jiuzhu::backend
