#include "core/csv_lines.h"

#include <fstream>
#include <sstream>

namespace jiuzhu::detail {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::vector<DataLine> split_data_lines(std::string_view text) {
  std::vector<DataLine> lines;
  int number = 0;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    DataLine out{number, {}};
    while (true) {
      const size_t comma = line.find(',');
      out.fields.push_back(trim(line.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      line = line.substr(comma + 1);
    }
    lines.push_back(std::move(out));
  }
  return lines;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

}  // namespace jiuzhu::detail
