// store/county_params_store.h on the shared SQL helpers.
#include "backend/store/county_params_store.h"

#include "backend/store/sql_support.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

constexpr const char* kSelect =
    "SELECT id, county, effective_from, body, created_by, created_at FROM county_params WHERE county = ?";

CountyParamsVersion row(const Rows& rows, size_t r) {
  return CountyParamsVersion{rows.i64(r, 0), rows.str(r, 1), rows.str(r, 2),
                             rows.str(r, 3), rows.str(r, 4), rows.str(r, 5)};
}

class SqlCountyParamsStore final : public CountyParamsStore {
 public:
  explicit SqlCountyParamsStore(Database& db) : db_(db) {}

  Result<CountyParamsVersion> add(const CountyParamsVersion& v) override {
    const std::string created_at = now_rfc3339();
    return write_as<CountyParamsVersion>(db_, [&](Tx& tx) -> Result<CountyParamsVersion> {
      CountyParamsVersion out = v;
      out.created_at = created_at;
      auto rows = query(tx,
                        "INSERT INTO county_params (county, effective_from, body, created_by, created_at) "
                        "VALUES (?, ?, ?, ?, ?) RETURNING id",
                        {out.county, out.effective_from, out.body, out.created_by, out.created_at});
      if (rows.empty()) return make_error("db_error", "no id for the new parameters version");
      out.version = rows.i64(0, 0);
      return out;
    });
  }

  Result<std::optional<CountyParamsVersion>> in_force(const std::string& county,
                                                      const std::string& date) override {
    return read_as<std::optional<CountyParamsVersion>>(db_, [&](Tx& tx) -> std::optional<CountyParamsVersion> {
      auto rows = query(
          tx, std::string(kSelect) + " AND effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1",
          {county, date});
      if (rows.empty()) return std::nullopt;
      return row(rows, 0);
    });
  }

  Result<std::vector<CountyParamsVersion>> versions(const std::string& county) override {
    return read_as<std::vector<CountyParamsVersion>>(db_, [&](Tx& tx) {
      return all_rows(query(tx, std::string(kSelect) + " ORDER BY effective_from DESC, id DESC", {county}), row);
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<CountyParamsStore> make_sql_county_params_store(Database& db) {
  return std::make_unique<SqlCountyParamsStore>(db);
}

}  // namespace jiuzhu::backend
