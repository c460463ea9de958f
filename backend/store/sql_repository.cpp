// The Repository on Poco::Data SQL, shared by the SQLite and PostgreSQL back ends.
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <cstdio>

#include "backend/audit/audit_chain.h"
#include "backend/store/migrations.h"
#include "backend/store/repository.h"
#include "backend/store/sql_support.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend {
namespace {

using Poco::Data::RecordSet;
using Poco::Data::Statement;
using Poco::Data::Keywords::bind;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;
using namespace sql;

class SqlRepository final : public Repository {
 public:
  explicit SqlRepository(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  ~SqlRepository() override { db_->close(); }

  Status ping() override { return db_->ping(); }
  Database& database() override { return *db_; }

  Status add_kiosk(const KioskRecord& k, const std::string& token_hash) override {
    return db_->write([&](Tx& tx) -> Status {
      Poco::Int64 n = 0;
      tx.session() << tx.q("SELECT COUNT(*) FROM kiosks WHERE kiosk_id = ?"), bind(k.kiosk_id), into(n), now;
      if (n > 0) return make_error("kiosk_exists", "a kiosk with this id is already registered", "id");
      tx.session() << tx.q("INSERT INTO kiosks (kiosk_id, township, token_hash, created_at) VALUES (?, ?, ?, ?)"),
          bind(k.kiosk_id), bind(k.township), bind(token_hash), bind(k.created_at), now;
      return Ok{};
    });
  }

  Result<std::optional<KioskRecord>> kiosk_by_token(const std::string& token_hash) override {
    std::optional<KioskRecord> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      Statement s(tx.session());
      s << tx.q("SELECT kiosk_id, township, created_at FROM kiosks WHERE token_hash = ? AND active = 1"), bind(token_hash);
      s.execute();
      RecordSet rs(s);
      if (rs.rowCount() > 0) out = KioskRecord{str(rs, 0, 0), str(rs, 1, 0), str(rs, 2, 0)};
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<KioskRecord>> kiosks(const Scope& scope) override {
    std::vector<KioskRecord> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      std::string sql = "SELECT kiosk_id, township, created_at FROM kiosks WHERE 1 = 1";
      Statement s(tx.session());
      if (!scope.township.empty()) sql += " AND township = ?";
      else if (!scope.county.empty()) sql += " AND substr(township, 1, 6) = ?";
      s << tx.q(sql + " ORDER BY kiosk_id");
      scope_bind(s, scope);
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r) out.push_back({str(rs, 0, r), str(rs, 1, r), str(rs, 2, r)});
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Status add_user(const UserRecord& u) override {
    return db_->write([&](Tx& tx) -> Status {
      Poco::Int64 n = 0;
      tx.session() << tx.q("SELECT COUNT(*) FROM users WHERE login = ?"), bind(u.login), into(n), now;
      if (n > 0) return make_error("user_exists", "a user with this login already exists", "login");
      tx.session() << tx.q("INSERT INTO users (login, role, township, county, department, password_hash, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)"),
          bind(u.login), bind(u.role), bind(u.township), bind(u.county), bind(u.department), bind(u.password_hash),
          bind(u.created_at), now;
      return Ok{};
    });
  }

  static UserRecord user_row(RecordSet& rs, size_t r) {
    return UserRecord{str(rs, 0, r), str(rs, 1, r), str(rs, 2, r), str(rs, 3, r),
                      str(rs, 4, r), str(rs, 5, r), str(rs, 6, r)};
  }

  Result<std::optional<UserRecord>> user(const std::string& login) override {
    std::optional<UserRecord> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      Statement s(tx.session());
      s << tx.q("SELECT login, role, township, county, department, password_hash, created_at FROM users WHERE login = ?"),
          bind(login);
      s.execute();
      RecordSet rs(s);
      if (rs.rowCount() > 0) out = user_row(rs, 0);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Status add_session(const std::string& token_hash, const std::string& login, int64_t expires) override {
    return db_->write([&](Tx& tx) -> Status {
      Poco::Int64 e = expires, cutoff = unix_now();
      // Expired sessions are of no use to anyone; sweep them as new ones arrive.
      tx.session() << tx.q("DELETE FROM sessions WHERE expires_at < ?"), bind(cutoff), now;
      tx.session() << tx.q("INSERT INTO sessions (token_hash, login, expires_at) VALUES (?, ?, ?)"), bind(token_hash),
          bind(login), bind(e), now;
      return Ok{};
    });
  }

  Result<std::optional<UserRecord>> session_user(const std::string& token_hash, int64_t now_unix) override {
    std::optional<UserRecord> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      Statement s(tx.session());
      Poco::Int64 t = now_unix;
      s << tx.q("SELECT u.login, u.role, u.township, u.county, u.department, u.password_hash, u.created_at "
                "FROM sessions x JOIN users u ON u.login = x.login WHERE x.token_hash = ? AND x.expires_at > ?"),
          bind(token_hash), bind(t);
      s.execute();
      RecordSet rs(s);
      if (rs.rowCount() > 0) out = user_row(rs, 0);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<SubmitResult> submit_application(const NewApplication& app) override {
    SubmitResult out;
    auto st = db_->write([&](Tx& tx) -> Status {
      auto& s = tx.session();
      // A retry: answer with the first result. The UNIQUE constraint below backs this up when
      // two retries race on PostgreSQL (the loser fails, rolls back, and its retry lands here).
      {
        // The common case is "not seen": a light query, the full row only for a real retry.
        std::vector<Poco::Int64> seen;
        s << tx.q("SELECT id FROM applications WHERE client_id = ?"), bind(app.record.client_id), into(seen), now;
        if (!seen.empty()) {
          Statement q(s);
          q << tx.q(std::string("SELECT ") + kAppColumns + " FROM applications WHERE client_id = ?"),
              bind(app.record.client_id);
          q.execute();
          RecordSet rs(q);
          out.record = app_row(rs, 0);
          out.created = false;
          return Ok{};
        }
      }
      ApplicationRecord a = app.record;
      a.application_no = numbered(a.township, app.number_day, next_counter(tx, "app:" + a.township + ":" + app.number_day));
      Poco::Int64 prio = a.priority;
      s << tx.q("INSERT INTO applications (application_no, client_id, township, county, kiosk_id, channel, programs, "
                "status, priority, received_at, updated_at, due_date, id_last4, assigned_to, body) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          bind(a.application_no), bind(a.client_id), bind(a.township), bind(a.county), bind(a.kiosk_id), bind(a.channel),
          bind(a.programs), bind(a.status), bind(prio), bind(a.received_at), bind(a.updated_at), bind(a.due_date),
          bind(a.id_last4), bind(a.assigned_to), bind(a.body), now;
      s << tx.q("INSERT INTO case_events (application_no, at, actor, from_status, to_status, note) VALUES (?, ?, ?, '', ?, '')"),
          bind(a.application_no), bind(a.received_at), bind(app.audit.actor), bind(a.status), now;
      AuditEntry audit = app.audit;
      audit.record_id = a.application_no;
      append_audit_tx(tx, audit);
      out.record = a;
      out.created = true;
      return Ok{};
    });
    if (!st) {
      // Lost a race with an identical retry on PostgreSQL: the first one is committed now.
      if (st.error().message.find("client_id") != std::string::npos ||
          st.error().message.find("unique") != std::string::npos) {
        auto again = db_->read([&](Tx& tx) -> Status {
          Statement q(tx.session());
          q << tx.q(std::string("SELECT ") + kAppColumns + " FROM applications WHERE client_id = ?"),
              bind(app.record.client_id);
          q.execute();
          RecordSet rs(q);
          if (rs.rowCount() == 0) return make_error("db_error", "submission failed");
          out.record = app_row(rs, 0);
          out.created = false;
          return Ok{};
        });
        if (again) return out;
      }
      return st.error();
    }
    return out;
  }

  Result<std::optional<ApplicationRecord>> application(const std::string& no, const Scope& scope) override {
    std::optional<ApplicationRecord> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      out = load_app(tx, no, scope, false);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<ApplicationRecord>> intake(const IntakeQuery& query) override {
    std::vector<ApplicationRecord> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      std::string sql = std::string("SELECT ") + kAppColumns + " FROM applications WHERE 1 = 1";
      Statement s(tx.session());
      scope_filter(s, sql, query.scope);
      if (!query.status.empty()) sql += " AND status = ?";
      if (query.after) sql += " AND (priority < ? OR (priority = ? AND id < ?))";
      sql += " ORDER BY priority DESC, id DESC LIMIT " + std::to_string(query.limit);
      s << tx.q(sql);
      scope_bind(s, query.scope);
      if (!query.status.empty()) s, bind(query.status);
      if (query.after) {
        Poco::Int64 p = query.after->first, id = query.after->second;
        s, bind(p), bind(p), bind(id);
      }
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r) out.push_back(app_row(rs, r));
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<CaseEvent>> events(const std::string& no) override {
    std::vector<CaseEvent> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      Statement s(tx.session());
      s << tx.q("SELECT at, actor, from_status, to_status, note FROM case_events WHERE application_no = ? ORDER BY id"), bind(no);
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r)
        out.push_back({str(rs, 0, r), str(rs, 1, r), str(rs, 2, r), str(rs, 3, r), str(rs, 4, r)});
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<ApplicationRecord> transition(const std::string& no, const Scope& scope, const std::string& to,
                                       const std::string& note, const std::string& at, const TransitionCheck& check,
                                       const AuditEntry& audit) override {
    ApplicationRecord out;
    auto st = db_->write([&](Tx& tx) -> Status {
      auto current = load_app(tx, no, scope, true);
      if (!current) return make_error("not_found", "no such case");
      if (auto ok = check(*current); !ok) return ok.error();
      tx.session() << tx.q("UPDATE applications SET status = ?, updated_at = ? WHERE application_no = ?"), bind(to),
          bind(at), bind(no), now;
      tx.session() << tx.q("INSERT INTO case_events (application_no, at, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)"),
          bind(no), bind(at), bind(audit.actor), bind(current->status), bind(to), bind(note), now;
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
      auto app = load_app(tx, draft.application_no, scope, false);
      if (!app) return make_error("not_found", "no such case");
      out.township = app->township;
      out.county = app->county;
      out.referral_id = numbered("R" + app->township, day, next_counter(tx, "ref:" + app->township + ":" + day));
      tx.session() << tx.q(std::string("INSERT INTO referrals (") + kReferralColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          bind(out.referral_id), bind(out.application_no), bind(out.township), bind(out.county), bind(out.department),
          bind(out.note), bind(out.status), bind(out.created_at), bind(out.created_by), now;
      AuditEntry e = audit;
      e.township = app->township;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<ReferralRecord>> referrals_query(const std::string& where, const std::vector<std::string>& args) {
    std::vector<ReferralRecord> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      Statement s(tx.session());
      s << tx.q(std::string("SELECT ") + kReferralColumns + " FROM referrals WHERE " + where + " ORDER BY id DESC LIMIT 500");
      for (const auto& a : args) s, bind(a);
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r) out.push_back(referral_row(rs, r));
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<ReferralRecord>> referrals_of(const std::string& no) override {
    return referrals_query("application_no = ?", {no});
  }

  Result<std::vector<ReferralRecord>> referrals_to(const std::string& department, const std::string& county) override {
    if (county.empty()) return referrals_query("department = ?", {department});
    return referrals_query("department = ? AND county = ?", {department, county});
  }

  Result<std::string> add_lead(const NewLead& lead) override {
    std::string lead_id;
    auto st = db_->write([&](Tx& tx) -> Status {
      auto& s = tx.session();
      lead_id = numbered("L" + lead.township, lead.number_day, next_counter(tx, "lead:" + lead.township + ":" + lead.number_day));
      Poco::Int64 urgent = lead.urgent ? 1 : 0;
      s << tx.q("INSERT INTO leads (lead_id, township, county, source, urgent, body, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
          bind(lead_id), bind(lead.township), bind(lead.county), bind(lead.source), bind(urgent), bind(lead.body),
          bind(lead.created_at), bind(lead.created_by), now;
      double score = lead.urgent ? 1.0 : 0.5;
      s << tx.q("INSERT INTO discovery_queue (township, county, lead_id, source, score, flags, status, visit_due, created_at, updated_at) "
                "VALUES (?, ?, ?, 'lead', ?, ?, 'open', ?, ?, ?)"),
          bind(lead.township), bind(lead.county), bind(lead_id), bind(score), bind(lead.flags), bind(lead.visit_due),
          bind(lead.created_at), bind(lead.created_at), now;
      AuditEntry e = lead.audit;
      e.record_id = lead_id;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (!st) return st.error();
    return lead_id;
  }

  Result<std::vector<QueueItem>> queue(const Scope& scope, const std::string& status, int limit) override {
    std::vector<QueueItem> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      std::string sql = kQueueSelect;
      queue_scope(sql, scope);
      if (!status.empty()) sql += " AND q.status = ?";
      sql += " ORDER BY q.score DESC, q.visit_due, q.id LIMIT " + std::to_string(limit);
      Statement s(tx.session());
      s << tx.q(sql);
      scope_bind(s, scope);
      if (!status.empty()) s, bind(status);
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r) out.push_back(queue_row(rs, r));
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<QueueItem>> visits_due(const Scope& scope, const std::string& by) override {
    std::vector<QueueItem> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      std::string sql = kQueueSelect;
      queue_scope(sql, scope);
      sql += " AND q.status = 'open' AND q.visit_due <> '' AND q.visit_due <= ? ORDER BY q.visit_due, q.id LIMIT 500";
      Statement s(tx.session());
      s << tx.q(sql);
      scope_bind(s, scope);
      s, bind(by);
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r) out.push_back(queue_row(rs, r));
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<VisitRecord> add_visit(const VisitRecord& draft, const std::string& day, const Scope& scope,
                                const AuditEntry& audit) override {
    VisitRecord out = draft;
    auto st = db_->write([&](Tx& tx) -> Status {
      auto& s = tx.session();
      std::string sql = "SELECT township, county FROM discovery_queue q WHERE id = ?";
      queue_scope(sql, scope);
      Statement q(s);
      Poco::Int64 qid = draft.queue_id;
      q << tx.q(sql), bind(qid);
      scope_bind(q, scope);
      q.execute();
      RecordSet rs(q);
      if (rs.rowCount() == 0) return make_error("not_found", "no such queue item");
      out.township = str(rs, 0, 0);
      out.county = str(rs, 1, 0);
      out.visit_id = numbered("V" + out.township, day, next_counter(tx, "visit:" + out.township + ":" + day));
      s << tx.q("INSERT INTO visits (visit_id, queue_id, township, county, visited_on, caseworker, outcome, note, next_visit_due, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          bind(out.visit_id), bind(qid), bind(out.township), bind(out.county), bind(out.visited_on), bind(out.caseworker),
          bind(out.outcome), bind(out.note), bind(out.next_visit_due), bind(out.created_at), now;
      // A follow-up keeps the item open with its new due date; otherwise the visit closes it.
      std::string status = out.next_visit_due.empty() ? "visited" : "open";
      s << tx.q("UPDATE discovery_queue SET status = ?, visit_due = ?, updated_at = ? WHERE id = ?"), bind(status),
          bind(out.next_visit_due), bind(out.created_at), bind(qid), now;
      AuditEntry e = audit;
      e.township = out.township;
      e.record_id = out.visit_id;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Status append_audit(const AuditEntry& entry) override {
    return db_->write([&](Tx& tx) -> Status {
      append_audit_tx(tx, entry);
      return Ok{};
    });
  }

  static AuditRow audit_row(RecordSet& rs, size_t r) {
    AuditRow a;
    a.seq = i64(rs, 0, r);
    a.at = str(rs, 1, r);
    a.entry = AuditEntry{str(rs, 2, r), str(rs, 3, r), str(rs, 4, r), str(rs, 5, r), str(rs, 6, r), str(rs, 7, r), str(rs, 8, r)};
    a.prev_hash = str(rs, 9, r);
    a.hash = str(rs, 10, r);
    return a;
  }

  Result<std::vector<AuditRow>> audit(const Scope& scope, int64_t after_seq, int limit) override {
    std::vector<AuditRow> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      std::string sql = "SELECT seq, at, actor, role, action, record_type, record_id, township, detail, prev_hash, hash "
                        "FROM audit_log WHERE seq > ?";
      if (!scope.township.empty()) sql += " AND township = ?";
      else if (!scope.county.empty()) sql += " AND substr(township, 1, 6) = ?";
      sql += " ORDER BY seq LIMIT " + std::to_string(limit);
      Statement s(tx.session());
      Poco::Int64 after = after_seq;
      s << tx.q(sql), bind(after);
      scope_bind(s, scope);
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r) out.push_back(audit_row(rs, r));
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<AuditVerification> verify_audit() override {
    std::vector<AuditRow> all;
    int64_t after = 0;
    for (;;) {
      auto page = audit(Scope{}, after, 5000);
      if (!page) return page.error();
      if (page->empty()) break;
      after = page->back().seq;
      all.insert(all.end(), page->begin(), page->end());
    }
    return verify_audit_chain(all);
  }

  Result<std::map<std::string, int64_t>> status_counts() override {
    std::map<std::string, int64_t> out;
    auto st = db_->read([&](Tx& tx) -> Status {
      Statement s(tx.session());
      s << "SELECT status, COUNT(*) FROM applications GROUP BY status";
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r) out[str(rs, 0, r)] = i64(rs, 1, r);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

 private:
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
