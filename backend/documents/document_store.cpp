#include "backend/documents/document_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "backend/documents/document_file.h"
#include "backend/util/crypto.h"
#include "backend/util/storage_health.h"

namespace jiuzhu::backend {
namespace {

bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) {
      errno = ENOSPC;
      return false;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool fsync_dir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// The declared type must be the one the bytes say (document_file.h, one rule for store and reader).
bool magic_matches(const std::string& type, std::string_view b) { return document_media_type(b) == type; }

}  // namespace

std::string media_type(std::string_view ct) {
  const auto semi = ct.find(';');
  std::string t(ct.substr(0, semi));
  while (!t.empty() && t.back() == ' ') t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(t.begin());
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return t;
}

DocumentStore::DocumentStore(std::string root, StorageHealth* health) : root_(std::move(root)), health_(health) {
  std::error_code ec;
  std::filesystem::create_directories(root_, ec);
}

std::string DocumentStore::path_of(const std::string& h) const { return document_path(root_, h); }

bool DocumentStore::exists(const std::string& h) const {
  if (!is_sha256_hex(h)) return false;
  struct stat st {};
  return ::stat(path_of(h).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::vector<std::string> DocumentStore::missing(const std::vector<std::string>& hashes) const {
  std::vector<std::string> out;
  for (const auto& h : hashes) {
    if (!exists(h) && std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
  }
  return out;
}

Result<bool> DocumentStore::put(const std::string& h, const std::string& content_type, std::string_view bytes) {
  if (!is_sha256_hex(h)) return make_error("bad_hash", "the path must end in 64 lowercase hex digits", "sha256");
  const std::string type = media_type(content_type);
  if (type != "image/jpeg" && type != "image/png" && type != "application/pdf") {
    return make_error("unsupported_media_type", "documents must be image/jpeg, image/png or application/pdf", "Content-Type");
  }
  if (bytes.size() > kMaxDocumentBytes) return make_error("body_too_large", "documents are at most 10 MiB");
  if (bytes.empty()) return make_error("empty_document", "the document is empty", "body");
  if (sha256_hex(bytes) != h) return make_error("hash_mismatch", "the bytes do not match the SHA-256 in the path", "sha256");
  if (!magic_matches(type, bytes)) {
    return make_error("unsupported_media_type", "the bytes are not a " + type + " file", "Content-Type");
  }
  if (exists(h)) return false;
  const std::string dir = root_ + "/" + h.substr(0, 2);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::string tmp = dir + "/.tmp-" + h + "-" + random_hex(6);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return write_failed("cannot create document file", errno);
  int err = 0;
  if (!write_all(fd, bytes) || ::fsync(fd) != 0) err = errno;
  ::close(fd);
  if (err == 0 && ::rename(tmp.c_str(), path_of(h).c_str()) != 0) err = errno;
  if (err != 0) {
    ::unlink(tmp.c_str());
    return write_failed("cannot write document file", err);
  }
  if (!fsync_dir(dir)) return write_failed("cannot sync document directory", errno);
  if (health_) health_->succeeded("documents");
  return true;
}

Error DocumentStore::write_failed(const std::string& what, int err) const {
  const std::string cause = what + ": " + std::strerror(err);
  const std::string code = (err == ENOSPC || err == EDQUOT) ? "storage_full" : "storage_failed";
  if (health_) health_->failed("documents", code, cause);
  return make_error(code, cause);
}

}  // namespace jiuzhu::backend
