#include "backend/discovery/split_feed.h"

#include <algorithm>
#include <chrono>
#include <cstring>

#include "backend/discovery/feed_parse.h"
#include "backend/discovery/file_mapping.h"

namespace jiuzhu::discovery {

// One part of a SplitFeed: its byte range and what parsing it gave.
struct SplitFeed::Part {
  size_t begin = 0, end = 0;
  FeedTable table;
  std::vector<RowError> errors, warnings;
  std::vector<Interner> interned;
  size_t end_line = 0;     // the reader's line after the part (lines are counted from 1 in each part)
  bool quote_free = true;  // parts after the first: no quote, so the cut was outside any quoted field
};

SplitFeed::SplitFeed(std::string dir, Feed feed, const LoadOptions& options, size_t max_parts)
    : dir_(std::move(dir)), feed_(feed), options_(options), max_parts_(std::max<size_t>(1, max_parts)) {}

SplitFeed::~SplitFeed() = default;

void SplitFeed::open() {
  const std::string path = dir_ + "/" + std::string(feed_spec(feed_).file);
  if (::access(path.c_str(), F_OK) != 0) return;  // absent: an absent table, no error
  exists_ = true;
  const auto t0 = std::chrono::steady_clock::now();
  mapping_ = std::make_unique<FileMapping>(path);
  read_seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!mapping_->ok()) return;
  const std::string_view data = mapping_->view();
  // Cut after the newline nearest each 1/n of the file, never inside the header line.
  // (An empty file maps to no memory at all: memchr must not see its null pointer.)
  const char* header_end =
      data.empty() ? nullptr : static_cast<const char*>(std::memchr(data.data(), '\n', data.size()));
  size_t begin = 0;
  for (size_t k = 1; k <= max_parts_; ++k) {
    size_t end = data.size();
    if (k < max_parts_) {
      if (header_end == nullptr) continue;
      size_t at = std::max(data.size() / max_parts_ * k, static_cast<size_t>(header_end - data.data()) + 1);
      const void* nl = at < data.size() ? std::memchr(data.data() + at, '\n', data.size() - at) : nullptr;
      if (nl == nullptr) continue;
      end = static_cast<size_t>(static_cast<const char*>(nl) - data.data()) + 1;
      if (end <= begin || end >= data.size()) continue;
    }
    auto part = std::make_unique<Part>();
    part->begin = begin;
    part->end = end;
    parts_.push_back(std::move(part));
    begin = end;
  }
}

bool SplitFeed::parse(size_t part, IdValidator& validator) {
  std::call_once(opened_, [this] { open(); });
  if (part < parts_.size()) {
    Part& p = *parts_[part];
    const std::string_view data = mapping_->view();
    if (part > 0) p.quote_free = std::memchr(data.data() + p.begin, '"', p.end - p.begin) == nullptr;
    if (p.quote_free) {  // else merge() parses the whole file instead
      p.table = parse_part(data, p.begin, p.end, 1, feed_, options_, validator, p.errors, &p.warnings, &p.interned,
                           &p.end_line);
    }
  }
  return done_.fetch_add(1) + 1 == max_parts_;
}

FeedTable SplitFeed::merge(IdValidator& validator, std::vector<RowError>& errors, std::vector<RowError>* warnings) {
  std::call_once(opened_, [this] { open(); });
  FeedTable t;
  t.feed = feed_;
  if (!exists_) return t;
  if (!mapping_->ok()) {
    errors.push_back({std::string(feed_spec(feed_).file), 0, "unreadable_file", {}});
    return t;
  }
  auto keep = [&](std::vector<RowError>& from, size_t line_offset) {
    for (RowError& e : from) e.line += line_offset;
    errors.insert(errors.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  auto keep_warnings = [&](std::vector<RowError>& from, size_t line_offset) {
    if (!warnings) return;
    for (RowError& e : from) e.line += line_offset;
    warnings->insert(warnings->end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
  };
  bool whole = parts_.empty();
  for (const auto& p : parts_) whole = whole || !p->quote_free;
  if (whole) {
    t = parse_feed(mapping_->view(), feed_, options_, validator, errors, warnings);
    t.read_seconds = read_seconds_;
    return t;
  }
  Part& first = *parts_[0];
  t = std::move(first.table);
  keep(first.errors, 0);
  keep_warnings(first.warnings, 0);
  size_t line_offset = first.end_line - 1;
  if (t.present) {
    size_t rows = t.rows;
    for (size_t i = 1; i < parts_.size(); ++i) rows += parts_[i]->table.rows;
    t.ids.reserve(rows);
    t.lines.reserve(rows);
    for (size_t i = 1; i < parts_.size(); ++i) {
      Part& p = *parts_[i];
      FeedTable& u = p.table;
      t.ids.insert(t.ids.end(), u.ids.begin(), u.ids.end());
      for (uint32_t l : u.lines) t.lines.push_back(static_cast<uint32_t>(l + line_offset));
      for (size_t c = 1; c < t.cols.size(); ++c) {
        Column& to = t.cols[c];
        const Column& from = u.cols[c];
        switch (to.type) {
          case ColType::number:
            to.numbers.insert(to.numbers.end(), from.numbers.begin(), from.numbers.end());
            break;
          case ColType::text: {
            const uint32_t base = static_cast<uint32_t>(to.blob.size());
            to.blob.append(from.blob);
            for (size_t r = 1; r < from.offsets.size(); ++r) to.offsets.push_back(from.offsets[r] + base);
            break;
          }
          case ColType::enumeration:
          case ColType::key: {
            // The part's dictionary in the whole file's first-appearance order: values the earlier
            // parts have keep their index, new ones are appended in the order this part met them.
            const size_t listed = to.type == ColType::enumeration ? feed_spec(feed_).columns[c].values.size() : 0;
            std::vector<int32_t> remap(from.dict.size());
            for (size_t k = 0; k < from.dict.size(); ++k) {
              remap[k] = k < listed ? static_cast<int32_t>(k) : first.interned[c].intern(from.dict[k], to.dict);
            }
            to.ints.reserve(rows);
            for (int32_t v : from.ints) to.ints.push_back(v < 0 ? v : remap[static_cast<size_t>(v)]);
            break;
          }
          default:
            to.ints.insert(to.ints.end(), from.ints.begin(), from.ints.end());
        }
      }
      keep(p.errors, line_offset);
      keep_warnings(p.warnings, line_offset);
      line_offset += p.end_line - 1;
      u = FeedTable();
    }
    t.rows = t.ids.size();
  } else {
    for (size_t i = 1; i < parts_.size(); ++i) parts_[i]->table = FeedTable();  // the header's errors: once
  }
  t.bytes = mapping_->view().size();
  t.read_seconds = read_seconds_;
  return t;
}

}  // namespace jiuzhu::discovery
