// QueueStore: the proactive-discovery workflow's records — discovery runs, the township queue
// (leads and discovery results, one item per household), home visits, key-group rosters and
// intake-case assignment — beside the Repository, on the same Database.
//
// One implementation (store/queue_store.cpp) runs the same SQL on SQLite and PostgreSQL. Each
// method is one transaction: a write that returns ok is durable. Every write appends its audit
// entry inside that transaction (sql::append_audit_tx), and so does every method that returns
// person records to staff (list, item, due, roster), so a read that was answered was audited.
// Area scoping is a filter: an item outside `scope` is simply not found (the HTTP layer answers
// 404, so existence does not leak). The workflow's decisions (queue/workflow.h, cadence.h) are
// made by the caller in an ItemChange run inside the transaction on the current row.
//
// Errors are Result values with stable codes: not_found, bad_caseworker, client_id_in_use,
// db_error, db_closed, and whatever an ItemChange returns (illegal_transition, reason_required).
//
// Thread-safety: all methods may be called concurrently from request threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backend/queue/workflow.h"
#include "backend/store/database.h"
#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend {

// A lead to store (POST /api/v1/leads); the store numbers it and queues it.
struct NewLead {
  std::string township, county, source, body, created_at, created_by, number_day, visit_due;
  bool urgent = false;
  std::vector<std::string> flags;  // rule ids: ["urgent"] or none
  AuditEntry audit;
};

// One queue item: a lead (source "lead") or a household found by a discovery run.

struct DiscoveryItem {
  int64_t id = 0;
  std::string township, county, household_id, lead_id, source;
  double score = 0;
  std::vector<std::string> flags;  // rule ids that flagged the household (leads: "urgent" or none)
  // coarse: open while the township still works it, closed after (queue::status_of(state))
  queue::ItemStatus status = queue::ItemStatus::open;
  std::string assigned_to, visit_due, created_at, updated_at;
  nlohmann::json lead_body;  // the lead as reported (an object) for source "lead"; null otherwise
  int64_t run_id = 0;        // the run that last saw the household (0 for leads)
  std::optional<queue::ChangeKind> change_kind;  // how the last run saw it (none for leads)
  // the engine's flags with their evidence (full ID numbers): an array of objects
  nlohmann::json evidence = nlohmann::json::array();
  std::vector<std::string> suggested_programs;  // program ids the engine suggests
  std::string key_category, cadence;      // visit_cadence.json category and weekly|monthly, or ""
  queue::ItemState state = queue::ItemState::lead;  // where the item is in the workflow
  std::string reason, application_no;
  std::string subject_id;  // ID number of the person the household's first warning is about
  // console: how the item was closed (queue/workflow.h CloseReason), its note and when; "" while open.
  std::string close_code, close_note, closed_at;
};

struct NewLeadResult {
  std::string lead_id, visit_due;
  bool created = false;  // false: the client_id was seen before; the first answer is returned
};

struct QueueFilter {
  Scope scope;
  std::optional<queue::ItemStatus> status;  // nullopt: any
  std::optional<queue::ItemState> state;    // nullopt: any
  std::string assigned_to;  // empty: anyone
  std::optional<queue::ChangeKind> change;  // none: any
  int limit = 100;
  int64_t after_id = 0;     // keyset cursor: the items after this one in (score DESC, id) order
};

struct DueFilter {
  Scope scope;
  std::string by;          // YYYY-MM-DD: visits due on or before
  std::string caseworker;  // empty: every item of the scope
  bool include_unassigned = false;  // with caseworker: also items nobody is assigned to
  int limit = 500;
};

struct VisitEntry {
  std::string visit_id;
  int64_t queue_id = 0;
  std::string township, county, visited_on, caseworker, outcome, note, findings, next_step, next_visit_due, created_at;
};

// One discovery-run household as the store keeps it (see DiscoveryItem for the fields).
struct ImportedItem {
  std::string household_id, township;
  std::vector<std::string> flags, suggested_programs;  // rule ids; program ids
  nlohmann::json evidence = nlohmann::json::array();  // the engine's flags with their evidence
  queue::ChangeKind change = queue::ChangeKind::fresh;
  std::string key_category, cadence;
  std::string visit_due, subject_id;
  double score = 0;
};

