// QueueStore::import_run's transaction (queue_run_import.h), on SQL shared by SQLite and PostgreSQL.
#include "backend/store/queue_run_import.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "backend/store/sql_support.h"

namespace jiuzhu::backend::sql {
namespace {

using namespace Poco::Data::Keywords;  // bind, into, now
using Poco::Data::RecordSet;
using Poco::Data::Statement;

// Rows per multi-row statement: well under SQLite's 32766 and PostgreSQL's 65535 parameters.
constexpr size_t kItemsPerStatement = 200;       // × 18 parameters
constexpr size_t kRosterRowsPerStatement = 300;  // × 10
constexpr size_t kIdsPerStatement = 1000;

// "(?, ?), (?, ?)" for `rows` rows of `cols` values ("?, ?" when cols is 1: an IN list).
std::string placeholders(size_t rows, size_t cols) {
  std::string one = cols == 1 ? "" : "(";
  for (size_t c = 0; c < cols; ++c) one += c ? ", ?" : "?";
  if (cols != 1) one += ")";
  std::string out;
  for (size_t r = 0; r < rows; ++r) {
    if (r) out += ", ";
    out += one;
  }
  return out;
}

template <typename F>
void for_chunks(size_t n, size_t chunk, F&& f) {
  for (size_t from = 0; from < n; from += chunk) f(from, std::min(n, from + chunk));
}

// What a run may change in an item, as one comparable string.
std::string content_of(const std::string& township, double score, const std::string& flags, const std::string& evidence,
                       const std::string& programs, const std::string& key, const std::string& cadence,
                       const std::string& subject) {
  char sc[32];
  std::snprintf(sc, sizeof sc, "%.17g", score);
  std::string out;
  for (const std::string* p : {&township, &flags, &evidence, &programs, &key, &cadence, &subject}) {
    out += *p;
    out.push_back('\x1f');
  }
  return out + sc;
}
std::string content_of(const ImportedItem& it) {
  return content_of(it.township, it.score, string_list_text(it.flags), it.evidence.dump(),
                    string_list_text(it.suggested_programs), it.key_category, it.cadence,
                    it.subject_id);
}

struct Existing {
  int64_t id = 0;
  queue::ItemState state = queue::ItemState::lead;
  std::string visit_due, content;
};

std::unordered_map<std::string, Existing> existing_items(Tx& tx, const std::string& county) {
  Statement st(tx.session());
  st << tx.q("SELECT id, household_id, state, visit_due, township, score, flags, evidence, suggested_programs, "
             "key_category, cadence, subject_id FROM discovery_queue WHERE county = ? AND household_id <> ''"),
      bind(county);
  st.execute();
  RecordSet rs(st);
  std::unordered_map<std::string, Existing> out;
  out.reserve(rs.rowCount());
  for (size_t r = 0; r < rs.rowCount(); ++r) {
    out[str(rs, 1, r)] = Existing{i64(rs, 0, r), item_state_of(str(rs, 2, r)), str(rs, 3, r),
                                  content_of(str(rs, 4, r), dbl(rs, 5, r), str(rs, 6, r), str(rs, 7, r), str(rs, 8, r),
                                             str(rs, 9, r), str(rs, 10, r), str(rs, 11, r))};
  }
  return out;
}

}  // namespace

Status import_run_tx(Tx& tx, const RunImport& run, ImportCounts& counts) {
  counts = ImportCounts{};  // a job may run twice (database.h): count afresh
  auto& s = tx.session();
  Poco::Int64 run_id = 0;
  s << tx.q("INSERT INTO discovery_runs (county, as_of, summary, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"),
      bind(run.county), bind(run.as_of), bind(run.summary), bind(run.created_by), bind(run.created_at), into(run_id), now;
  counts.run_id = run_id;
  // A county's daily run touches thousands of rows, mostly unchanged: read the items once,
  // insert new ones and the rosters many rows per statement, and mark unchanged items by id
  // lists; only items whose content changed get their own UPDATE.
  const auto existing = existing_items(tx, run.county);
  std::vector<const ImportedItem*> fresh;
  std::map<queue::ChangeKind, std::vector<int64_t>> touch;  // change kind → ids whose content is the same
  for (const auto& it : run.items) {
    auto e = existing.find(it.household_id);
    if (e == existing.end()) {
      fresh.push_back(&it);
      continue;
    }
    const Existing& x = e->second;
    // A caseworker's work (state, assignee, reason, scheduled visit) is kept; a household that
    // was followed up and is flagged anew needs a new visit.
    const bool reopen = queue::is_final(x.state) && (it.change == queue::ChangeKind::fresh || it.change == queue::ChangeKind::changed);
    const queue::ItemState new_state = reopen ? queue::ItemState::lead : x.state;
    const std::string new_due = (reopen || x.visit_due.empty()) ? it.visit_due : x.visit_due;
    ++counts.updated;
    counts.reopened += reopen ? 1 : 0;
    if (!reopen && new_due == x.visit_due && x.content == content_of(it)) {
      touch[it.change].push_back(x.id);
      continue;
    }
    const std::string state = queue::to_string(new_state), status = queue::to_string(queue::status_of(new_state));
    const int reopen_flag = reopen ? 1 : 0;
    Poco::Int64 id = x.id;
    s << tx.q("UPDATE discovery_queue SET township = ?, score = ?, flags = ?, evidence = ?, suggested_programs = ?, "
              "key_category = ?, cadence = ?, run_id = ?, change_kind = ?, subject_id = ?, state = ?, status = ?, "
              "visit_due = ?, updated_at = ?, "
              // console: a reopened item is open again: its close reason no longer holds.
              "close_code = CASE WHEN ? = 1 THEN '' ELSE close_code END, "
              "close_note = CASE WHEN ? = 1 THEN '' ELSE close_note END, "
              "closed_at = CASE WHEN ? = 1 THEN '' ELSE closed_at END WHERE id = ?"),
        bind(it.township), bind(it.score), bind(string_list_text(it.flags)), bind(it.evidence.dump()),
        bind(string_list_text(it.suggested_programs)), bind(it.key_category), bind(it.cadence), bind(run_id),
        bind(std::string(queue::to_string(it.change))), bind(it.subject_id), bind(state), bind(status), bind(new_due), bind(run.created_at), bind(reopen_flag), bind(reopen_flag), bind(reopen_flag),
        bind(id), now;
  }
  for (const auto& [change, ids] : touch) {
    for_chunks(ids.size(), kIdsPerStatement, [&](size_t from, size_t to) {
      Statement u(s);
      u << tx.q("UPDATE discovery_queue SET run_id = ?, change_kind = ?, updated_at = ? WHERE id IN (" +
                placeholders(to - from, 1) + ")"),
          bind(run_id), bind(std::string(queue::to_string(change))), bind(run.created_at);
      for (size_t i = from; i < to; ++i) u, bind(static_cast<Poco::Int64>(ids[i]));
      u.execute();
    });
  }
  for_chunks(fresh.size(), kItemsPerStatement, [&](size_t from, size_t to) {
    Statement ins(s);
    ins << tx.q("INSERT INTO discovery_queue (township, county, household_id, source, score, flags, status, visit_due, "
                "created_at, updated_at, run_id, change_kind, evidence, suggested_programs, key_category, cadence, "
                "state, subject_id) VALUES " + placeholders(to - from, 18));
    for (size_t i = from; i < to; ++i) {
      const ImportedItem& it = *fresh[i];
      ins, bind(it.township), bind(run.county), bind(it.household_id), bind(std::string("discovery")), bind(it.score),
          bind(string_list_text(it.flags)), bind(std::string("open")), bind(it.visit_due), bind(run.created_at),
          bind(run.created_at), bind(run_id), bind(std::string(queue::to_string(it.change))), bind(it.evidence.dump()),
          bind(string_list_text(it.suggested_programs)), bind(it.key_category), bind(it.cadence),
          bind(std::string("lead")), bind(it.subject_id);
    }
    ins.execute();
  });
  counts.inserted = static_cast<int64_t>(fresh.size());
  // No longer flagged: kept for history; a lead nobody has visited yet needs no visit now.
  std::vector<int64_t> gone;
  for (const auto& hh : run.resolved) {
    if (auto e = existing.find(hh); e != existing.end()) gone.push_back(e->second.id);
  }
  for_chunks(gone.size(), kIdsPerStatement, [&](size_t from, size_t to) {
    Statement u(s);
    u << tx.q("UPDATE discovery_queue SET change_kind = 'resolved', run_id = ?, updated_at = ?, "
              "visit_due = CASE WHEN state = 'lead' THEN '' ELSE visit_due END WHERE id IN (" +
              placeholders(to - from, 1) + ")"),
        bind(run_id), bind(run.created_at);
    for (size_t i = from; i < to; ++i) u, bind(static_cast<Poco::Int64>(gone[i]));
    u.execute();
  });
  counts.resolved = static_cast<int64_t>(gone.size());
  s << tx.q("DELETE FROM roster_entries WHERE county = ?"), bind(run.county), now;
  for_chunks(run.rosters.size(), kRosterRowsPerStatement, [&](size_t from, size_t to) {
    Statement ins(s);
    ins << tx.q("INSERT INTO roster_entries (run_id, county, township, category, household_id, id_number, name, age, "
                "relation, detail) VALUES " + placeholders(to - from, 10));
    for (size_t i = from; i < to; ++i) {
      const RosterRow& r = run.rosters[i];
      ins, bind(run_id), bind(run.county), bind(r.township), bind(r.category), bind(r.household_id),
          bind(r.id_number), bind(r.name), bind(static_cast<Poco::Int64>(r.age)), bind(r.relation), bind(r.detail);
    }
    ins.execute();
  });
  AuditEntry e = run.audit;
  e.record_id = std::to_string(run_id);
  append_audit_tx(tx, e);
  return Ok{};
}

}  // namespace jiuzhu::backend::sql
