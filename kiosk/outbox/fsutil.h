// Durable file operations for the outbox: a file is only "written" once its bytes and the
// directory entry naming it are on disk.
//
// write_atomic: temp file in the same directory's tmp/ sibling → write → fsync → rename onto
// the final name → fsync the directory. A crash at any point leaves either no file or the
// whole file under its final name, never a torn one; leftovers in tmp/ are incomplete writes
// that nobody was told about and are deleted at start.
//
// Thread-safety: plain functions; concurrent writers must use distinct names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::kiosk {

bool fsync_dir(const std::string& dir);
// `tmp_dir` must be on the same filesystem as `path`.
bool write_atomic(const std::string& tmp_dir, const std::string& path, const unsigned char* data, size_t n);
bool read_file(const std::string& path, std::vector<unsigned char>& out);
// rename + fsync of both directories.
bool move_durable(const std::string& from, const std::string& to);

}  // namespace jiuzhu::kiosk
