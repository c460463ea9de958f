#include "backend/discovery/feed_table.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>

#include "backend/discovery/csv_reader.h"
#include "core/id_number.h"
#include "core/regions.h"

namespace jiuzhu::discovery {
namespace {

constexpr int kMaxColumns = 12;

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool parse_date_int(std::string_view s, int32_t& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int v[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (int i = 0; i < lens[k]; ++i) {
      const char c = s[static_cast<size_t>(starts[k] + i)];
      if (c < '0' || c > '9') return false;
      v[k] = v[k] * 10 + (c - '0');
    }
  }
  const std::chrono::year_month_day ymd{std::chrono::year{v[0]}, std::chrono::month{static_cast<unsigned>(v[1])},
                                        std::chrono::day{static_cast<unsigned>(v[2])}};
  if (!ymd.ok() || v[0] < 1850) return false;
  out = v[0] * 10000 + v[1] * 100 + v[2];
  return true;
}

bool parse_bool(std::string_view s, int32_t& out) {
  if (s == "true" || s == "1" || s == "TRUE" || s == "True") return out = 1, true;
  if (s == "false" || s == "0" || s == "FALSE" || s == "False") return out = 0, true;
  return false;
}

// One validated field before the row is committed.
struct Cell {
  int32_t i = 0;
  double f = 0;
  std::string_view s;
};

// Owns a read-only memory mapping of a whole file.
class Mapping {
 public:
  explicit Mapping(const std::string& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return;
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return;
    size_ = static_cast<size_t>(st.st_size);
    ok_ = true;
    if (size_ == 0) return;
    void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd_, 0);
    if (p == MAP_FAILED) {
      ok_ = false;
      return;
    }
    ::madvise(p, size_, MADV_SEQUENTIAL);
    data_ = static_cast<const char*>(p);
  }
  ~Mapping() {
    if (data_) ::munmap(const_cast<char*>(data_), size_);
    if (fd_ >= 0) ::close(fd_);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
  bool ok() const { return ok_; }
  std::string_view view() const { return data_ ? std::string_view(data_, size_) : std::string_view(); }

 private:
  int fd_ = -1;
  const char* data_ = nullptr;
  size_t size_ = 0;
  bool ok_ = false;
};

}  // namespace

std::string id_string(IdKey key) {
  std::string s(18, '0');
  for (int i = 16; i >= 0; --i) {
    s[static_cast<size_t>(i)] = static_cast<char>('0' + key % 10);
    key /= 10;
  }
  s[17] = IdNumber::check_character(std::string_view(s).substr(0, 17));
  return s;
}

IdValidator::IdValidator(const RegionTable& regions, Date reference)
    : regions_(regions), reference_(reference), reference_int_(date_int(reference)), region_cache_(1000000, -1) {}

bool IdValidator::region_known(std::string_view code6) {
  int code = 0;
  for (char c : code6) code = code * 10 + (c - '0');
  int8_t& cached = region_cache_[static_cast<size_t>(code)];
  if (cached < 0) {
    // Ask the authority once per region: a well-formed number of this region born 1970-01-01
    // fails only on the region, if at all.
    std::string probe(code6);
    probe += "19700101001";
    probe.push_back(IdNumber::check_character(probe));
    auto r = IdNumber::parse(probe, &regions_, reference_);
    cached = (r.ok() || r.error().code != "unknown_region") ? 1 : 0;
  }
  return cached == 1;
}

bool IdValidator::validate(std::string_view text, IdKey& key, std::string& reason) {
  if (text.size() == 18) {
    IdKey k = 0;
    bool digits = true;
    for (size_t i = 0; i < 17; ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') {
        digits = false;
        break;
      }
      k = k * 10 + static_cast<IdKey>(c - '0');
    }
    const char last = text[17];
    if (digits && ((last >= '0' && last <= '9') || last == 'X') && region_known(text.substr(0, 6))) {
      int32_t birth = 0;
      for (size_t i = 6; i < 14; ++i) birth = birth * 10 + (text[i] - '0');
      const std::chrono::year_month_day ymd{std::chrono::year{birth / 10000},
                                            std::chrono::month{static_cast<unsigned>(birth / 100 % 100)},
                                            std::chrono::day{static_cast<unsigned>(birth % 100)}};
      if (ymd.ok() && birth >= 18500000 && birth <= reference_int_ &&
          IdNumber::check_character(text.substr(0, 17)) == last) {
        key = k;
        return true;
      }
    }
  }
  // Not plainly valid: the authority decides and names the reason (it also accepts a final 'x').
  auto parsed = IdNumber::parse(text, &regions_, reference_);
  if (!parsed.ok()) {
    reason = parsed.error().code;
    return false;
  }
  const std::string& s = parsed->str();
  IdKey k = 0;
  for (size_t i = 0; i < 17; ++i) k = k * 10 + static_cast<IdKey>(s[i] - '0');
  key = k;
  return true;
}

