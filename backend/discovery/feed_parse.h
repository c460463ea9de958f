// Internal to the discovery library: the part parser that load_feed/parse_feed (the whole file)
// and SplitFeed (line-aligned parts on several threads) share.
#pragma once

#include <string_view>
#include <vector>

#include "backend/discovery/feed_table.h"
#include "backend/discovery/interner.h"

namespace jiuzhu::discovery {

// Parses the header at the start of `data`, then the records of data[begin, end) — begin = 0: the
// ones after the header — numbering lines from `first_line` (begin > 0: a line start outside any
// quoted field). The first (or only) part reserves columns for the whole file, so appending the
// others does not reallocate. `keep_interned` receives the key/enumeration interners (a later
// part's values are interned into them by SplitFeed::merge); `end_line`, the reader's line after
// the part.
FeedTable parse_part(std::string_view data, size_t begin, size_t end, size_t first_line, Feed feed,
                     const LoadOptions& options, IdValidator& validator, std::vector<RowError>& errors,
                     std::vector<RowError>* warnings, std::vector<Interner>* keep_interned = nullptr,
                     size_t* end_line = nullptr);

}  // namespace jiuzhu::discovery
