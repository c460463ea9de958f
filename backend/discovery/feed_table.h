// Columnar in-memory feed tables and the loader that fills them from a CSV file.
//
// A FeedTable holds one feed's valid rows column by column (feed_schema.h decides the
// columns): ID numbers as 64-bit keys (the 17 digits before the check character), dates as
// yyyymmdd integers (0 = empty), enumerations as value indices, booleans 0/1, numbers as
// doubles, text in one blob with offsets, keys interned to indices. Compact columns keep a
// million-resident county in a few hundred MB and make the rule loops cache friendly.
//
// Loading keeps every usable row (contracts/feeds.md). A row is dropped — a RowError (file, line,
// column, reason) — only when its ID number is unusable or a value that a rule or the join reads
// is (the `critical` columns of LoadOptions: e.g. emergency.date and .loss for `disaster`). Any
// other doubtful value is a warning (same shape) and the row is kept with that cell unknown
// (date 0, number NaN, integer kNoInt, boolean/enumeration -1). Fields are trimmed of spaces and
// tabs; empty optional cells are not warnings; enumeration values match case-insensitively and
// unlisted values are kept (feed_schema.h: a warning only for closed enumerations).
// A file whose header lacks a required column cannot be used: it is reported once (line 1) and
// the table is marked absent, so the rules needing it are skipped.
//
// Thread-safety: load_feed() touches only its own table and validator, so different feeds load
// in parallel on different threads, each with its own IdValidator.
#pragma once

#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backend/discovery/feed_schema.h"
#include "core/date.h"

namespace jiuzhu {
class RegionTable;
}

namespace jiuzhu::discovery {

// A dropped row (error) or a doubtful value in a kept row (warning).
struct RowError {
  std::string file;
  size_t line = 0;
  std::string reason;  // stable: "id_number: bad_check_character", "bad_date: since"
  std::string column;  // the column at fault; empty when the whole record is
};

// Per feed, a bit per column (feed_spec order): the columns whose value is read by a rule or
// the join, so that an unusable value there drops the row.
using ColumnMask = std::array<uint16_t, kFeedCount>;
// What the engine itself reads whatever the rules: population id/household_id/township/
// deceased_date, civil_affairs program/since/until, hr status/since, income year/annual_income.
ColumnMask engine_reads();
// engine_reads() plus the columns the default rules (assets/discovery/rules.json) read; the
// default of LoadOptions, for callers without a rule set.
ColumnMask default_reads();
inline void mark(ColumnMask& m, Feed f, int column) { m[static_cast<size_t>(f)] |= static_cast<uint16_t>(1u << column); }
inline bool marked(const ColumnMask& m, Feed f, int column) { return (m[static_cast<size_t>(f)] >> column) & 1u; }

// The unknown integer (a non-critical cell that was unusable).
inline constexpr int32_t kNoInt = INT32_MIN;

// Dates as yyyymmdd integers compare like dates; 0 means "no date".
inline int32_t date_int(Date d) { return d.year() * 10000 + static_cast<int32_t>(d.month() * 100 + d.day()); }
inline Date date_from_int(int32_t v) { return Date(v / 10000, static_cast<unsigned>(v / 100 % 100), static_cast<unsigned>(v % 100)); }
// Whole years from `birth` to `on` (the birthday counts on its day).
inline int age_years(int32_t birth, int32_t on) { return (on - birth) / 10000; }
// date_from_int(v).iso() written into `buf` (the view points into it), without the snprintf and
// the allocation: evidence writes a date for many flagged members, and Date::iso was ~1,900
// instructions a call. Values outside years 1000–9999 (never stored by the loader) take iso().
std::string_view date_iso(int32_t v, std::array<char, 24>& buf);

// The 17 leading digits of a valid ID number as an integer, and back to the 18 characters.
using IdKey = uint64_t;
std::string id_string(IdKey key);
// The same 18 characters written into `out` (no allocation: the queue writes ~300,000 of them).
void id_chars(IdKey key, char* out);

// Validates ID numbers with core's IdNumber::parse as the authority, against an explicit
// reference date. Because a county's feeds repeat a few region codes millions of times, a
// number that is plainly well formed (18 digits/X, cached known region, real birth date not
// after the reference date, right check character) is accepted without allocating; anything else
// goes through IdNumber::parse, whose error code becomes the reason. Tests check both paths
// agree. One validator per thread.
class IdValidator {
 public:
  IdValidator(const RegionTable& regions, Date reference);
  // True and `key` set when valid; false and `reason` (an IdNumber error code) otherwise.
  bool validate(std::string_view text, IdKey& key, std::string& reason);

 private:
  bool region_known(int code);  // the 6-digit region code as a number
  const RegionTable& regions_;
  Date reference_;
  int32_t reference_int_;
  std::vector<int8_t> region_cache_;  // by the 6-digit code: -1 unknown yet, 0 no, 1 yes
  // The last number accepted: a person's rows often follow each other (settlements, years).
  char last_[18] = {};
  IdKey last_key_ = 0;
  bool last_known_ = false;
};

struct Column {
  ColType type{};
  std::vector<int32_t> ints;      // date, opt_date, integer, enumeration, boolean, key
  std::vector<double> numbers;    // number
  std::string blob;               // text
  std::vector<uint32_t> offsets;  // text: row r is blob[offsets[r], offsets[r+1])
  std::vector<std::string> dict;  // key, enumeration: the interned values (an enumeration's listed
                                  // values first, in feed_spec order; others after them)

  std::string_view text(size_t row) const {
    return std::string_view(blob).substr(offsets[row], offsets[row + 1] - offsets[row]);
  }
};

struct FeedTable {
  Feed feed{};
  bool present = false;
  size_t rows = 0;
  size_t bytes = 0;
  double read_seconds = 0;  // mapping the file and paging it in (load_feed), before parsing
  std::vector<IdKey> ids;
  std::vector<uint32_t> lines;
  std::vector<Column> cols;  // in feed_spec(feed).columns order; cols[0] unused (ids above)
};

struct LoadOptions {
  Date as_of;
  std::string county;  // population.csv townships must start with it (empty: not checked)
  ColumnMask critical = default_reads();
};

// Loads `dir`/<feed file>. A missing file leaves the table absent with no error (the caller
// lists the skipped rules); an unreadable one or a header without a required column is one
// RowError. Dropped rows append to `errors`, doubtful values in kept rows to `warnings` (when
// given).
FeedTable load_feed(const std::string& dir, Feed feed, const LoadOptions& options,
                    IdValidator& validator, std::vector<RowError>& errors,
                    std::vector<RowError>* warnings = nullptr);

// The same from a buffer (tests, and the memory-mapped file).
FeedTable parse_feed(std::string_view data, Feed feed, const LoadOptions& options,
                     IdValidator& validator, std::vector<RowError>& errors,
                     std::vector<RowError>* warnings = nullptr);

// The text of an enumeration cell ("" when empty).
inline std::string_view enum_text(const Column& c, size_t row) {
  const int32_t v = c.ints[row];
  return v < 0 ? std::string_view() : std::string_view(c.dict[static_cast<size_t>(v)]);
}

}  // namespace jiuzhu::discovery