struct RosterRow {
  std::string township, category, household_id, id_number, name, relation, detail;
  int64_t age = 0;
};

struct RunImport {
  std::string county, as_of, summary, created_by, created_at;
  std::vector<ImportedItem> items;           // the households the run flagged
  std::vector<std::string> resolved;         // household ids flagged before, not any more
  std::vector<RosterRow> rosters;            // replace the county's rosters
  AuditEntry audit;                          // record_id is filled in with the run id
};

struct ImportCounts {
  int64_t run_id = 0;
  int64_t inserted = 0, updated = 0, resolved = 0, reopened = 0;
};

struct RunRecord {
  int64_t id = 0;
  std::string county, as_of, summary, created_by, created_at;
};

// The caller's decision on the current item, run inside the write transaction: returns the item
// as it should be stored (state, status, reason, application_no, visit_due) or an error that
// rolls the transaction back.
using ItemChange = std::function<Result<DiscoveryItem>(const DiscoveryItem& current)>;

class QueueStore {
 public:
  virtual ~QueueStore() = default;

  // Stores a lead and its open queue item. With a non-empty client_id, a lead stored before with
  // the same client_id is returned (created = false) and nothing is written; a client_id used by
  // another township is client_id_in_use. Two racing requests store one lead.
  virtual Result<NewLeadResult> add_lead(const NewLead& lead, const std::string& client_id) = 0;

  // Queue items of the filter's area, highest score first, after the cursor; audited with `audit`.
  virtual Result<std::vector<DiscoveryItem>> list(const QueueFilter& filter, const AuditEntry& audit) = 0;
  // One item of the area (not_found otherwise), with its visits, newest first; audited.
  virtual Result<std::pair<DiscoveryItem, std::vector<VisitEntry>>> item(int64_t id, const Scope& scope,
                                                                         const AuditEntry& audit) = 0;
  // Applies `change` to the item (not_found outside `scope`); audited. Returns the stored item.
  virtual Result<DiscoveryItem> update(int64_t id, const Scope& scope, const ItemChange& change,
                                       const AuditEntry& audit) = 0;
  // Assigns the item to `caseworker`, who must be a caseworker of the item's township
  // (bad_caseworker otherwise); audited.
  virtual Result<DiscoveryItem> assign(int64_t id, const Scope& scope, const std::string& caseworker,
                                       const AuditEntry& audit) = 0;
  // Assigns an intake case (applications.assigned_to) the same way; returns its township.
  virtual Result<std::string> assign_case(const std::string& application_no, const Scope& scope,
                                          const std::string& caseworker, const AuditEntry& audit) = 0;

  // Records a visit to the item and stores what `change` decides (state after the visit, next
  // due date); the visit id is numbered per township and `number_day`. Audited.
  virtual Result<VisitEntry> add_visit(const VisitEntry& draft, const std::string& number_day, const Scope& scope,
                                       const ItemChange& change, const AuditEntry& audit) = 0;
  // Items with a visit due on or before filter.by, oldest due first; audited.
  virtual Result<std::vector<DiscoveryItem>> due(const DueFilter& filter, const AuditEntry& audit) = 0;

  // The county's household items still flagged (change_kind not resolved), as the previous run of
  // the engine's incremental mode: {"households": [{"household_id","township","flags":[{"rule"}]}]}.
  virtual Result<std::string> previous_run(const std::string& county) = 0;
  // Stores a run: the run row, upserted items (new → open item; seen before → updated, state and
  // assignee kept; a final item flagged new/changed again reopens as lead), resolved items marked
  // and kept, and the county's rosters replaced. Audited.
  virtual Result<ImportCounts> import_run(const RunImport& run) = 0;
  virtual Result<std::optional<RunRecord>> latest_run(const std::string& county) = 0;
  // Roster rows of the county's latest run (township / category filters when not empty), in
  // township, category, household order; audited.
  virtual Result<std::vector<RosterRow>> roster(const std::string& county, const std::string& township,
                                                const std::string& category, const AuditEntry& audit) = 0;
};

// A store over `db`, which must outlive it and be migrated (store/migrations.h).
std::unique_ptr<QueueStore> make_sql_queue_store(Database& db);

}  // namespace jiuzhu::backend
