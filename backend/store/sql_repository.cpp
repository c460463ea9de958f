// The Repository on SQL, shared by the SQLite and PostgreSQL back ends. Every statement goes
// through sql::query / sql::exec (store/sql_query.h), which compiles it once per SQLite
// connection; the methods here only say what to run and how rows become records.
#include <cstdio>

#include "backend/audit/audit_chain.h"
#include "backend/store/migrations.h"
#include "backend/store/repository.h"
#include "backend/store/sql_support.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend {
namespace {

using namespace sql;

constexpr const char* kUserColumns = "login, role, township, county, department, password_hash, created_at";
constexpr const char* kAuditColumns =
    "seq, at, actor, role, action, record_type, record_id, township, detail, prev_hash, hash";

UserRecord user_row(const Rows& rows, size_t r) {
  return UserRecord{rows.str(r, 0), rows.str(r, 1), rows.str(r, 2), rows.str(r, 3),
                    rows.str(r, 4), rows.str(r, 5), rows.str(r, 6)};
}

std::optional<UserRecord> first_user(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return user_row(rows, 0);
}

ReferralRecord referral_of_row(const Rows& rows, size_t r) {
  return ReferralRecord{rows.str(r, 0), rows.str(r, 1), rows.str(r, 2), rows.str(r, 3), rows.str(r, 4),
                        rows.str(r, 5), rows.str(r, 6), rows.str(r, 7), rows.str(r, 8)};
}

// Every row of `rows` through `row`.
template <typename Row>
auto all_rows(const Rows& rows, Row row) {
  std::vector<decltype(row(rows, 0))> out;
  out.reserve(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) out.push_back(row(rows, r));
  return out;
}

// The scope condition on a table whose county is the first 6 digits of its township column.
void township_scope(std::string& sql, std::vector<Param>& params, const Scope& scope) {
  if (!scope.township.empty()) {
    sql += " AND township = ?";
    params.emplace_back(scope.township);
  } else if (!scope.county.empty()) {
    sql += " AND substr(township, 1, 6) = ?";
    params.emplace_back(scope.county);
  }
}

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

class SqlRepository final : public Repository {
 public:
  explicit SqlRepository(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  ~SqlRepository() override { db_->close(); }

  Status ping() override { return db_->ping(); }
  Database& database() override { return *db_; }

  Status add_kiosk(const KioskRecord& k, const std::string& token_hash) override {
    return db_->write([&](Tx& tx) -> Status {
      if (!query(tx, "SELECT 1 FROM kiosks WHERE kiosk_id = ?", {k.kiosk_id}).empty()) {
        return make_error("kiosk_exists", "a kiosk with this id is already registered", "id");
      }
      exec(tx, "INSERT INTO kiosks (kiosk_id, township, token_hash, created_at) VALUES (?, ?, ?, ?)",
           {k.kiosk_id, k.township, token_hash, k.created_at});
      return Ok{};
    });
  }

  Result<std::optional<KioskRecord>> kiosk_by_token(const std::string& token_hash) override {
    return read_as<std::optional<KioskRecord>>([&](Tx& tx) -> std::optional<KioskRecord> {
      const Rows rows =
          query(tx, "SELECT kiosk_id, township, created_at FROM kiosks WHERE token_hash = ? AND active = 1", {token_hash});
      if (rows.empty()) return std::nullopt;
      return KioskRecord{rows.str(0, 0), rows.str(0, 1), rows.str(0, 2)};
    });
  }

  Result<std::vector<KioskRecord>> kiosks(const Scope& scope) override {
    return read_as<std::vector<KioskRecord>>([&](Tx& tx) {
      std::string sql = "SELECT kiosk_id, township, created_at FROM kiosks WHERE 1 = 1";
      std::vector<Param> params;
      township_scope(sql, params, scope);
      return all_rows(query(tx, sql + " ORDER BY kiosk_id", params), [](const Rows& rows, size_t r) {
        return KioskRecord{rows.str(r, 0), rows.str(r, 1), rows.str(r, 2)};
      });
    });
  }

  Status add_user(const UserRecord& u) override {
    return db_->write([&](Tx& tx) -> Status {
      if (!query(tx, "SELECT 1 FROM users WHERE login = ?", {u.login}).empty()) {
        return make_error("user_exists", "a user with this login already exists", "login");
      }
      exec(tx, std::string("INSERT INTO users (") + kUserColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
           {u.login, u.role, u.township, u.county, u.department, u.password_hash, u.created_at});
      return Ok{};
    });
  }

  Result<std::optional<UserRecord>> user(const std::string& login) override {
    return read_as<std::optional<UserRecord>>([&](Tx& tx) {
      // county: a disabled account (staff_store.h) is not found, so it cannot log in.
      return first_user(
          query(tx, std::string("SELECT ") + kUserColumns + " FROM users WHERE login = ? AND active = 1", {login}));
    });
  }

  Status add_session(const std::string& token_hash, const std::string& login, int64_t expires) override {
    return db_->write([&](Tx& tx) -> Status {
      // Expired sessions are of no use to anyone; sweep them as new ones arrive.
      exec(tx, "DELETE FROM sessions WHERE expires_at < ?", {unix_now()});
      exec(tx, "INSERT INTO sessions (token_hash, login, expires_at) VALUES (?, ?, ?)", {token_hash, login, expires});
      return Ok{};
    });
  }

  Result<std::optional<UserRecord>> session_user(const std::string& token_hash, int64_t now_unix) override {
    return read_as<std::optional<UserRecord>>([&](Tx& tx) {
      return first_user(query(tx,
                               "SELECT u.login, u.role, u.township, u.county, u.department, u.password_hash, u.created_at "
                               "FROM sessions x JOIN users u ON u.login = x.login WHERE x.token_hash = ? AND x.expires_at > ? "
                               "AND u.active = 1",
                               {token_hash, now_unix}));
    });
  }

  Result<SubmitResult> submit_application(const NewApplication& app) override {
    SubmitResult out;
    auto st = db_->write([&](Tx& tx) -> Status {
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
           {a.application_no, a.client_id, a.township, a.county, a.kiosk_id, a.channel, a.programs, a.status,
            a.priority, a.received_at, a.updated_at, a.due_date, a.id_last4, a.assigned_to, a.body});
      exec(tx,
           "INSERT INTO case_events (application_no, at, actor, from_status, to_status, note) VALUES (?, ?, ?, '', ?, '')",
           {a.application_no, a.received_at, app.audit.actor, a.status});
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
            [&](Tx& tx) { return app_by_client_id(tx, app.record.client_id); });
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
    return read_as<std::optional<ApplicationRecord>>([&](Tx& tx) { return load_app(tx, no, scope, false); });
  }

  Result<std::vector<ApplicationRecord>> intake(const IntakeQuery& q) override {
    return read_as<std::vector<ApplicationRecord>>([&](Tx& tx) {
      std::string sql = std::string("SELECT ") + kAppColumns + " FROM applications WHERE 1 = 1";
      std::vector<Param> params;
      scope_params(sql, params, q.scope);
      if (!q.status.empty()) {
        sql += " AND status = ?";
        params.emplace_back(q.status);
      }
      if (q.after) {
        sql += " AND (priority < ? OR (priority = ? AND id < ?))";
        params.insert(params.end(), {q.after->first, q.after->first, q.after->second});
      }
      sql += " ORDER BY priority DESC, id DESC LIMIT " + std::to_string(q.limit);
      return all_rows(query(tx, sql, params), [](const Rows& rows, size_t r) { return app_row(rows, r); });
    });
  }

  Result<std::vector<CaseEvent>> events(const std::string& no) override {
    return read_as<std::vector<CaseEvent>>([&](Tx& tx) {
      return all_rows(
          query(tx, "SELECT at, actor, from_status, to_status, note FROM case_events WHERE application_no = ? ORDER BY id", {no}),
          [](const Rows& rows, size_t r) {
            return CaseEvent{rows.str(r, 0), rows.str(r, 1), rows.str(r, 2), rows.str(r, 3), rows.str(r, 4)};
          });
    });
  }

  Result<ApplicationRecord> transition(const std::string& no, const Scope& scope, const std::string& to,
                                       const std::string& note, const std::string& at, const TransitionCheck& check,
                                       const AuditEntry& audit) override {
    ApplicationRecord out;
    auto st = db_->write([&](Tx& tx) -> Status {
      auto current = load_app(tx, no, scope, true);
      if (!current) return make_error("not_found", "no such case");
      if (auto ok = check(*current); !ok) return ok.error();
      exec(tx, "UPDATE applications SET status = ?, updated_at = ? WHERE application_no = ?", {to, at, no});
      exec(tx, "INSERT INTO case_events (application_no, at, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)",
           {no, at, audit.actor, current->status, to, note});
      AuditEntry e = audit;
      e.township = current->township;
      append_audit_tx(tx, e);
      out = *current;
      out.status = to;
      out.updated_at = at;
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<ReferralRecord> add_referral(const ReferralRecord& draft, const std::string& day, const Scope& scope,
                                      const AuditEntry& audit) override {
    ReferralRecord out = draft;
    auto st = db_->write([&](Tx& tx) -> Status {
      if (auto in = insert_referral_tx(tx, out, day, scope); !in) return in;
      AuditEntry e = audit;
      e.township = out.township;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<ReferralRecord>> referrals_of(const std::string& no) override {
    return referrals_where("application_no = ?", {no});
  }

  Result<std::vector<ReferralRecord>> referrals_to(const std::string& department, const std::string& county) override {
    if (county.empty()) return referrals_where("department = ?", {department});
    return referrals_where("department = ? AND county = ?", {department, county});
  }

  Status append_audit(const AuditEntry& entry) override {
    return db_->write([&](Tx& tx) -> Status {
      append_audit_tx(tx, entry);
      return Ok{};
    });
  }

  Result<std::vector<AuditRow>> audit(const Scope& scope, int64_t after_seq, int limit) override {
    return read_as<std::vector<AuditRow>>([&](Tx& tx) {
      std::string sql = std::string("SELECT ") + kAuditColumns + " FROM audit_log WHERE seq > ?";
      std::vector<Param> params{after_seq};
      township_scope(sql, params, scope);
      sql += " ORDER BY seq LIMIT " + std::to_string(limit);
      return all_rows(query(tx, sql, params), audit_row);
    });
  }

  Result<AuditVerification> verify_audit() override {
    // A page at a time: a county's audit of years need not fit in memory.
    AuditChainWalker walker;
    int64_t after = 0;
    for (;;) {
      auto page = audit(Scope{}, after, 5000);
      if (!page) return page.error();
      if (page->empty()) break;
      after = page->back().seq;
      for (const auto& row : *page) {
        if (!walker.add(row)) return walker.result();
      }
    }
    return walker.result();
  }

  Result<std::map<std::string, int64_t>> status_counts() override {
    return read_as<std::map<std::string, int64_t>>([&](Tx& tx) {
      std::map<std::string, int64_t> out;
      const Rows rows = query(tx, "SELECT status, COUNT(*) FROM applications GROUP BY status");
      for (size_t r = 0; r < rows.size(); ++r) out[rows.str(r, 0)] = rows.i64(r, 1);
      return out;
    });
  }

 private:
  // Runs `produce` on a read session and returns what it produced, or the read's error.
  template <typename T, typename Produce>
  Result<T> read_as(Produce produce) {
    T out{};
    auto st = db_->read([&](Tx& tx) -> Status {
      out = produce(tx);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<ReferralRecord>> referrals_where(const std::string& where, std::initializer_list<Param> params) {
    const std::vector<Param> args(params);
    return read_as<std::vector<ReferralRecord>>([&](Tx& tx) {
      return all_rows(
          query(tx, std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE " + where + " ORDER BY id DESC LIMIT 500",
                args),
          referral_of_row);
    });
  }

  std::unique_ptr<Database> db_;
};

}  // namespace

std::unique_ptr<Repository> make_sql_repository(std::unique_ptr<Database> db) {
  return std::make_unique<SqlRepository>(std::move(db));
}

Result<std::unique_ptr<Repository>> open_repository(const std::string& url, const DatabaseOptions& options) {
  auto db = open_database(url, options);
  if (!db) return db.error();
  if (auto st = migrate(**db); !st) return st.error();
  return make_sql_repository(std::move(db).value());
}

}  // namespace jiuzhu::backend
