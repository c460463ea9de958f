#include "backend/store/calendar_notice_store.h"

#include "backend/store/county_overview_store.h"
#include "backend/store/sql_query.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {

Result<int64_t> CalendarNoticeStore::add_calendar_notice(const CalendarNotice& n, AuditEntry audit) {
  int64_t version = 0;
  auto st = db_.write([&](Tx& tx) -> Status {
    sql::exec(tx,
              "INSERT INTO calendar_notices (year, document_number, title, published_on, holidays, workdays, "
              "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              {n.year, n.document_number, n.title, n.published_on, n.holidays, n.workdays, n.created_by,
               n.created_at});
    const sql::Rows r = sql::query(tx, "SELECT MAX(id) FROM calendar_notices WHERE year = ?", {n.year});
    version = r.i64(0, 0);
    audit.record_id = std::to_string(version);
    sql::append_audit_tx(tx, audit);
    return Ok{};
  });
  if (!st) return st.error();
  return version;
}

Result<std::vector<CalendarNotice>> CalendarNoticeStore::calendar_notices() {
  return sql::read_as<std::vector<CalendarNotice>>(db_, [&](Tx& tx) {
    return sql::all_rows(sql::query(tx,
                                    "SELECT id, year, document_number, title, published_on, holidays, workdays, "
                                    "created_by, created_at FROM calendar_notices ORDER BY id"),
                         [](const sql::Rows& r, size_t i) {
                           return CalendarNotice{r.i64(i, 0), static_cast<int>(r.i64(i, 1)), r.str(i, 2),
                                                 r.str(i, 3), r.str(i, 4), r.str(i, 5), r.str(i, 6),
                                                 r.str(i, 7), r.str(i, 8)};
                         });
  });
}

Result<std::pair<int64_t, int64_t>> CalendarNoticeStore::calendar_notice_mark() {
  return sql::read_as<std::pair<int64_t, int64_t>>(db_, [&](Tx& tx) -> std::pair<int64_t, int64_t> {
    const sql::Rows r = sql::query(tx, "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM calendar_notices");
    if (r.size() != 1) return {0, 0};
    return {r.i64(0, 0), r.i64(0, 1)};
  });
}

Result<std::vector<OpenCase>> CalendarNoticeStore::open_cases_due_from(const std::string& due_from,
                                                                       const std::string& received_before) {
  return sql::read_as<std::vector<OpenCase>>(db_, [&](Tx& tx) {
    return sql::all_rows(sql::query(tx,
                                    "SELECT application_no, programs, received_at, due_date, township, priority "
                                    "FROM applications WHERE due_date >= ? AND received_at < ? AND status NOT IN (" +
                                        final_case_states_sql() + ") ORDER BY id",
                                    {due_from, received_before}),
                         [](const sql::Rows& r, size_t i) {
                           return OpenCase{r.str(i, 0), r.str(i, 1), r.str(i, 2),
                                           r.str(i, 3), r.str(i, 4), r.i64(i, 5) > 0};
                         });
  });
}

Status CalendarNoticeStore::set_due_dates(const std::vector<std::pair<std::string, std::string>>& due,
                                          const AuditEntry& audit) {
  return db_.write([&](Tx& tx) -> Status {
    for (const auto& [no, date] : due) {
      sql::exec(tx, "UPDATE applications SET due_date = ? WHERE application_no = ?", {date, no});
    }
    sql::append_audit_tx(tx, audit);
    return Ok{};
  });
}

}  // namespace jiuzhu::backend
