#include "backend/discovery/feed_table.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <utility>

#include "backend/discovery/csv_reader.h"
#include "backend/discovery/feed_parse.h"
#include "backend/discovery/feed_schema_table.h"
#include "backend/discovery/file_mapping.h"
#include "backend/discovery/huge_pages.h"
#include "core/calendar_day.h"

namespace jiuzhu::discovery {
namespace {

constexpr int kMaxColumns = 12;

bool parse_date_int(std::string_view s, int32_t& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto digit = [&](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(s[i])) - '0'; };
  const unsigned y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3), m0 = digit(5), m1 = digit(6),
                 d0 = digit(8), d1 = digit(9);
  if ((y0 > 9) | (y1 > 9) | (y2 > 9) | (y3 > 9) | (m0 > 9) | (m1 > 9) | (d0 > 9) | (d1 > 9)) return false;
  const int year = static_cast<int>(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
  const unsigned month = m0 * 10 + m1, day = d0 * 10 + d1;
  if (year < kEarliestYear || !is_calendar_day(year, month, day)) return false;
  out = year * 10000 + static_cast<int32_t>(month * 100 + day);
  return true;
}

// One validated field before the row is committed.
struct Cell {
  int32_t i = 0;
  double f = 0;
  std::string_view s;
};

}  // namespace

std::string_view date_iso(int32_t v, std::array<char, 24>& buf) {
  if (v >= 10000101 && v <= 99991231) {
    auto two = [&](size_t at, unsigned x) {
      buf[at] = static_cast<char>('0' + x / 10 % 10);
      buf[at + 1] = static_cast<char>('0' + x % 10);
    };
    const unsigned u = static_cast<unsigned>(v), year = u / 10000, month = u / 100 % 100, day = u % 100;
    two(0, year / 100);
    two(2, year % 100);
    buf[4] = '-';
    two(5, month);
    buf[7] = '-';
    two(8, day);
    return std::string_view(buf.data(), 10);
  }
  const std::string s = date_from_int(v).iso();
  const size_t n = std::min(s.size(), buf.size());
  std::memcpy(buf.data(), s.data(), n);
  return std::string_view(buf.data(), n);
}

ColumnMask engine_reads() {
  ColumnMask m{};
  for (int c : {pop::id, pop::household_id, pop::township, pop::deceased_date}) mark(m, Feed::population, c);
  for (int c : {0, 1, 2, 3}) mark(m, Feed::civil_affairs, c);  // id, program, since, until
  for (int c : {0, 1, 2}) mark(m, Feed::hr, c);                 // id, status, since
  for (int c : {0, 1, 2}) mark(m, Feed::income, c);             // id, year, annual_income
  for (int f = 0; f < kFeedCount; ++f) mark(m, static_cast<Feed>(f), 0);
  return m;
}

ColumnMask default_reads() {
  ColumnMask m = engine_reads();
  mark(m, Feed::medical_insurance, 1);  // settled_date
  mark(m, Feed::medical_insurance, 3);  // out_of_pocket
  mark(m, Feed::disability, 1);         // kind
  mark(m, Feed::disability, 2);         // grade
  mark(m, Feed::health, 2);             // date
  mark(m, Feed::health, 3);             // serious
  mark(m, Feed::education, 3);          // status
  mark(m, Feed::education, 4);          // date
  mark(m, Feed::emergency, 2);          // date
  mark(m, Feed::emergency, 3);          // loss
  mark(m, Feed::housing, 1);            // status
  return m;
}

namespace {

// True when n bytes at p and q are equal, for sizeof(Word) <= n <= 2 * sizeof(Word): the first
// and the last word (overlapping) compared at once.
template <typename Word>
[[gnu::always_inline]] inline bool same_by_two_words(const char* p, const char* q, size_t n) {
  Word x0, y0, x1, y1;
  std::memcpy(&x0, p, sizeof(Word));
  std::memcpy(&y0, q, sizeof(Word));
  std::memcpy(&x1, p + n - sizeof(Word), sizeof(Word));
  std::memcpy(&y1, q + n - sizeof(Word), sizeof(Word));
  return ((x0 ^ y0) | (x1 ^ y1)) == 0;
}

// Byte equality of short values (a call to basic_string_view::compare per cell cost more, and a
// call to memcmp too: keys and listed values are 4–16 bytes, compared as two overlapping words).
[[gnu::always_inline]] inline bool same(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n >= 8 && n <= 16) return same_by_two_words<uint64_t>(a.data(), b.data(), n);
  if (n >= 4 && n < 8) return same_by_two_words<uint32_t>(a.data(), b.data(), n);
  return std::memcmp(a.data(), b.data(), n) == 0;
}

