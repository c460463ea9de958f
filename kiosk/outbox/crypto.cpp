#include "kiosk/outbox/crypto.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <memory>

#include "kiosk/outbox/fsutil.h"

namespace jiuzhu::kiosk {
namespace {
constexpr char kMagic[4] = {'J', 'Z', 'O', '1'};
constexpr size_t kNonce = 12, kTag = 16, kKey = 32;
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;
}  // namespace

Result<Key> load_or_create_key(const std::string& dir) {
  std::string path = dir + "/outbox.key";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    Key k;
    k.bytes.resize(kKey + 1);
    ssize_t n = ::read(fd, k.bytes.data(), k.bytes.size());
    ::close(fd);
    if (n != static_cast<ssize_t>(kKey)) return make_error("key_bad_size", "outbox key must be 32 bytes", path);
    k.bytes.resize(kKey);
    return k;
  }
  if (errno != ENOENT) return make_error("key_unreadable", "cannot read the outbox key", path);
  Key k;
  k.bytes.resize(kKey);
  if (RAND_bytes(k.bytes.data(), static_cast<int>(kKey)) != 1)
    return make_error("key_create_failed", "no randomness for the outbox key");
  // O_EXCL: two kiosk processes starting at once must not overwrite each other's key.
  fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return load_or_create_key(dir);
    return make_error("key_create_failed", "cannot create the outbox key", path);
  }
  bool ok = ::write(fd, k.bytes.data(), kKey) == static_cast<ssize_t>(kKey) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || !fsync_dir(dir)) return make_error("key_create_failed", "cannot write the outbox key", path);
  return k;
}

Bytes seal(const Key& key, std::string_view pt, std::string_view aad) {
  Bytes out(sizeof kMagic + kNonce + pt.size() + kTag);
  std::copy(kMagic, kMagic + 4, out.begin());
  unsigned char* nonce = out.data() + 4;
  RAND_bytes(nonce, kNonce);
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr);
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonce, nullptr);
  EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes.data(), nonce);
  EVP_EncryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                    static_cast<int>(aad.size()));
  unsigned char* ct = nonce + kNonce;
  EVP_EncryptUpdate(ctx.get(), ct, &len, reinterpret_cast<const unsigned char*>(pt.data()),
                    static_cast<int>(pt.size()));
  int fin = 0;
  EVP_EncryptFinal_ex(ctx.get(), ct + len, &fin);
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, ct + pt.size());
  return out;
}

Result<std::string> unseal(const Key& key, const Bytes& in, std::string_view aad) {
  if (in.size() < 4 + kNonce + kTag) return make_error("sealed_truncated", "sealed file too short");
  if (!std::equal(kMagic, kMagic + 4, in.begin())) return make_error("sealed_bad_magic", "not a sealed outbox file");
  const unsigned char* nonce = in.data() + 4;
  const unsigned char* ct = nonce + kNonce;
  size_t ct_len = in.size() - 4 - kNonce - kTag;
  std::string pt(ct_len, '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int len = 0;
  EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr);
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonce, nullptr);
  EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.bytes.data(), nonce);
  EVP_DecryptUpdate(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(aad.data()),
                    static_cast<int>(aad.size()));
  EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(pt.data()), &len, ct,
                    static_cast<int>(ct_len));
  EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag,
                      const_cast<unsigned char*>(ct + ct_len));
  int fin = 0;
  if (EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(pt.data()) + len, &fin) != 1)
    return make_error("sealed_auth_failed", "sealed file fails authentication");
  return pt;
}

std::string sha256_hex(const unsigned char* data, size_t n) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(data, n, md);
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned char c : md) {
    s += hex[c >> 4];
    s += hex[c & 15];
  }
  return s;
}

namespace {

// 16 random bytes with the given version nibble and the RFC 9562 variant, after `prefix` has
// overwritten the leading bytes; formatted 8-4-4-4-12.
std::string uuid_with(int version, const unsigned char* prefix, size_t prefix_len) {
  unsigned char b[16];
  RAND_bytes(b, sizeof b);
  for (size_t i = 0; i < prefix_len && i < 6; ++i) b[i] = prefix[i];
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | (version << 4));
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);
  char out[37];
  std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                b[14], b[15]);
  return out;
}

}  // namespace

std::string time_ordered_uuid(uint64_t unix_ms) {
  unsigned char ms[6];
  for (int i = 0; i < 6; ++i) ms[i] = static_cast<unsigned char>(unix_ms >> (8 * (5 - i)));
  return uuid_with(7, ms, sizeof ms);
}

std::string random_uuid() { return uuid_with(4, nullptr, 0); }

}  // namespace jiuzhu::kiosk
