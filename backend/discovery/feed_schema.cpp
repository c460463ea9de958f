#include "backend/discovery/feed_schema.h"

#include "backend/discovery/feed_schema_table.h"

namespace jiuzhu::discovery {

using schema::kSpecs;

std::span<const FeedSpec> feed_specs() { return kSpecs; }

const FeedSpec& feed_spec(Feed f) { return kSpecs[static_cast<size_t>(f)]; }

std::optional<Feed> feed_by_file(std::string_view file) {
  for (const auto& s : kSpecs) {
    if (s.file == file) return s.feed;
  }
  return std::nullopt;
}

int column_index(Feed f, std::string_view column) {
  const auto cols = feed_spec(f).columns;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (cols[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace jiuzhu::discovery
