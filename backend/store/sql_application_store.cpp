// ApplicationStore on SQL, shared by the SQLite and PostgreSQL back ends.
#include "backend/store/application_store.h"
#include "backend/store/sql_support.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

// Whether `incoming` is a retry of `stored`: the same kiosk sent the same content (the stored
// form is canonical: compact, keys sorted, ID numbers canonical). Anything else reusing the
// client_id is another application, which must be refused, never answered with the first one's
// number (the sender would drop it as delivered while nothing was stored).
bool same_submission(const ApplicationRecord& stored, const ApplicationRecord& incoming) {
  return stored.kiosk_id == incoming.kiosk_id && stored.body == incoming.body;
}

Error client_id_in_use() {
  return Error{"client_id_in_use", "this client_id was used for another application", "client_id"};
}

// The application stored for `client_id`, if any.
std::optional<ApplicationRecord> app_by_client_id(Tx& tx, const std::string& client_id) {
  const Rows rows = query(tx, std::string("SELECT ") + kAppColumns + " FROM applications WHERE client_id = ?", {client_id});
  if (rows.empty()) return std::nullopt;
  return app_row(rows, 0);
}

class SqlApplicationStore final : public ApplicationStore {
 public:
  explicit SqlApplicationStore(Database& db) : db_(db) {}

  Result<SubmitResult> submit_application(const NewApplication& app) override {
    SubmitResult out;
    auto st = db_.write([&](Tx& tx) -> Status {
      // A retry: answer with the first result. The UNIQUE constraint below backs this up when
      // two retries race on PostgreSQL (the loser fails, rolls back, and its retry lands here).
      // The common case is "not seen": a light query, the full row only for a real retry.
      // ops: with the county too, so that partitioned PostgreSQL (store/pg_partitions.h) looks in
      // the kiosk's county's partition only instead of probing every county's (a retry comes from
      // the same kiosk, hence the same county; a client_id of another county still fails the
      // UNIQUE constraint on SQLite and is its own application in its own county on PostgreSQL).
      if (!query(tx, "SELECT id FROM applications WHERE county = ? AND client_id = ?",
                 {app.record.county, app.record.client_id})
               .empty()) {
        if (auto first = app_by_client_id(tx, app.record.client_id)) {
          if (!same_submission(*first, app.record)) return client_id_in_use();
          out.record = *first;
          out.created = false;
          return Ok{};
        }
      }
      ApplicationRecord a = app.record;
      a.application_no = numbered(a.township, app.number_day, next_counter(tx, "app:" + a.township + ":" + app.number_day));
      exec(tx,
           "INSERT INTO applications (application_no, client_id, township, county, kiosk_id, channel, programs, "
           "status, priority, received_at, updated_at, due_date, id_last4, assigned_to, body) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
           {a.application_no, a.client_id, a.township, a.county, a.kiosk_id, to_string(a.channel), string_list_text(a.programs),
            to_string(a.status),
            a.priority, a.received_at, a.updated_at, a.due_date, a.id_last4, a.assigned_to, a.body});
      exec(tx,
           "INSERT INTO case_events (application_no, at, actor, from_status, to_status, note) VALUES (?, ?, ?, '', ?, '')",
           {a.application_no, a.received_at, app.audit.actor, to_string(a.status)});
      AuditEntry audit = app.audit;
      audit.record_id = a.application_no;
      append_audit_tx(tx, audit);  // last: on PostgreSQL it holds the chain head to commit
      out.record = a;
      out.created = true;
      return Ok{};
    });
    if (!st) {
      // Lost a race with an identical retry on PostgreSQL: the first one is committed now.
      if (st.error().message.find("client_id") != std::string::npos ||
          st.error().message.find("unique") != std::string::npos) {
        auto again = read_as<std::optional<ApplicationRecord>>(
            db_, [&](Tx& tx) { return app_by_client_id(tx, app.record.client_id); });
        if (again && *again) {
          if (!same_submission(**again, app.record)) return client_id_in_use();
          return SubmitResult{**again, false};
        }
      }
      return st.error();
    }
    return out;
  }

  Result<std::optional<ApplicationRecord>> application(const std::string& no, const Scope& scope) override {
    return read_as<std::optional<ApplicationRecord>>(db_, [&](Tx& tx) { return load_app(tx, no, scope, false); });
  }

  Result<std::vector<ApplicationRecord>> intake(const IntakeQuery& q) override {
    return read_as<std::vector<ApplicationRecord>>(db_, [&](Tx& tx) {
      std::string sql = std::string("SELECT ") + kAppColumns + " FROM applications WHERE 1 = 1";
      std::vector<Param> params;
      scope_params(sql, params, q.scope);
      if (q.status) {
        sql += " AND status = ?";
        params.emplace_back(to_string(*q.status));
      }
      if (q.after) {
        sql += " AND (priority < ? OR (priority = ? AND id < ?))";
        params.insert(params.end(), {q.after->first, q.after->first, q.after->second});
      }
      sql += " ORDER BY priority DESC, id DESC LIMIT " + std::to_string(q.limit);
      return all_rows(query(tx, sql, params), [](const Rows& rows, size_t r) { return app_row(rows, r); });
    });
  }

  Result<std::map<CaseState, int64_t>> status_counts() override {
    return read_as<std::map<CaseState, int64_t>>(db_, [&](Tx& tx) {
      std::map<CaseState, int64_t> out;
      const Rows rows = query(tx, "SELECT status, COUNT(*) FROM applications GROUP BY status");
      for (size_t r = 0; r < rows.size(); ++r) out[case_state_of(rows.str(r, 0))] = rows.i64(r, 1);
      return out;
    });
  }

 private:
  Database& db_;
};

}  // namespace

std::unique_ptr<ApplicationStore> make_sql_application_store(Database& db) {
  return std::make_unique<SqlApplicationStore>(db);
}

}  // namespace jiuzhu::backend
