// Interning of a feed column's values (keys, unlisted enumeration values) into its dictionary.
//
// Internal to the discovery library (feed_table.cpp, split_feed.cpp). Thread-safety: one
// interner per column per thread; no sharing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace jiuzhu::discovery {

// Interns a column's values into its dictionary (Column::dict): an open-addressing table of
// dictionary indices with their hashes, so that a lookup costs one probe of a flat array (a
// node-based map cost a bucket and a node cache miss per new household, 40 % of parse_feed).
class Interner {
 public:
  // Prepares for about `expected` distinct values.
  void reserve(size_t expected) { rehash(capacity_for(expected)); }
  // The index of `v` in `dict`, appending it when new.
  int32_t intern(std::string_view v, std::vector<std::string>& dict) {
    if ((dict.size() + 1) * 2 > slots_.size()) rehash(capacity_for(dict.size() + 1), &dict);
    const uint64_t h = std::hash<std::string_view>{}(v);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.index < 0) {
        s = {static_cast<int32_t>(dict.size()), tag};
        dict.emplace_back(v);
        return s.index;
      }
      if (s.tag == tag && dict[static_cast<size_t>(s.index)] == v) return s.index;
    }
  }

 private:
  struct Slot {
    int32_t index = -1;
    uint32_t tag = 0;  // the hash's high half: most mismatches are rejected without the string
  };
  static size_t capacity_for(size_t n) {
    size_t c = 16;
    while (c < n * 2) c <<= 1;
    return c;
  }
  void rehash(size_t capacity, const std::vector<std::string>* dict = nullptr) {
    if (capacity <= slots_.size()) return;
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (const Slot& s : old) {
      if (s.index < 0 || dict == nullptr) continue;
      const uint64_t h = std::hash<std::string_view>{}((*dict)[static_cast<size_t>(s.index)]);
      size_t i = h & mask_;
      while (slots_[i].index >= 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace jiuzhu::discovery
