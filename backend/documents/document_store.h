// DocumentStore: scanned documents, content-addressed by SHA-256, kept as files outside the
// database under DATA_DIR/documents/ab/cdef… (two-level fan-out keeps directories small).
//
// put() checks the bytes against the claimed hash, the size limit and the type (declared
// Content-Type and the file's magic bytes must agree: JPEG, PNG or PDF), then writes atomically:
// a temp file in the same directory, fsync, rename, fsync of the directory. A crash leaves
// either no file or the whole file, never a torn one, so "the file exists" means "stored".
// The same bytes twice store one file (the second put reports created = false).
//
// Thread-safety: safe for concurrent use; concurrent puts of one hash each write their own temp
// file and the renames replace identical content.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace jiuzhu::backend {

class StorageHealth;

inline constexpr size_t kMaxDocumentBytes = 10 * 1024 * 1024;

class DocumentStore {
 public:
  // Creates root if missing. Failed and recovered writes are reported to `health` (may be null).
  explicit DocumentStore(std::string root, StorageHealth* health = nullptr);

  // Errors: bad_hash (400, field sha256), hash_mismatch (400), unsupported_media_type (415),
  // body_too_large (413), empty_document (400), storage_full (503: no space; the cause is
  // logged once a minute), storage_failed (503: another I/O error).
  Result<bool> put(const std::string& sha256, const std::string& content_type, std::string_view bytes);
  bool exists(const std::string& sha256) const;
  // The hashes in `hashes` that are not stored (in input order, no duplicates).
  std::vector<std::string> missing(const std::vector<std::string>& hashes) const;

 private:
  std::string path_of(const std::string& sha256) const;
  Error write_failed(const std::string& what, int err) const;
  std::string root_;
  StorageHealth* health_;
};

// The media type ("image/jpeg", …) without parameters, lower-cased.
std::string media_type(std::string_view content_type);

}  // namespace jiuzhu::backend
