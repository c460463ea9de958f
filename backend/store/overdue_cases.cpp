#include "backend/store/overdue_cases.h"

#include "backend/intake/workflow.h"
#include "backend/store/sql_query.h"

namespace jiuzhu::backend {

Result<std::map<std::string, int64_t>> overdue_cases(Database& db, const std::string& today) {
  // The final states from the workflow itself, so that a new state cannot be forgotten here.
  std::string finals;
  for (auto s :
       {CaseState::received, CaseState::investigating, CaseState::under_review, CaseState::public_notice,
        CaseState::approved, CaseState::rejected, CaseState::withdrawn, CaseState::referred}) {
    if (is_final(s)) finals += std::string(finals.empty() ? "'" : ", '") + to_string(s) + "'";
  }
  std::map<std::string, int64_t> out;
  auto st = db.read([&](Tx& tx) -> Status {
    const sql::Rows rows =
        sql::query(tx,
                   "SELECT county, COUNT(*) FROM applications WHERE due_date < ? AND status NOT IN (" +
                       finals + ") GROUP BY county",
                   {today});
    for (size_t r = 0; r < rows.size(); ++r) out[rows.str(r, 0)] = rows.i64(r, 1);
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
