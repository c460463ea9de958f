// An RFC 4180 CSV reader over an in-memory buffer (usually a memory-mapped feed file).
//
// Departmental feeds are large (a county's registry is ~100 MB) and sometimes malformed, so the
// reader is zero-copy and recovers row by row: an unquoted field or a quoted field without
// doubled quotes is a view into the buffer; only a field with `""` escapes is copied, into a
// per-record scratch buffer. A record that breaks the quoting rules (a quote never closed, text
// after a closing quote, a quote inside an unquoted field) is returned with `error` set and the
// reader resumes at the next physical line, so one bad row never swallows the rest of the file.
//
// Why not a Debian library: libcsv (C) keeps no line numbers and resynchronises badly after an
// unclosed quote; fast-cpp-csv-parser throws and fixes the column count at compile time. Feeds
// need both line numbers and per-row recovery (feeds.md), which this small reader gives.
//
// Accepts: a UTF-8 byte-order mark at the start, LF or CRLF line ends, a missing final newline,
// quoted fields spanning lines. Blank lines are skipped.
//
// Thread-safety: a reader is used by one thread; several readers may share one buffer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::discovery {

struct CsvRecord {
  std::vector<std::string_view> fields;  // valid until the next call to next()
  size_t line = 0;                       // 1-based physical line where the record starts
  const char* error = nullptr;           // nullptr, or a stable reason ("unbalanced_quotes")
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view data);
  // Starts at byte `pos` (the start of a line, outside any quoted field) numbered `line`: a part
  // of a larger file read on its own thread.
  CsvReader(std::string_view data, size_t pos, size_t line) : data_(data), pos_(pos), line_(line) {}

  // Reads the next record into `out`; false at the end of the data. A record with `error` set
  // has unreliable fields and must be reported, not used.
  bool next(CsvRecord& out);
  // The line the reader is at (after the last record read).
  size_t line() const { return line_; }

 private:
  void skip_to_next_line();
  // Reads a record holding no quote character at pos_; false (and nothing consumed) otherwise.
  bool next_unquoted(CsvRecord& out);

  std::string_view data_;
  size_t pos_ = 0;
  size_t line_ = 1;
  std::vector<std::string> scratch_;  // unescaped quoted fields of the current record
};

// Writes one field with RFC 4180 quoting when it contains a comma, quote, CR or LF.
void append_csv_field(std::string& out, std::string_view field);

}  // namespace jiuzhu::discovery
