// console: the layout and the reading side of the document store (document_store.h). A stored
// document is the file ROOT/ab/abcdef… named by its SHA-256; its type is told by its magic bytes
// (JPEG, PNG or PDF — the only types put() accepts). The store writes; the case view's document
// reader (GET /api/v1/cases/{no}/documents/{sha256}) reads through these functions, so the layout
// is written once. Services builds the store at DATA_DIR/documents (documents_root).
//
// Thread-safety: pure functions and plain file reads; a file, once renamed into place, is whole
// and never changes (content-addressed), so reads need no lock.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace jiuzhu::backend {

// DATA_DIR/documents.
std::string documents_root(const std::string& data_dir);
// ROOT/ab/abcdef… for a 64-hex-digit lowercase hash (the caller checks the hash).
std::string document_path(const std::string& root, const std::string& sha256);
bool is_document_hash(std::string_view sha256);
// "image/jpeg", "image/png" or "application/pdf" from the first bytes; "" for anything else.
std::string document_media_type(std::string_view bytes);

// The bytes of a stored document. Errors: not_found (bad hash, or not stored), io_error.
Result<std::string> read_document(const std::string& root, const std::string& sha256);

}  // namespace jiuzhu::backend
