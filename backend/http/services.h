// What request handlers work with: the repository's concerns, the stores beside it (each built
// here once over the repository's database, so that no handler touches the Database), the
// document store, auth, limits and the calendar. One Services object lives as long as the
// server; handlers get it by reference.
//
// Thread-safety: every member is itself safe for concurrent use (see each type).
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "backend/auth/authenticator.h"
#include "backend/documents/document_store.h"
#include "backend/http/metrics.h"
#include "backend/services/calendar_book.h"
#include "backend/service/config.h"
#include "backend/store/audit_search.h"
#include "backend/store/calendar_notice_store.h"
#include "backend/store/county_overview_store.h"
#include "backend/store/county_params_store.h"
#include "backend/store/discovery_ledger_store.h"
#include "backend/store/discovery_link_store.h"
#include "backend/store/discovery_run_history.h"
#include "backend/store/enrolment_store.h"
#include "backend/store/hall_store.h"
#include "backend/store/help_call_store.h"
#include "backend/store/kiosk_status_store.h"
#include "backend/store/queue_store.h"
#include "backend/store/referral_steps_store.h"
#include "backend/store/repository.h"
#include "backend/store/staff_store.h"
#include "backend/store/visit_due_store.h"
#include "backend/util/rate_limiter.h"
#include "backend/util/storage_health.h"
#include "core/calendar.h"
#include "core/policy/catalog.h"
#include "core/policy/county_params.h"

namespace jiuzhu::backend {

// The policy catalog and county parameters, loaded on first use and kept (they are immutable).
class PolicyCache {
 public:
  explicit PolicyCache(std::string params_dir) : params_dir_(std::move(params_dir)) {}
  Result<policy::Catalog> catalog();
  Result<policy::CountyParams> params(const std::string& county);

 private:
  std::string params_dir_;
  std::mutex mu_;
  std::optional<policy::Catalog> catalog_;
  std::unordered_map<std::string, policy::CountyParams> params_;
};

struct Services {
  // `h` is where the database (DatabaseOptions::health) and the document store report their
  // failed writes; /healthz reads it.
  Services(Repository& r, const ServerConfig& c, StorageHealth& h)
      : repo(r),
        kiosks(r),
        accounts(r),
        applications(r),
        cases(r),
        referrals(r),
        audit(r),
        config(c),
        health(h),
        documents(c.data_dir + "/documents", &h),
        auth(r, r, AuthOptions{c.token_ttl_minutes, c.login_failures_burst, 1}),
        progress_limiter(c.progress_per_minute, c.progress_burst),
        policies(c.params_dir),
        queue(make_sql_queue_store(r.database())),
        help_calls(make_sql_help_call_store(r.database())),
        county_params(make_sql_county_params_store(r.database())),
        staff(r.database()),
        enrolments(r.database()),
        kiosk_status(r.database()),
        halls(r.database()),
        referral_steps(r.database()),
        calendar_notices(r.database()),
        audit_search(r.database()),
        county_overview(r.database()),
        run_history(r.database()),
        ledger(r.database()),
        discovery_links(r.database()),
        visit_dues(r.database()) {}

  // The repository and, for handlers, each of its concerns (store/repository.h): a handler
  // names the one it works with (s.cases.transition, s.audit.append_audit …).
  Repository& repo;
  KioskStore& kiosks;
  AccountStore& accounts;
  ApplicationStore& applications;
  CaseStore& cases;
  ReferralStore& referrals;
  AuditStore& audit;
  const ServerConfig& config;
  StorageHealth& health;
  DocumentStore documents;
  Authenticator auth;
  RateLimiter progress_limiter;
  RateLimiter enrol_limiter{10, 10};  // ops: POST /api/v1/kiosks/enrol per client address
  PolicyCache policies;
  std::unique_ptr<QueueStore> queue;  // discovery queue, visits, runs, rosters (same database)
  std::unique_ptr<HelpCallStore> help_calls;  // console: kiosk calls for staff (same database)
  std::unique_ptr<CountyParamsStore> county_params;  // console: parameter versions with citations
  StaffStore staff;                   // county: the county's staff accounts (list, disable, password)
  EnrolmentStore enrolments;          // ops: one-time kiosk enrolment codes, kiosks on and off
  KioskStatusStore kiosk_status;      // ops: each kiosk's latest heartbeat
  HallStore halls;                    // county: each township's hall as printed on paper
  ReferralStepsStore referral_steps;  // console: a referral's steps (sent, accepted, done, returned)
  CalendarNoticeStore calendar_notices;  // county: the holiday notices entered, open cases' due dates
  AuditSearch audit_search;           // county: the audit log with filters
  CountyOverviewStore county_overview;  // county: the county view's counts and overdue cases
  RunHistoryStore run_history;        // county: the discovery runs, newest first
  LedgerStore ledger;                 // county: what the discovery ledger counts
  DiscoveryLinkStore discovery_links;  // console: the queue item an application came from
  VisitDueStore visit_dues;           // discovery: visit due dates, counted again on a new calendar
  std::mutex discovery_runs;          // one discovery run at a time: each compares with the last
  Metrics metrics;
  std::atomic<int> in_flight{0};
  // county: the shipped calendar with the State Council notices entered in the console
  // (services/calendar_book.h).
  services::CalendarBook calendars{calendar_notices};
  const WorkingCalendar& calendar() const { return calendars.current(); }
};

}  // namespace jiuzhu::backend
