// Parsing one large feed file on several threads (the population file is ~40 % of parsing).
//
// See the class comment for the contract; feed_table.h for the table it produces.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "backend/discovery/feed_table.h"

namespace jiuzhu::discovery {

class FileMapping;

// One feed file cut into line-aligned parts that different threads parse, merged into exactly
// the table, errors and warnings load_feed would give: rows and line numbers in file order, key
// and enumeration dictionaries in first-appearance order. The population file alone is ~40 % of
// the parsing, so two threads finish together only when it is shared. A cut is made after a
// newline; if a later part holds a quote character (the cut might be inside a quoted field),
// merge() parses the whole file instead.
//
// Thread-safety: parse() of distinct parts may run concurrently (the first call maps the file);
// merge() once, after every parse() has returned (e.g. by the thread whose parse() returned true).
class SplitFeed {
 public:
  SplitFeed(std::string dir, Feed feed, const LoadOptions& options, size_t max_parts);
  ~SplitFeed();
  SplitFeed(const SplitFeed&) = delete;
  SplitFeed& operator=(const SplitFeed&) = delete;
  size_t max_parts() const { return max_parts_; }
  // Parses part `part` (< max_parts(); a part the file was not cut into does nothing). Call once
  // per part; true for the call that completed the last part (its thread may merge()).
  bool parse(size_t part, IdValidator& validator);
  // The whole feed; errors and warnings are appended.
  FeedTable merge(IdValidator& validator, std::vector<RowError>& errors, std::vector<RowError>* warnings);

 private:
  struct Part;
  void open();
  std::string dir_;
  Feed feed_;
  LoadOptions options_;
  size_t max_parts_;
  std::once_flag opened_;
  std::atomic<size_t> done_{0};
  bool exists_ = false;
  double read_seconds_ = 0;
  std::unique_ptr<FileMapping> mapping_;
  std::vector<std::unique_ptr<Part>> parts_;
};

}  // namespace jiuzhu::discovery
