#include "backend/discovery/csv_reader.h"

#include <cstring>

namespace jiuzhu::discovery {

CsvReader::CsvReader(std::string_view data) : data_(data) {
  if (data_.size() >= 3 && std::memcmp(data_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
}

void CsvReader::skip_to_next_line() {
  const void* nl = std::memchr(data_.data() + pos_, '\n', data_.size() - pos_);
  if (nl == nullptr) {
    pos_ = data_.size();
    return;
  }
  pos_ = static_cast<size_t>(static_cast<const char*>(nl) - data_.data()) + 1;
  ++line_;
}

bool CsvReader::next(CsvRecord& out) {
  out.fields.clear();
  out.error = nullptr;
  size_t used_scratch = 0;
  const char* d = data_.data();
  const size_t n = data_.size();
  // Skip blank lines.
  while (pos_ < n && (d[pos_] == '\n' || d[pos_] == '\r')) {
    if (d[pos_] == '\n') ++line_;
    ++pos_;
  }
  if (pos_ >= n) return false;
  out.line = line_;
  const size_t record_start = pos_;
  const size_t record_line = line_;
  for (;;) {
    if (pos_ < n && d[pos_] == '"') {
      // Quoted field: ends at a quote not followed by another quote.
      size_t p = pos_ + 1;
      size_t lines = 0;
      bool escaped = false;
      bool closed = false;
      while (p < n) {
        const void* q = std::memchr(d + p, '"', n - p);
        const size_t qpos = q ? static_cast<size_t>(static_cast<const char*>(q) - d) : n;
        for (const char* c = d + p; c < d + qpos; ++c) lines += (*c == '\n');
        if (q == nullptr) break;
        if (qpos + 1 < n && d[qpos + 1] == '"') {
          escaped = true;
          p = qpos + 2;
          continue;
        }
        p = qpos + 1;
        closed = true;
        break;
      }
      if (!closed) {
        out.error = "unbalanced_quotes";
        pos_ = record_start;
        line_ = record_line;
        skip_to_next_line();
        return true;
      }
      std::string_view raw(d + pos_ + 1, p - pos_ - 2);
      if (escaped) {
        if (scratch_.size() <= used_scratch) scratch_.emplace_back();
        std::string& s = scratch_[used_scratch++];
        s.clear();
        for (size_t i = 0; i < raw.size(); ++i) {
          s.push_back(raw[i]);
          if (raw[i] == '"') ++i;  // skip the second quote of a pair
        }
        out.fields.emplace_back(s);
      } else {
        out.fields.push_back(raw);
      }
      line_ += lines;
      pos_ = p;
      if (pos_ >= n) return true;
      if (d[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (d[pos_] == '\n' || (d[pos_] == '\r' && pos_ + 1 < n && d[pos_ + 1] == '\n') ||
          (d[pos_] == '\r' && pos_ + 1 == n)) {
        pos_ += (d[pos_] == '\r') ? 2 : 1;
        ++line_;
        return true;
      }
      out.error = "text_after_closing_quote";
      pos_ = record_start;
      line_ = record_line;
      skip_to_next_line();
      return true;
    }
    // Unquoted field: up to the next comma or line end.
    size_t p = pos_;
    while (p < n && d[p] != ',' && d[p] != '\n' && d[p] != '"') ++p;
    if (p < n && d[p] == '"') {
      out.error = "quote_in_unquoted_field";
      pos_ = p;
      skip_to_next_line();
      return true;
    }
    size_t end = p;
    if (p < n && d[p] == '\n' && end > pos_ && d[end - 1] == '\r') --end;
    else if (p == n && end > pos_ && d[end - 1] == '\r') --end;
    out.fields.emplace_back(d + pos_, end - pos_);
    if (p >= n) {
      pos_ = n;
      return true;
    }
    pos_ = p + 1;
    if (d[p] == '\n') {
      ++line_;
      return true;
    }
  }
}

void append_csv_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace jiuzhu::discovery
