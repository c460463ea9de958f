// The departmental feed formats of contracts/feeds.md as data: each feed's file name and the
// typed columns the engine reads (other columns in a file are ignored).
//
// Column types decide validation: `id` (a resident ID number), `date` / `opt_date`
// (YYYY-MM-DD, optional may be empty), `number` (a non-negative decimal), `integer`,
// `enumeration` (the listed values first, any other value kept too), `boolean` (true/false,
// 1/0, yes/no, 是/否), `text` (free UTF-8), `key` (text interned to a small integer: household
// ids, township codes).
//
// An enumeration is `closed` when feeds.md lists its values (hr.status, education.status,
// housing.status, rural_revitalization.category) or they are program ids: another value there is
// doubtful and reported as a warning. The others (relation, hukou_type, disability.kind,
// education.level, emergency.event) are descriptive: any value is kept silently and used (a rule
// that asks for "intellectual" simply does not match "言语").
//
// Thread-safety: immutable static data.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace jiuzhu::discovery {

enum class Feed : uint8_t {
  population,
  civil_affairs,
  disability,
  medical_insurance,
  health,
  hr,
  education,
  housing,
  emergency,
  rural_revitalization,
  income,
};
inline constexpr int kFeedCount = 11;

enum class ColType : uint8_t { id, date, opt_date, number, integer, enumeration, boolean, text, key };

struct ColumnSpec {
  std::string_view name;
  ColType type;
  std::span<const std::string_view> values;  // allowed values of an enumeration
  int32_t min = 0, max = 0;                  // inclusive range of an integer (when min < max)
  bool closed = false;                       // enumeration: an unlisted value is a warning
};

struct FeedSpec {
  Feed feed;
  std::string_view file;                  // "population.csv"
  std::span<const ColumnSpec> columns;    // column 0 is always id_number
};

std::span<const FeedSpec> feed_specs();
const FeedSpec& feed_spec(Feed f);
std::optional<Feed> feed_by_file(std::string_view file);
// Index of a column in feed_spec(f).columns, or -1.
int column_index(Feed f, std::string_view column);

// Column positions in population.csv's spec, used directly by the engine.
namespace pop {
inline constexpr int id = 0, name = 1, household_id = 2, relation = 3, birth_date = 4, hukou_type = 5,
                     township = 6, village = 7, deceased_date = 8;
}

}  // namespace jiuzhu::discovery
