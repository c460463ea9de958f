#include "backend/discovery/csv_reader.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <bit>
#include <cstdint>
#include <cstring>

namespace jiuzhu::discovery {
namespace {

// The high bit of each byte of `x` that equals the byte `c` is set (exact: no carries between
// bytes, unlike the shorter has-zero-byte trick).
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;
inline uint64_t bytes_equal(uint64_t x, uint64_t c) {
  const uint64_t t = x ^ c;
  return ~(((t & kLow7) + kLow7) | t | kLow7);
}

// The offset from `p` of the first ',', '\n' or '"' before `end` (end - p when none). Fields
// are scanned 8 bytes at a time: a feed row is ~60 bytes of short fields, and a byte-at-a-time
// loop with three comparisons per byte was the reader's cost.
inline size_t unquoted_length(const char* p, const char* end) {
  const char* const start = p;
  if constexpr (std::endian::native == std::endian::little) {
    constexpr uint64_t ones = 0x0101010101010101ULL;
    while (end - p >= 8) {
      uint64_t x;
      std::memcpy(&x, p, 8);
      const uint64_t m = bytes_equal(x, ',' * ones) | bytes_equal(x, '\n' * ones) | bytes_equal(x, '"' * ones);
      if (m != 0) return static_cast<size_t>(p - start) + static_cast<size_t>(std::countr_zero(m) / 8);
      p += 8;
    }
  }
  while (p < end && *p != ',' && *p != '\n' && *p != '"') ++p;
  return static_cast<size_t>(p - start);
}

// The mask of the bytes of `x` that end an unquoted field or break the fast path.
inline uint64_t separators(uint64_t x) {
  constexpr uint64_t ones = 0x0101010101010101ULL;
  return bytes_equal(x, ',' * ones) | bytes_equal(x, '\n' * ones) | bytes_equal(x, '"' * ones);
}

}  // namespace

bool CsvReader::next_unquoted(CsvRecord& out) {
  // A record without any quote (nearly all of them): its separators are found 16 (or 8) bytes at
  // a time and each field is cut at one, so a short field costs a few instructions.
  const char* const d = data_.data();
  const size_t n = data_.size();
  size_t start = pos_;  // of the current field
  size_t p = pos_;
  enum Step { more, done, quoted };
  auto at = [&](size_t q) {  // d[q] is a separator
    const char c = d[q];
    if (c == ',') {
      out.fields.emplace_back(d + start, q - start);
      start = q + 1;
      return more;
    }
    if (c == '\n') {
      const size_t e = q > start && d[q - 1] == '\r' ? q - 1 : q;
      out.fields.emplace_back(d + start, e - start);
      pos_ = q + 1;
      ++line_;
      return done;
    }
    out.fields.clear();  // a quote: the general path reads the record
    return quoted;
  };
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), newline = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"');
  while (n - p >= 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + p));
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, comma), _mm_cmpeq_epi8(x, newline)),
                                      _mm_cmpeq_epi8(x, quote));
    for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(hits)); m != 0; m &= m - 1) {
      const Step s = at(p + static_cast<size_t>(std::countr_zero(m)));
      if (s != more) return s == done;
    }
    p += 16;
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    while (n - p >= 8) {
      uint64_t x;
      std::memcpy(&x, d + p, 8);
      for (uint64_t m = separators(x); m != 0; m &= m - 1) {
        const Step s = at(p + static_cast<size_t>(std::countr_zero(m) / 8));
        if (s != more) return s == done;
      }
      p += 8;
    }
  }
  for (; p < n; ++p) {
    if (d[p] != ',' && d[p] != '\n' && d[p] != '"') continue;
    const Step s = at(p);
    if (s != more) return s == done;
  }
  // The last record, without a final newline.
  const size_t e = n > start && d[n - 1] == '\r' ? n - 1 : n;
  out.fields.emplace_back(d + start, e - start);
  pos_ = n;
  return true;
}

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
  if (next_unquoted(out)) return true;
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
    const size_t p = pos_ + unquoted_length(d + pos_, d + n);
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
