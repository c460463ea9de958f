// One SQL statement with positional `?` parameters, run on either back end, its rows returned as
// plain values: the query-and-bind step every store method repeats, written once.
//
// On a SQLite session with a PreparedStatements cache (the writer and the read sessions) the
// statement is compiled once per connection and reused; elsewhere (PostgreSQL) it goes through
// Poco::Data with `?` rewritten to $n. Failures throw (Poco::Exception), which Database::write
// and read turn into db_error after rolling the job back.
//
// Thread-safety: free functions over a caller-owned Tx; no shared state.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backend/store/database.h"

namespace jiuzhu::backend::sql {

// A parameter value: text, integer or real. Holds a view: the bound text must outlive the call.
class Param {
 public:
  enum class Kind { integer, real, text };
  Param(int v) : kind_(Kind::integer), integer_(v) {}
  Param(long v) : kind_(Kind::integer), integer_(v) {}
  Param(long long v) : kind_(Kind::integer), integer_(v) {}
  Param(double v) : kind_(Kind::real), real_(v) {}
  Param(const std::string& v) : kind_(Kind::text), text_(v) {}
  Param(std::string_view v) : kind_(Kind::text), text_(v) {}
  Param(const char* v) : kind_(Kind::text), text_(v) {}
  Kind kind() const { return kind_; }
  int64_t integer() const { return integer_; }
  double real() const { return real_; }
  std::string_view text() const { return text_; }

 private:
  Kind kind_;
  int64_t integer_ = 0;
  double real_ = 0;
  std::string_view text_;
};

// Result rows; every cell as text (NULL reads as "" / 0, as the RecordSet readers do).
class Rows {
 public:
  size_t size() const { return columns_ ? cells_.size() / columns_ : 0; }
  bool empty() const { return size() == 0; }
  size_t columns() const { return columns_; }
  const std::string& str(size_t row, size_t col) const { return cells_[row * columns_ + col]; }
  int64_t i64(size_t row, size_t col) const;
  double dbl(size_t row, size_t col) const;

  // For the back ends filling it in.
  void set_columns(size_t n) { columns_ = n; }
  void push(std::string cell) { cells_.push_back(std::move(cell)); }

 private:
  size_t columns_ = 0;
  std::vector<std::string> cells_;
};

// Runs `sql` with `params` bound in order and returns its rows (none for statements without).
Rows query(Tx& tx, std::string_view sql, std::initializer_list<Param> params = {});
Rows query(Tx& tx, std::string_view sql, const std::vector<Param>& params);
// The same for statements whose rows do not matter.
void exec(Tx& tx, std::string_view sql, std::initializer_list<Param> params = {});

}  // namespace jiuzhu::backend::sql
