// Whole-file reads and writes for tests (binary-safe).
//
// Thread-safety: no shared state.
#pragma once

#include <string>

namespace jiuzhu::test {

// The file's bytes; empty when it cannot be read.
std::string read_file(const std::string& path);
// Replaces the file's contents with `bytes`.
void write_file(const std::string& path, const std::string& bytes);

}  // namespace jiuzhu::test
