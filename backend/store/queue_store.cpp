// The QueueStore on Poco::Data SQL, shared by the SQLite and PostgreSQL back ends.
#include "backend/store/queue_store.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "backend/store/queue_run_import.h"
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

constexpr const char* kSelect =
    "SELECT q.id, q.township, q.county, q.household_id, q.lead_id, q.source, q.score, q.flags, q.status, "
    "q.assigned_to, q.visit_due, q.created_at, q.updated_at, COALESCE(l.body, ''), q.run_id, q.change_kind, "
    "q.evidence, q.suggested_programs, q.key_category, q.cadence, q.state, q.reason, q.application_no, q.subject_id, "
    "q.close_code, q.close_note, q.closed_at "
    "FROM discovery_queue q LEFT JOIN leads l ON l.lead_id = q.lead_id WHERE 1 = 1";

DiscoveryItem item_row(RecordSet& rs, size_t r) {
  DiscoveryItem q;
  q.id = i64(rs, 0, r);
  q.township = str(rs, 1, r);
  q.county = str(rs, 2, r);
  q.household_id = str(rs, 3, r);
  q.lead_id = str(rs, 4, r);
  q.source = str(rs, 5, r);
  q.score = dbl(rs, 6, r);
  q.flags = string_list_of(str(rs, 7, r), "discovery_queue.flags");
  q.status = item_status_of(str(rs, 8, r));
  q.assigned_to = str(rs, 9, r);
  q.visit_due = str(rs, 10, r);
  q.created_at = str(rs, 11, r);
  q.updated_at = str(rs, 12, r);
  // Only a lead's item joins a lead; the others have no body.
  if (const std::string body = str(rs, 13, r); !body.empty()) {
    q.lead_body = json_of(body, nlohmann::json::value_t::object, "leads.body");
  }
  q.run_id = i64(rs, 14, r);
  q.change_kind = optional_change_kind_of(str(rs, 15, r));
  q.evidence = json_of(str(rs, 16, r), nlohmann::json::value_t::array, "discovery_queue.evidence");
  q.suggested_programs = string_list_of(str(rs, 17, r), "discovery_queue.suggested_programs");
  q.key_category = str(rs, 18, r);
  q.cadence = str(rs, 19, r);
  q.state = item_state_of(str(rs, 20, r));
  q.reason = str(rs, 21, r);
  q.application_no = str(rs, 22, r);
  q.subject_id = str(rs, 23, r);
  q.close_code = str(rs, 24, r);
  q.close_note = str(rs, 25, r);
  q.closed_at = str(rs, 26, r);
  return q;
}

std::vector<DiscoveryItem> all_rows(Statement& st) {
  st.execute();
  RecordSet rs(st);
  std::vector<DiscoveryItem> out;
  out.reserve(rs.rowCount());
  for (size_t r = 0; r < rs.rowCount(); ++r) out.push_back(item_row(rs, r));
  return out;
}

