// Splitting small "code,name" data files shipped in assets/ into lines and fields.
// These files are ours (no quoting, '#' comments); departmental feeds use a real RFC 4180
// reader in backend/discovery. Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::detail {

struct DataLine {
  int number = 0;                       // 1-based line number in the file
  std::vector<std::string_view> fields;  // split on ',' and trimmed
};

// Skips blank lines and lines starting with '#'. Views point into `text`.
std::vector<DataLine> split_data_lines(std::string_view text);

// Reads a whole file; false when it cannot be read.
bool read_file(const std::string& path, std::string& out);

}  // namespace jiuzhu::detail