FeedTable parse_feed(std::string_view data, Feed feed, const LoadOptions& options, IdValidator& validator,
                     std::vector<RowError>& errors) {
  const FeedSpec& spec = feed_spec(feed);
  FeedTable t;
  t.feed = feed;
  t.bytes = data.size();
  const std::string file(spec.file);
  CsvReader reader(data);
  CsvRecord rec;
  if (!reader.next(rec)) {
    errors.push_back({file, 1, "missing_header"});
    return t;
  }
  if (rec.error) {
    errors.push_back({file, rec.line, std::string("header: ") + rec.error});
    return t;
  }
  const size_t ncols = spec.columns.size();
  std::array<int, kMaxColumns> pos{};
  size_t needed_fields = 0;
  for (size_t c = 0; c < ncols; ++c) {
    pos[c] = -1;
    for (size_t h = 0; h < rec.fields.size(); ++h) {
      std::string_view name = rec.fields[h];
      while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
      while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
      if (name == spec.columns[c].name) pos[c] = static_cast<int>(h);
    }
    if (pos[c] < 0) {
      errors.push_back({file, rec.line, "missing_column: " + std::string(spec.columns[c].name)});
      return t;
    }
    needed_fields = std::max(needed_fields, static_cast<size_t>(pos[c]) + 1);
  }
  t.present = true;
  t.cols.resize(ncols);
  std::vector<std::unordered_map<std::string, int32_t, TransparentHash, std::equal_to<>>> interned(ncols);
  for (size_t c = 0; c < ncols; ++c) {
    t.cols[c].type = spec.columns[c].type;
    if (t.cols[c].type == ColType::text) t.cols[c].offsets.push_back(0);
  }
  // Rows ≈ newlines (exact unless fields hold line breaks): reserving once avoids regrowing
  // (and copying) multi-megabyte columns.
  size_t estimate = 1;
  const char* const end = data.data() + data.size();
  for (const char* p = data.data(); p < end; ++p) {
    p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (p == nullptr) break;
    ++estimate;
  }
  t.ids.reserve(estimate);
  t.lines.reserve(estimate);
  for (size_t c = 1; c < ncols; ++c) {
    Column& col = t.cols[c];
    if (col.type == ColType::number) col.numbers.reserve(estimate);
    else if (col.type == ColType::text) col.offsets.reserve(estimate + 1);
    else col.ints.reserve(estimate);
    if (col.type == ColType::key) interned[c].reserve(estimate / 2);
  }
  std::array<Cell, kMaxColumns> cells{};
  std::string reason;

  while (reader.next(rec)) {
    if (rec.error) {
      errors.push_back({file, rec.line, rec.error});
      continue;
    }
    if (rec.fields.size() < needed_fields) {
      errors.push_back({file, rec.line, "too_few_fields"});
      continue;
    }
    IdKey key = 0;
    bool ok = true;
    for (size_t c = 0; c < ncols && ok; ++c) {
      const ColumnSpec& cs = spec.columns[c];
      const std::string_view v = rec.fields[static_cast<size_t>(pos[c])];
      Cell& cell = cells[c];
      switch (cs.type) {
        case ColType::id:
          if (!validator.validate(v, key, reason)) {
            errors.push_back({file, rec.line, std::string(cs.name) + ": " + reason});
            ok = false;
          }
          break;
        case ColType::date:
        case ColType::opt_date:
          if (v.empty() && cs.type == ColType::opt_date) {
            cell.i = 0;
          } else if (!parse_date_int(v, cell.i)) {
            errors.push_back({file, rec.line, "bad_date: " + std::string(cs.name)});
            ok = false;
          }
          break;
        case ColType::number: {
          double d = 0;
          auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
          if (v.empty() || ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d) || d < 0) {
            errors.push_back({file, rec.line, "bad_number: " + std::string(cs.name)});
            ok = false;
          }
          cell.f = d;
          break;
        }
        case ColType::integer: {
          int32_t x = 0;
          auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
          if (v.empty() || ec != std::errc() || p != v.data() + v.size() ||
              (cs.min < cs.max && (x < cs.min || x > cs.max))) {
            errors.push_back({file, rec.line, "bad_integer: " + std::string(cs.name)});
            ok = false;
          }
          cell.i = x;
          break;
        }
        case ColType::enumeration: {
          int32_t found = -1;
          for (size_t k = 0; k < cs.values.size(); ++k) {
            if (cs.values[k] == v) {
              found = static_cast<int32_t>(k);
              break;
            }
          }
          if (found < 0) {
            errors.push_back({file, rec.line, "bad_enum: " + std::string(cs.name)});
            ok = false;
          }
          cell.i = found;
          break;
        }
        case ColType::boolean:
          if (!parse_bool(v, cell.i)) {
            errors.push_back({file, rec.line, "bad_boolean: " + std::string(cs.name)});
            ok = false;
          }
          break;
        case ColType::text:
        case ColType::key:
          cell.s = v;
          if (cs.type == ColType::key && v.empty()) {
            errors.push_back({file, rec.line, "empty: " + std::string(cs.name)});
            ok = false;
          }
          break;
      }
    }
    if (!ok) continue;
    if (feed == Feed::population) {
      // The registry's birth date must be the one in the ID number; the township must be a
      // 9-digit code inside the county being run.
      const int32_t id_birth = static_cast<int32_t>(key % 100000000000ULL / 1000);
      if (cells[pop::birth_date].i != id_birth) {
        errors.push_back({file, rec.line, "birth_date_mismatch"});
        continue;
      }
      const std::string_view town = cells[pop::township].s;
      bool town_ok = town.size() == 9 && town.find_first_not_of("0123456789") == std::string_view::npos;
      if (town_ok && !options.county.empty()) town_ok = town.substr(0, 6) == options.county;
      if (!town_ok) {
        errors.push_back({file, rec.line, "township_outside_county"});
        continue;
      }
      const int32_t died = cells[pop::deceased_date].i;
      if (died != 0 && died < id_birth) {
        errors.push_back({file, rec.line, "deceased_before_birth"});
        continue;
      }
    }
    // Commit the row.
    t.ids.push_back(key);
    t.lines.push_back(static_cast<uint32_t>(rec.line));
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
        case ColType::key: {
          auto& map = interned[c];
          auto it = map.find(cell.s);
          if (it == map.end()) {
            it = map.emplace(std::string(cell.s), static_cast<int32_t>(col.dict.size())).first;
            col.dict.emplace_back(cell.s);
          }
          col.ints.push_back(it->second);
          break;
        }
        default:
          col.ints.push_back(cell.i);
      }
    }
  }
  t.rows = t.ids.size();
  return t;
}

FeedTable load_feed(const std::string& dir, Feed feed, const LoadOptions& options, IdValidator& validator,
                    std::vector<RowError>& errors) {
  const std::string path = dir + "/" + std::string(feed_spec(feed).file);
  if (::access(path.c_str(), F_OK) != 0) {
    FeedTable t;
    t.feed = feed;
    return t;
  }
  Mapping m(path);
  if (!m.ok()) {
    FeedTable t;
    t.feed = feed;
    errors.push_back({std::string(feed_spec(feed).file), 0, "unreadable_file"});
    return t;
  }
  return parse_feed(m.view(), feed, options, validator, errors);
}

}  // namespace jiuzhu::discovery