std::optional<DiscoveryItem> load_item(Tx& tx, int64_t id, const Scope& scope, bool for_update) {
  std::string sql = std::string(kSelect) + " AND q.id = ?";
  queue_scope(sql, scope);
  if (for_update && tx.postgres()) sql += " FOR UPDATE OF q";
  Statement st(tx.session());
  Poco::Int64 qid = id;
  st << tx.q(sql), bind(qid);
  scope_bind(st, scope);
  auto rows = all_rows(st);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

// The caseworker `login` if it is a caseworker of `township`.
// A staff read of a list of person records: audited with how many rows it showed.
void audit_list(Tx& tx, AuditEntry e, size_t rows) {
  e.detail += (e.detail.empty() ? "" : " ") + std::string("rows=") + std::to_string(rows);
  append_audit_tx(tx, e);
}

Status check_caseworker(Tx& tx, const std::string& login, const std::string& township) {
  std::vector<std::string> role, town;
  tx.session() << tx.q("SELECT role, township FROM users WHERE login = ?"), bind(login), into(role), into(town), now;
  if (role.empty() || role[0] != "caseworker" || town[0] != township) {
    return make_error("bad_caseworker", "the assignee must be a caseworker of the item's township", "caseworker");
  }
  return Ok{};
}

void store_item_state(Tx& tx, const DiscoveryItem& it, const std::string& at) {
  Poco::Int64 qid = it.id;
  const std::string state = queue::to_string(it.state), status = queue::to_string(it.status);
  tx.session() << tx.q("UPDATE discovery_queue SET state = ?, status = ?, reason = ?, application_no = ?, visit_due = ?, "
                       "assigned_to = ?, updated_at = ?, close_code = ?, close_note = ?, closed_at = ? WHERE id = ?"),
      bind(state), bind(status), bind(it.reason), bind(it.application_no), bind(it.visit_due),
      bind(it.assigned_to), bind(at), bind(it.close_code), bind(it.close_note), bind(it.closed_at), bind(qid), now;
}

class SqlQueueStore final : public QueueStore {
 public:
  explicit SqlQueueStore(Database& db) : db_(db) {}

  Result<NewLeadResult> add_lead(const NewLead& lead, const std::string& client_id) override {
    NewLeadResult out;
    auto find = [&](Tx& tx) -> Result<bool> {
      std::vector<std::string> id, town, due;
      tx.session() << tx.q("SELECT l.lead_id, l.township, COALESCE(q.visit_due, '') FROM leads l "
                           "LEFT JOIN discovery_queue q ON q.lead_id = l.lead_id WHERE l.client_id = ?"),
          bind(client_id), into(id), into(town), into(due), now;
      if (id.empty()) return false;
      if (town[0] != lead.township) return make_error("client_id_in_use", "this client_id belongs to another lead", "client_id");
      out.lead_id = id[0];
      out.visit_due = due[0];
      out.created = false;
      return true;
    };
    auto st = db_.write([&](Tx& tx) -> Status {
      if (!client_id.empty()) {
        auto seen = find(tx);
        if (!seen) return seen.error();
        if (*seen) return Ok{};
      }
      auto& s = tx.session();
      out.lead_id = numbered("L" + lead.township, lead.number_day, next_counter(tx, "lead:" + lead.township + ":" + lead.number_day));
      out.visit_due = lead.visit_due;
      out.created = true;
      Poco::Int64 urgent = lead.urgent ? 1 : 0;
      s << tx.q("INSERT INTO leads (lead_id, township, county, source, urgent, body, created_at, created_by) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
          bind(out.lead_id), bind(lead.township), bind(lead.county), bind(lead.source), bind(urgent), bind(lead.body),
          bind(lead.created_at), bind(lead.created_by), now;
      // Without a client_id the column stays NULL, which UNIQUE allows any number of times.
      if (!client_id.empty()) {
        s << tx.q("UPDATE leads SET client_id = ? WHERE lead_id = ?"), bind(client_id), bind(out.lead_id), now;
      }
      double score = lead.urgent ? 1.0 : 0.5;
      const std::string flags = string_list_text(lead.flags);
      s << tx.q("INSERT INTO discovery_queue (township, county, lead_id, source, score, flags, status, state, visit_due, "
                "created_at, updated_at) VALUES (?, ?, ?, 'lead', ?, ?, 'open', 'lead', ?, ?, ?)"),
          bind(lead.township), bind(lead.county), bind(out.lead_id), bind(score), bind(flags), bind(lead.visit_due),
          bind(lead.created_at), bind(lead.created_at), now;
      AuditEntry e = lead.audit;
      e.record_id = out.lead_id;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (st) return out;
    // Two racing retries: the UNIQUE client_id lets one insert; the other finds it now.
    if (!client_id.empty() && st.error().code == "db_error") {
      auto again = db_.read([&](Tx& tx) -> Status {
        auto seen = find(tx);
        if (!seen) return seen.error();
        if (!*seen) return st.error();
        return Ok{};
      });
      if (again) return out;
      return again.error();
    }
    return st.error();
  }

  Result<std::vector<DiscoveryItem>> list(const QueueFilter& f, const AuditEntry& audit) override {
    std::vector<DiscoveryItem> out;
    auto st = db_.write([&](Tx& tx) -> Status {
      std::string sql = kSelect;
      queue_scope(sql, f.scope);
      if (f.status) sql += " AND q.status = ?";
      if (f.state) sql += " AND q.state = ?";
      if (!f.assigned_to.empty()) sql += " AND q.assigned_to = ?";
      if (f.change) sql += " AND q.change_kind = ?";
      // Highest score first; the cursor is the last item's id, whose score the keyset reads back.
      if (f.after_id > 0) {
        sql += " AND (q.score < (SELECT c.score FROM discovery_queue c WHERE c.id = ?) OR "
               "(q.score = (SELECT c.score FROM discovery_queue c WHERE c.id = ?) AND q.id > ?))";
      }
      sql += " ORDER BY q.score DESC, q.id LIMIT " + std::to_string(f.limit);
      Statement s(tx.session());
      s << tx.q(sql);
      scope_bind(s, f.scope);
      const std::string status = f.status ? queue::to_string(*f.status) : "";
      const std::string state = f.state ? queue::to_string(*f.state) : "";
      if (f.status) s, bind(status);
      if (f.state) s, bind(state);
      if (!f.assigned_to.empty()) s, bind(f.assigned_to);
      if (f.change) s, bind(std::string(queue::to_string(*f.change)));
      Poco::Int64 after = f.after_id;
      if (after > 0) s, bind(after), bind(after), bind(after);
      out = all_rows(s);
      audit_list(tx, audit, out.size());
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::pair<DiscoveryItem, std::vector<VisitEntry>>> item(int64_t id, const Scope& scope,
                                                                 const AuditEntry& audit) override {
    std::pair<DiscoveryItem, std::vector<VisitEntry>> out;
    auto st = db_.write([&](Tx& tx) -> Status {
      auto it = load_item(tx, id, scope, false);
      if (!it) return make_error("not_found", "no such queue item");
      out.first = *it;
      Statement s(tx.session());
      Poco::Int64 qid = id;
      s << tx.q("SELECT visit_id, queue_id, township, county, visited_on, caseworker, outcome, note, findings, next_step, "
                "next_visit_due, created_at FROM visits WHERE queue_id = ? ORDER BY id DESC"),
          bind(qid);
      s.execute();
      RecordSet rs(s);
      for (size_t r = 0; r < rs.rowCount(); ++r) {
        out.second.push_back(VisitEntry{str(rs, 0, r), i64(rs, 1, r), str(rs, 2, r), str(rs, 3, r), str(rs, 4, r),
                                        str(rs, 5, r), str(rs, 6, r), str(rs, 7, r), str(rs, 8, r), str(rs, 9, r),
                                        str(rs, 10, r), str(rs, 11, r)});
      }
      AuditEntry e = audit;
      e.record_id = std::to_string(id);
      e.township = it->township;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<DiscoveryItem> update(int64_t id, const Scope& scope, const ItemChange& change, const AuditEntry& audit) override {
    return modify(id, scope, audit, [&](Tx&, const DiscoveryItem& it) { return change(it); });
  }

  Result<DiscoveryItem> assign(int64_t id, const Scope& scope, const std::string& caseworker,
                               const AuditEntry& audit) override {
    return modify(id, scope, audit, [&](Tx& tx, const DiscoveryItem& it) -> Result<DiscoveryItem> {
      if (auto ok = check_caseworker(tx, caseworker, it.township); !ok) return ok.error();
      DiscoveryItem next = it;
      next.assigned_to = caseworker;
      return next;
    });
  }

  Result<std::string> assign_case(const std::string& no, const Scope& scope, const std::string& caseworker,
                                  const AuditEntry& audit) override {
    std::string township;
    auto st = db_.write([&](Tx& tx) -> Status {
      auto app = load_app(tx, no, scope, true);
      if (!app) return make_error("not_found", "no such application");
      if (auto ok = check_caseworker(tx, caseworker, app->township); !ok) return ok;
      township = app->township;
      const std::string at = now_at();
      tx.session() << tx.q("UPDATE applications SET assigned_to = ?, updated_at = ? WHERE application_no = ?"),
          bind(caseworker), bind(at), bind(no), now;
      AuditEntry e = audit;
      e.record_id = no;
      e.township = township;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (!st) return st.error();
    return township;
  }

  Result<VisitEntry> add_visit(const VisitEntry& draft, const std::string& day, const Scope& scope,
                               const ItemChange& change, const AuditEntry& audit) override {
    VisitEntry out = draft;
    auto st = db_.write([&](Tx& tx) -> Status {
      auto it = load_item(tx, draft.queue_id, scope, true);
      if (!it) return make_error("not_found", "no such queue item");
      auto next = change(*it);
      if (!next) return next.error();
      out.township = it->township;
      out.county = it->county;
      out.next_visit_due = next->visit_due;
      out.visit_id = numbered("V" + out.township, day, next_counter(tx, "visit:" + out.township + ":" + day));
      Poco::Int64 qid = draft.queue_id;
      tx.session() << tx.q("INSERT INTO visits (visit_id, queue_id, township, county, visited_on, caseworker, outcome, note, "
                           "findings, next_step, next_visit_due, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          bind(out.visit_id), bind(qid), bind(out.township), bind(out.county), bind(out.visited_on), bind(out.caseworker),
          bind(out.outcome), bind(out.note), bind(out.findings), bind(out.next_step), bind(out.next_visit_due),
          bind(out.created_at), now;
      store_item_state(tx, *next, out.created_at);
      AuditEntry e = audit;
      e.township = out.township;
      e.record_id = out.visit_id;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<DiscoveryItem>> due(const DueFilter& f, const AuditEntry& audit) override {
    std::vector<DiscoveryItem> out;
    auto st = db_.write([&](Tx& tx) -> Status {
      std::string sql = kSelect;
      queue_scope(sql, f.scope);
      sql += " AND q.visit_due <> '' AND q.visit_due <= ?";
      if (!f.caseworker.empty()) {
        sql += f.include_unassigned ? " AND (q.assigned_to = ? OR q.assigned_to = '')" : " AND q.assigned_to = ?";
      }
      sql += " ORDER BY q.visit_due, q.id LIMIT " + std::to_string(f.limit);
      Statement s(tx.session());
      s << tx.q(sql);
      scope_bind(s, f.scope);
      s, bind(f.by);
      if (!f.caseworker.empty()) s, bind(f.caseworker);
      out = all_rows(s);
      audit_list(tx, audit, out.size());
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::string> previous_run(const std::string& county) override {
    nlohmann::json doc = {{"households", nlohmann::json::array()}};
    auto st = db_.read([&](Tx& tx) -> Status {
      std::vector<std::string> id, town, flags;
      tx.session() << tx.q("SELECT household_id, township, flags FROM discovery_queue WHERE county = ? AND household_id <> '' "
                           "AND change_kind <> 'resolved' ORDER BY id"),
          bind(county), into(id), into(town), into(flags), now;
      for (size_t i = 0; i < id.size(); ++i) {
        nlohmann::json fl = nlohmann::json::array();
        const auto rules = nlohmann::json::parse(flags[i], nullptr, false);
        if (rules.is_array()) {
          for (const auto& r : rules) fl.push_back({{"rule", r}});
        }
        doc["households"].push_back({{"household_id", id[i]}, {"township", town[i]}, {"flags", fl}});
      }
      return Ok{};
    });
    if (!st) return st.error();
    return doc.dump();
  }

  Result<ImportCounts> import_run(const RunImport& run) override {
    ImportCounts counts;
    auto st = db_.write([&](Tx& tx) -> Status { return import_run_tx(tx, run, counts); });
    if (!st) return st.error();
    return counts;
  }

  Result<std::optional<RunRecord>> latest_run(const std::string& county) override {
    std::optional<RunRecord> out;
    auto st = db_.read([&](Tx& tx) -> Status {
      Statement s(tx.session());
      s << tx.q("SELECT id, county, as_of, summary, created_by, created_at FROM discovery_runs WHERE county = ? "
                "ORDER BY id DESC LIMIT 1"),
          bind(county);
      s.execute();
      RecordSet rs(s);
      if (rs.rowCount() > 0) {
        out = RunRecord{i64(rs, 0, 0), str(rs, 1, 0), str(rs, 2, 0), str(rs, 3, 0), str(rs, 4, 0), str(rs, 5, 0)};
      }
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  Result<std::vector<RosterRow>> roster(const std::string& county, const std::string& township,
                                        const std::string& category, const AuditEntry& audit) override {
    std::vector<RosterRow> out;
    auto st = db_.write([&](Tx& tx) -> Status {
      std::string sql =
          "SELECT township, category, household_id, id_number, name, age, relation, detail FROM roster_entries "
          "WHERE county = ?";
      if (!township.empty()) sql += " AND township = ?";
      if (!category.empty()) sql += " AND category = ?";
      sql += " ORDER BY township, category, household_id, id";
      Statement s(tx.session());
      s << tx.q(sql), bind(county);
      if (!township.empty()) s, bind(township);
      if (!category.empty()) s, bind(category);
      s.execute();
      RecordSet rs(s);
      out.reserve(rs.rowCount());
      for (size_t r = 0; r < rs.rowCount(); ++r) {
        RosterRow row;
        row.township = str(rs, 0, r);
        row.category = str(rs, 1, r);
        row.household_id = str(rs, 2, r);
        row.id_number = str(rs, 3, r);
        row.name = str(rs, 4, r);
        row.age = i64(rs, 5, r);
        row.relation = str(rs, 6, r);
        row.detail = str(rs, 7, r);
        out.push_back(std::move(row));
      }
      audit_list(tx, audit, out.size());
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

 private:
  // Loads item `id` within `scope` for update, lets `step` produce its next state (or refuse),
  // stores it and appends `audit` for it — all in one transaction.
  template <typename Step>
  Result<DiscoveryItem> modify(int64_t id, const Scope& scope, const AuditEntry& audit, Step&& step) {
    DiscoveryItem out;
    auto st = db_.write([&](Tx& tx) -> Status {
      auto it = load_item(tx, id, scope, true);
      if (!it) return make_error("not_found", "no such queue item");
      Result<DiscoveryItem> next = step(tx, *it);
      if (!next) return next.error();
      out = *next;
      out.updated_at = now_at();
      store_item_state(tx, out, out.updated_at);
      AuditEntry e = audit;
      e.record_id = std::to_string(id);
      e.township = it->township;
      append_audit_tx(tx, e);
      return Ok{};
    });
    if (!st) return st.error();
    return out;
  }

  static std::string now_at() { return now_rfc3339(); }
  Database& db_;
};

}  // namespace

std::unique_ptr<QueueStore> make_sql_queue_store(Database& db) { return std::make_unique<SqlQueueStore>(db); }

}  // namespace jiuzhu::backend
