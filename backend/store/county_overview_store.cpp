#include "backend/store/county_overview_store.h"

#include <nlohmann/json.hpp>

#include "backend/intake/workflow.h"
#include "backend/store/sql_query.h"

namespace jiuzhu::backend {

using Json = nlohmann::json;

std::string final_case_states_sql() {
  std::string finals;
  for (auto s :
       {CaseState::received, CaseState::investigating, CaseState::under_review, CaseState::public_notice,
        CaseState::approved, CaseState::rejected, CaseState::withdrawn, CaseState::referred}) {
    if (is_final(s)) finals += std::string(finals.empty() ? "'" : ", '") + to_string(s) + "'";
  }
  return finals;
}

Result<CountyOverview> CountyOverviewStore::county_overview(const std::string& county, const std::string& today) {
  CountyOverview out;
  const std::string finals = final_case_states_sql();
  auto st = db_.read([&](Tx& tx) -> Status {
    // Applications: grouped by their program list (few distinct lists), split per program here.
    const sql::Rows apps =
        sql::query(tx,
                   "SELECT township, programs, status, COUNT(*), "
                   "SUM(CASE WHEN due_date < ? AND status NOT IN (" +
                       finals +
                       ") THEN 1 ELSE 0 END) "
                       "FROM applications WHERE county = ? GROUP BY township, programs, status",
                   {today, county});
    for (size_t r = 0; r < apps.size(); ++r) {
      const std::string& town = apps.str(r, 0);
      const std::string& status = apps.str(r, 2);
      const int64_t n = apps.i64(r, 3);
      auto& t = out.townships[town];
      t.applications[status] += n;
      t.overdue += apps.i64(r, 4);
      const Json list = Json::parse(apps.str(r, 1), nullptr, false);
      if (!list.is_array()) continue;
      for (const auto& p : list) {
        if (p.is_string()) out.programs[{p.get<std::string>(), town}][status] += n;
      }
    }
    const sql::Rows queue = sql::query(tx,
                                       "SELECT township, status, COUNT(*), "
                                       "SUM(CASE WHEN visit_due <> '' AND visit_due <= ? THEN 1 ELSE 0 END), "
                                       "SUM(CASE WHEN visit_due <> '' AND visit_due < ? THEN 1 ELSE 0 END) "
                                       "FROM discovery_queue WHERE county = ? GROUP BY township, status",
                                       {today, today, county});
    for (size_t r = 0; r < queue.size(); ++r) {
      auto& t = out.townships[queue.str(r, 0)];
      if (queue.str(r, 1) == "closed") {
        t.queue_closed += queue.i64(r, 2);
      } else {
        t.queue_open += queue.i64(r, 2);
        t.visits_due += queue.i64(r, 3);
        t.visits_overdue += queue.i64(r, 4);
      }
    }
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<OverdueCase>> CountyOverviewStore::overdue_case_list(const OverdueQuery& q) {
  std::vector<OverdueCase> out;
  auto st = db_.read([&](Tx& tx) -> Status {
    std::string sql =
        "SELECT id, application_no, township, programs, status, received_at, due_date, assigned_to "
        "FROM applications WHERE county = ? AND due_date < ? AND status NOT IN (" +
        final_case_states_sql() + ")";
    std::vector<sql::Param> params{q.county, q.today};
    if (!q.township.empty()) {
      sql += " AND township = ?";
      params.emplace_back(q.township);
    }
    if (q.after) {
      sql += " AND (due_date > ? OR (due_date = ? AND id > ?))";
      params.emplace_back(q.after->first);
      params.emplace_back(q.after->first);
      params.emplace_back(static_cast<long long>(q.after->second));
    }
    sql += " ORDER BY due_date, id LIMIT " + std::to_string(q.limit);
    const sql::Rows rows = sql::query(tx, sql, params);
    for (size_t r = 0; r < rows.size(); ++r) {
      out.push_back(OverdueCase{rows.i64(r, 0), rows.str(r, 1), rows.str(r, 2), rows.str(r, 3),
                                rows.str(r, 4), rows.str(r, 5), rows.str(r, 6), rows.str(r, 7)});
    }
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