[[gnu::always_inline]] inline std::string_view trim(std::string_view v) {
  // Nearly every cell: neither end is a space, a tab or another byte ≤ ' ' (one compare per
  // end instead of two; the rare other control bytes go the exact way below and stay).
  if (v.empty() || (static_cast<unsigned char>(v.front()) > ' ' && static_cast<unsigned char>(v.back()) > ' ')) return v;
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  return v;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool parse_boolean(std::string_view s, int32_t& out) {
  if (s == "false") return out = 0, true;  // the usual spellings first
  if (s == "true") return out = 1, true;
  for (std::string_view t : {"true", "1", "yes", "y", "是"}) {
    if (iequals(s, t)) return out = 1, true;
  }
  for (std::string_view f : {"false", "0", "no", "n", "否"}) {
    if (iequals(s, f)) return out = 0, true;
  }
  return false;
}

// A decimal "123" / "123.45" as a double. The common case (≤ 15 digits) is exact and correctly
// rounded by one division (both operands are exact doubles: Clinger's fast path), so it equals
// std::from_chars; anything else goes to std::from_chars.
bool parse_decimal(std::string_view v, double& out) {
  // Integer digits, then an optional point and fraction digits: two tight loops instead of one
  // loop that tests for the point and counts fraction digits on every character.
  const char* p = v.data();
  const char* const e = p + v.size();
  auto digit = [](char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - '0'; };
  uint64_t mantissa = 0;  // wraps only past 19 digits, which take the from_chars path anyway
  while (p < e && digit(*p) <= 9) mantissa = mantissa * 10 + digit(*p++);
  size_t digits = static_cast<size_t>(p - v.data()), fraction = 0;
  if (p < e && *p == '.') {
    const char* const first = ++p;
    while (p < e && digit(*p) <= 9) mantissa = mantissa * 10 + digit(*p++);
    fraction = static_cast<size_t>(p - first);
    digits += fraction;
  }
  if (p == e && digits >= 1 && digits <= 15) {
    static constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    out = static_cast<double>(mantissa) / kPow10[fraction];
    return true;
  }
  auto [q, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  return ec == std::errc() && q == v.data() + v.size();
}

// The outcome of reading one cell.
enum class CellState : uint8_t { ok, empty, bad, unlisted };

// The rare row with a cell that is not ok (most rows have none): each such value either drops
// the row (an unusable value that is read: into `errors`, returns true) or is a warning (into
// `warnings`). Out of line, so that the per-feed row loops stay small.
[[gnu::noinline]] bool row_is_unusable(const FeedSpec& spec, const std::array<CellState, kMaxColumns>& state,
                                       const std::array<bool, kMaxColumns>& critical, const std::string& file,
                                       size_t line, std::vector<RowError>& errors,
                                       std::vector<RowError>& row_warnings) {
  bool drop = false;
  for (size_t c = 1; c < spec.columns.size() && !drop; ++c) {
    const ColumnSpec& cs = spec.columns[c];
    const CellState st = state[c];
    if (st == CellState::ok) continue;
    if (spec.feed == Feed::population && static_cast<int>(c) == pop::birth_date) continue;  // below
    if (spec.feed == Feed::hr && c == 3) continue;  // pension_monthly: below
    std::string why;
    bool unusable = false;
    // A value that cannot be used: "empty: <column>", or `bad` and the column when unreadable.
    auto unreadable = [&](const char* bad) {
      why = std::string(st == CellState::empty ? "empty: " : bad) + std::string(cs.name);
      unusable = true;
    };
    switch (cs.type) {
      case ColType::date:
      case ColType::opt_date:
        if (st == CellState::empty && cs.type == ColType::opt_date) continue;
        unreadable("bad_date: ");
        break;
      case ColType::number:
        if (st == CellState::empty && !critical[c]) continue;
        unreadable("bad_number: ");
        break;
      case ColType::integer:
        unreadable("bad_integer: ");
        break;
      case ColType::boolean:
        if (st == CellState::empty && !critical[c]) continue;
        unreadable("bad_boolean: ");
        break;
      case ColType::enumeration:
        if (st == CellState::empty) {
          if (!cs.closed && !critical[c]) continue;
          why = "empty: " + std::string(cs.name);
          unusable = cs.closed;  // an empty descriptive value matches nothing, harmlessly
        } else {
          if (!cs.closed) continue;  // descriptive: any value is kept and used
          why = "unlisted_value: " + std::string(cs.name);
        }
        break;
      case ColType::key:
        if (st == CellState::empty)
          why = "empty: " + std::string(cs.name), unusable = true;
        else
          continue;
        break;
      case ColType::id:
      case ColType::text:
        continue;
    }
    if (unusable && critical[c]) {
      errors.push_back({file, line, std::move(why), std::string(cs.name)});
      drop = true;
    } else {
      row_warnings.push_back({file, line, std::move(why), std::string(cs.name)});
    }
  }
  return drop;
}

// A row error or warning. Out of line for the same reason.
[[gnu::noinline]] void add_issue(std::vector<RowError>& to, const std::string& file, size_t line,
                                 std::string reason, std::string_view column) {
  to.push_back({file, line, std::move(reason), std::string(column)});
}

// The part parser of one feed: compiled once per feed, so that each column's type is a constant
// where its cells are read and the per-cell loops unroll into straight code, and flattened, so
// that appending to a column is not a call per cell (a type switch and a push_back call per cell
// cost more than reading most cells). Measured on the 200 k county: 9.5 % fewer instructions for
// the whole run, the parse stage's CPU −7 % at 1 M; the price is ~40 KB of code per feed. The
// rare paths (row errors and warnings) are out of line, in row_is_unusable and add_issue.
template <Feed kFeed>
[[gnu::flatten]] FeedTable parse_part_of(std::string_view data, size_t begin, size_t end, size_t first_line,
                                         const LoadOptions& options, IdValidator& validator,
                                         std::vector<RowError>& errors, std::vector<RowError>* warnings,
                                         std::vector<Interner>* keep_interned, size_t* end_line) {
  constexpr Feed feed = kFeed;
  constexpr const FeedSpec& spec = schema::kSpecs[static_cast<size_t>(kFeed)];
  static_assert(spec.feed == kFeed && spec.columns.size() <= kMaxColumns);
  FeedTable t;
  t.feed = feed;
  t.bytes = end - begin;
  const std::string file(spec.file);
  CsvReader reader(data.substr(0, end));
  CsvRecord rec;
  if (!reader.next(rec)) {
    errors.push_back({file, 1, "missing_header", {}});
    return t;
  }
  if (rec.error) {
    errors.push_back({file, rec.line, std::string("header: ") + rec.error, {}});
    return t;
  }
  constexpr size_t ncols = spec.columns.size();
  std::array<int, kMaxColumns> pos{};
  size_t needed_fields = 0;
  for (size_t c = 0; c < ncols; ++c) {
    pos[c] = -1;
    for (size_t h = 0; h < rec.fields.size(); ++h) {
      if (trim(rec.fields[h]) == spec.columns[c].name) pos[c] = static_cast<int>(h);
    }
    if (pos[c] < 0) {
      errors.push_back({file, rec.line, "missing_column: " + std::string(spec.columns[c].name),
                        std::string(spec.columns[c].name)});
      return t;
    }
    needed_fields = std::max(needed_fields, static_cast<size_t>(pos[c]) + 1);
  }
  if (begin > 0) {
    reader = CsvReader(data.substr(0, end), begin, first_line);
    data = data.substr(begin, end - begin);  // for the row estimate below
  }  // else the first (or only) part reserves for the whole file: merge() appends the others
  std::array<bool, kMaxColumns> critical{};
  for (size_t c = 0; c < ncols; ++c) critical[c] = marked(options.critical, feed, static_cast<int>(c));
  t.present = true;
  t.cols.resize(ncols);
  std::vector<Interner> interned(ncols);
  for (size_t c = 0; c < ncols; ++c) {
    Column& col = t.cols[c];
    col.type = spec.columns[c].type;
    if (col.type == ColType::text) col.offsets.push_back(0);
    if (col.type == ColType::enumeration) {
      for (std::string_view v : spec.columns[c].values) col.dict.emplace_back(v);
    }
  }
  // Rows ≈ the file's size over the length of its first lines (+25 %): reserving once avoids
  // regrowing (and copying) multi-megabyte columns, without a pass over the whole file. Reserved
  // but unused capacity is never touched, so it costs address space, not memory.
  size_t estimate = 1;
  {
    const char* const end = data.data() + data.size();
    size_t lines = 0;
    const char* p = data.data();
    for (; p < end && lines < 512; ++p) {
      p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      if (p == nullptr) break;
      ++lines;
    }
    if (p == nullptr || p >= end || lines == 0) {
      estimate = lines + 1;
    } else {
      const double per_line = static_cast<double>(p - data.data()) / static_cast<double>(lines);
      estimate = static_cast<size_t>(static_cast<double>(data.size()) / per_line * 1.25) + 16;
    }
  }
  reserve_huge(t.ids, estimate);
  reserve_huge(t.lines, estimate);
  for (size_t c = 1; c < ncols; ++c) {
    Column& col = t.cols[c];
    if (col.type == ColType::number) reserve_huge(col.numbers, estimate);
    else if (col.type == ColType::text) reserve_huge(col.offsets, estimate + 1);
    else reserve_huge(col.ints, estimate);
    if (col.type == ColType::key) interned[c].reserve(estimate / 2);
  }
  std::array<Cell, kMaxColumns> cells{};
  std::array<int32_t, kMaxColumns> last_listed_index{};  // per enumeration column: the last match
  std::array<CellState, kMaxColumns> state{};
  std::string reason;
  std::vector<RowError> row_warnings;

  while (reader.next(rec)) {
    if (rec.error) {
      add_issue(errors, file, rec.line, rec.error, {});
      continue;
    }
    if (rec.fields.size() < needed_fields) {
      add_issue(errors, file, rec.line, "too_few_fields", {});
      continue;
    }
    IdKey key = 0;
    {
      const std::string_view v = trim(rec.fields[static_cast<size_t>(pos[0])]);
      if (!validator.validate(v, key, reason)) {
        add_issue(errors, file, rec.line, "id_number: " + reason, "id_number");
        continue;
      }
    }
    // Read every cell; decide afterwards whether the row is usable.
    bool to_decide = false;  // a cell the loop below would look at (most rows have none)
#pragma GCC unroll 12
    for (size_t c = 1; c < ncols; ++c) {
      const ColumnSpec& cs = spec.columns[c];
      const std::string_view v = trim(rec.fields[static_cast<size_t>(pos[c])]);
      Cell& cell = cells[c];
      CellState& st = state[c];
      st = v.empty() ? CellState::empty : CellState::ok;
      cell.s = v;
      switch (cs.type) {
        case ColType::id:
          break;
        case ColType::date:
        case ColType::opt_date:
          cell.i = 0;
          if (st == CellState::ok && !parse_date_int(v, cell.i)) st = CellState::bad, cell.i = 0;
          break;
        case ColType::number: {
          double d = std::nan("");
          if (st == CellState::ok) {
            if (!parse_decimal(v, d) || !std::isfinite(d) || d < 0) {
              st = CellState::bad;
              d = std::nan("");
            }
          }
          cell.f = d;
          break;
        }
        case ColType::integer: {
          int32_t x = kNoInt;
          if (st == CellState::ok) {
            auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
            if (ec != std::errc() || p != v.data() + v.size() || (cs.min < cs.max && (x < cs.min || x > cs.max))) {
              st = CellState::bad;
              x = kNoInt;
            }
          }
          cell.i = x;
          break;
        }
        case ColType::enumeration: {
          cell.i = -1;
          if (st != CellState::ok) break;
          // Nearly every value is written as listed. The listed values of a column are distinct
          // ignoring case (test FeedSchema.ListedValuesAreDistinctIgnoringCase), so an exact match
          // is the value the case-insensitive search would find; the last one matched is tried
          // first (a column repeats a few values), then the others, then ignoring case.
          const size_t nvalues = cs.values.size();
          const size_t last = static_cast<size_t>(last_listed_index[c]);
          if (last < nvalues && same(cs.values[last], v)) {
            cell.i = static_cast<int32_t>(last);
            break;
          }
          for (size_t k = 0; k < nvalues; ++k) {
            if (same(cs.values[k], v)) {
              cell.i = static_cast<int32_t>(k);
              break;
            }
          }
          if (cell.i < 0) {
            for (size_t k = 0; k < nvalues; ++k) {
              if (iequals(cs.values[k], v)) {
                cell.i = static_cast<int32_t>(k);
                break;
              }
            }
          }
          if (cell.i < 0) st = CellState::unlisted;  // interned when the row is committed
          else last_listed_index[c] = cell.i;
          break;
        }
        case ColType::boolean:
          cell.i = -1;
          if (st == CellState::ok && !parse_boolean(v, cell.i)) st = CellState::bad, cell.i = -1;
          break;
        case ColType::text:
        case ColType::key:
          break;
      }
      // The loop below skips ok cells, empty optional dates, and text and id cells of any kind.
      to_decide |= st != CellState::ok && cs.type != ColType::text && cs.type != ColType::id &&
                   !(st == CellState::empty && cs.type == ColType::opt_date);
    }
    // A row is dropped only when a value that is read is unusable; anything else is a warning.
    row_warnings.clear();
    if (to_decide && row_is_unusable(spec, state, critical, file, rec.line, errors, row_warnings)) continue;
    if (feed == Feed::population) {
      // The birth date is the ID number's (a differing or missing birth_date is a warning); the
      // township must be a 9-digit code inside the county being run.
      const int32_t id_birth = static_cast<int32_t>(key % 100000000000ULL / 1000);
      if (cells[pop::birth_date].i != id_birth) {
        add_issue(row_warnings, file, rec.line,
                  state[pop::birth_date] == CellState::ok      ? "birth_date_mismatch"
                  : state[pop::birth_date] == CellState::empty ? "empty: birth_date"
                                                                : "bad_date: birth_date",
                  "birth_date");
        cells[pop::birth_date].i = id_birth;
      }
      const std::string_view town = cells[pop::township].s;
      bool town_ok = town.size() == 9;
      if (town_ok) {
        unsigned not_digit = 0;  // no early exit: nine fixed compares
        for (size_t i = 0; i < 9; ++i) not_digit |= static_cast<unsigned>(static_cast<unsigned char>(town[i]) - '0') > 9;
        town_ok = not_digit == 0;
      }
      if (town_ok && !options.county.empty()) town_ok = same(town.substr(0, 6), options.county);
      if (!town_ok) {
        add_issue(errors, file, rec.line, "township_outside_county", "township");
        continue;
      }
      const int32_t died = cells[pop::deceased_date].i;
      if (died != 0 && died < id_birth) {
        add_issue(errors, file, rec.line, "deceased_before_birth", "deceased_date");
        continue;
      }
    }
    if (feed == Feed::hr) {
      // pension_monthly is read only on pension rows, and even there a missing amount does not
      // drop the row: it still says "has a pension"; only the amount is unknown (counted as 0).
      if (state[3] == CellState::bad) {
        add_issue(row_warnings, file, rec.line, "bad_number: pension_monthly", "pension_monthly");
      } else if (state[3] == CellState::empty && cells[1].i == 2) {
        add_issue(row_warnings, file, rec.line, "empty: pension_monthly", "pension_monthly");
      }
    }
    if (warnings && !row_warnings.empty())
      warnings->insert(warnings->end(), row_warnings.begin(), row_warnings.end());
    // Commit the row.
    t.ids.push_back(key);
    t.lines.push_back(static_cast<uint32_t>(rec.line));
#pragma GCC unroll 12
    for (size_t c = 1; c < ncols; ++c) {
      Column& col = t.cols[c];
      const Cell& cell = cells[c];
      switch (col.type) {
        case ColType::number:
          col.numbers.push_back(cell.f);
          break;
        case ColType::text:
          col.blob.append(cell.s);
          col.offsets.push_back(static_cast<uint32_t>(col.blob.size()));
          break;
        case ColType::enumeration:
          if (state[c] != CellState::unlisted) {
            col.ints.push_back(cell.i);
            break;
          }
          [[fallthrough]];
        case ColType::key: {
          // Rows of one household follow each other: the previous row's value is the likely one
          // (when the previous row had one: an empty or missing value is stored as a negative index).
          if (!col.ints.empty() && col.ints.back() >= 0 && same(col.dict[static_cast<size_t>(col.ints.back())], cell.s)) {
            col.ints.push_back(col.ints.back());
            break;
          }
          col.ints.push_back(interned[c].intern(cell.s, col.dict));
          break;
        }
        default:
          col.ints.push_back(cell.i);
      }
    }
  }
  t.rows = t.ids.size();
  if (keep_interned) *keep_interned = std::move(interned);
  if (end_line) *end_line = reader.line();
  return t;
}

template <size_t... kFeeds>
FeedTable parse_part_dispatch(std::index_sequence<kFeeds...>, std::string_view data, size_t begin, size_t end,
                              size_t first_line, Feed feed, const LoadOptions& options,
                              IdValidator& validator, std::vector<RowError>& errors,
                              std::vector<RowError>* warnings, std::vector<Interner>* keep_interned,
                              size_t* end_line) {
  using Parser =
      FeedTable (*)(std::string_view, size_t, size_t, size_t, const LoadOptions&, IdValidator&,
                    std::vector<RowError>&, std::vector<RowError>*, std::vector<Interner>*, size_t*);
  static constexpr Parser kParsers[] = {&parse_part_of<static_cast<Feed>(kFeeds)>...};
  return kParsers[static_cast<size_t>(feed)](data, begin, end, first_line, options, validator, errors,
                                             warnings, keep_interned, end_line);
}

}  // namespace

FeedTable parse_part(std::string_view data, size_t begin, size_t end, size_t first_line, Feed feed,
                     const LoadOptions& options, IdValidator& validator, std::vector<RowError>& errors,
                     std::vector<RowError>* warnings, std::vector<Interner>* keep_interned,
                     size_t* end_line) {
  return parse_part_dispatch(std::make_index_sequence<kFeedCount>{}, data, begin, end, first_line, feed,
                             options, validator, errors, warnings, keep_interned, end_line);
}

FeedTable parse_feed(std::string_view data, Feed feed, const LoadOptions& options, IdValidator& validator,
                     std::vector<RowError>& errors, std::vector<RowError>* warnings) {
  return parse_part(data, 0, data.size(), 1, feed, options, validator, errors, warnings);
}

FeedTable load_feed(const std::string& dir, Feed feed, const LoadOptions& options, IdValidator& validator,
                    std::vector<RowError>& errors, std::vector<RowError>* warnings) {
  const std::string path = dir + "/" + std::string(feed_spec(feed).file);
  if (::access(path.c_str(), F_OK) != 0) {
    FeedTable t;
    t.feed = feed;
    return t;
  }
  const auto t0 = std::chrono::steady_clock::now();
  FileMapping m(path);
  const double read_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!m.ok()) {
    FeedTable t;
    t.feed = feed;
    errors.push_back({std::string(feed_spec(feed).file), 0, "unreadable_file", {}});
    return t;
  }
  FeedTable t = parse_feed(m.view(), feed, options, validator, errors, warnings);
  t.read_seconds = read_seconds;
  return t;
}


}  // namespace jiuzhu::discovery
