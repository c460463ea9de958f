// store/discovery_ledger_store.h
#include "backend/store/discovery_ledger_store.h"

#include "backend/queue/workflow.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

Result<std::vector<LedgerItem>> LedgerStore::ledger_items(const Scope& scope, const std::string& from,
                                                          const std::string& to) {
  std::vector<LedgerItem> out;
  // The states an item reaches once worked (queue/workflow.h), for an indexed IN list.
  std::string worked_states;
  for (auto st : {queue::ItemState::visited, queue::ItemState::applied, queue::ItemState::not_eligible,
                  queue::ItemState::declined, queue::ItemState::followed_up}) {
    worked_states += std::string(worked_states.empty() ? "'" : ", '") + queue::to_string(st) + "'";
  }
  auto st = db_.read([&](Tx& tx) -> Status {
    // created_at is "YYYY-MM-DDThh:mm:ss+08:00": its first 10 characters are the China date, and
    // the text compares in date order.
    const std::string after = to + "U";  // sorts after every "YYYY-MM-DDT…" of that day
    const std::string county = !scope.county.empty() ? scope.county : scope.township.substr(0, 6);
    const std::string town_filter = scope.township.empty() ? "" : " AND q.township = ?";
    auto params = [&](std::vector<sql::Param> p) {
      if (!scope.township.empty()) p.emplace_back(scope.township);
      return p;
    };
    // county: 1. the untouched bulk — still `lead` (a visit moves a lead on), no application —
    // counted per township, first-flag time and flags, in the order of the index
    // discovery_queue_ledger_state, so the database streams the groups without sorting.
    auto bulk = sql::query(tx,
                           "SELECT q.created_at, q.township, q.flags, COUNT(*) FROM discovery_queue q "
                           "WHERE q.county = ? AND q.state = 'lead' AND q.application_no = '' "
                           "AND q.created_at >= ? AND q.created_at < ?" + town_filter +
                               " GROUP BY q.township, q.created_at, q.flags",
                           params({county, from, after}));
    // 2. every worked item on its own, with its visits and its application.
    const std::string worked =
        "SELECT q.id, q.township, q.flags, q.created_at, q.updated_at, q.state, "
        "COALESCE(v.first_visit, ''), COALESCE(v.in_need, 0), COALESCE(v.no_need, 0), COALESCE(a.status, ''), q.close_code, q.closed_at "
        "FROM discovery_queue q "
        // The county's visits grouped once, rather than three lookups per item.
        "LEFT JOIN (SELECT queue_id, MIN(visited_on) AS first_visit, "
        "SUM(CASE WHEN outcome = 'needs_assistance' THEN 1 ELSE 0 END) AS in_need, "
        "SUM(CASE WHEN outcome = 'no_need' THEN 1 ELSE 0 END) AS no_need "
        "FROM visits WHERE county = ? GROUP BY queue_id) v ON v.queue_id = q.id "
        "LEFT JOIN applications a ON a.application_no = q.application_no AND q.application_no <> '' "
        // (created_at || ''): the period is checked per row, so that the database reads the few
        // worked items by their state instead of the period's whole range of discovery_queue_ledger.
        "WHERE q.county = ? AND (q.created_at || '') >= ? AND (q.created_at || '') < ?" + town_filter + " AND ";
    std::vector<sql::Param> both = params({county, county, from, after});
    const size_t half = both.size();
    for (size_t i = 0; i < half; ++i) both.push_back(both[i]);  // the second half's own parameters
    auto rows = sql::query(tx,
                           worked + "q.state IN (" + worked_states + ") UNION ALL " + worked +
                               "q.state = 'lead' AND q.application_no > ''",
                           both);
    out.reserve(bulk.size() + rows.size());
    for (size_t r = 0; r < bulk.size(); ++r) {
      LedgerItem it;
      it.created_at = bulk.str(r, 0);
      it.township = bulk.str(r, 1);
      it.flags = sql::string_list_of(bulk.str(r, 2), "discovery_queue.flags");
      it.count = bulk.i64(r, 3);
      it.state = queue::ItemState::lead;
      out.push_back(std::move(it));
    }
    for (size_t r = 0; r < rows.size(); ++r) {
      LedgerItem it;
      it.id = rows.i64(r, 0);
      it.township = rows.str(r, 1);
      it.flags = sql::string_list_of(rows.str(r, 2), "discovery_queue.flags");
      it.created_at = rows.str(r, 3);
      it.updated_at = rows.str(r, 4);
      it.state = sql::item_state_of(rows.str(r, 5));
      it.first_visit = rows.str(r, 6);
      it.found_in_need = rows.i64(r, 7) > 0;
      it.found_no_need = rows.i64(r, 8) > 0;
      it.application_status = rows.str(r, 9);
      it.close_code = rows.str(r, 10);
      it.closed_at = rows.str(r, 11);
      out.push_back(std::move(it));
    }
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<RunAge>> LedgerStore::ledger_runs(const std::string& county) {
  std::vector<RunAge> out;
  auto st = db_.read([&](Tx& tx) -> Status {
    auto rows = sql::query(tx, "SELECT created_at, as_of FROM discovery_runs WHERE county = ? ORDER BY id", {county});
    for (size_t r = 0; r < rows.size(); ++r) out.push_back(RunAge{rows.str(r, 0), rows.str(r, 1)});
    return Ok{};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend
