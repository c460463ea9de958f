// GET /healthz (anyone) and GET /metrics (loopback only).
#include <map>

#include "backend/http/handlers/handlers.h"
#include "backend/store/ops_metrics.h"
#include "backend/store/overdue_cases.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::handlers {

// 503 while the database is unreachable or while writes fail (a full disk): a load balancer
// or an operator's monitor sees it, and the body says why. A recorded write failure is checked
// again with a probe write on every call, so the answer turns to 200 as soon as space is freed,
// without waiting for the next application.
Response healthz(Request&, Services& s) {
  if (auto st = s.repo.ping(); !st) return json_response(503, Json{{"status", "degraded"}, {"db", "unreachable"}});
  if (s.health.problem()) s.health.probe(s.config.data_dir);
  // A problem still recorded: the disk is still full, or a remote database's (PostgreSQL's), which
  // its next successful commit clears.
  if (auto p = s.health.problem()) {
    return json_response(503, Json{{"status", "degraded"}, {"db", "ok"},
                                   {"storage", {{"code", p->code}, {"kind", p->kind}, {"cause", p->cause}}}});
  }
  return json_response(200, Json{{"status", "ok"}, {"db", "ok"}});
}

Response metrics(Request&, Services& s) {
  std::string text = s.metrics.render();
  auto& db = s.repo.database();
  text += "# HELP jiuzhu_db_pending_writes Write jobs waiting for the writer.\n# TYPE jiuzhu_db_pending_writes gauge\n";
  text += "jiuzhu_db_pending_writes " + std::to_string(db.pending_writes()) + "\n";
  text += "# HELP jiuzhu_db_commit_groups_total Group commits.\n# TYPE jiuzhu_db_commit_groups_total counter\n";
  text += "jiuzhu_db_commit_groups_total " + std::to_string(db.commit_groups()) + "\n";
  text += "# HELP jiuzhu_db_committed_jobs_total Write jobs committed.\n# TYPE jiuzhu_db_committed_jobs_total counter\n";
  text += "jiuzhu_db_committed_jobs_total " + std::to_string(db.committed_jobs()) + "\n";
  text += "# HELP jiuzhu_db_checkpoints_total WAL checkpoints run by the SQLite writer.\n# TYPE jiuzhu_db_checkpoints_total counter\n";
  text += "jiuzhu_db_checkpoints_total " + std::to_string(db.checkpoints()) + "\n";
  text += "# HELP jiuzhu_http_in_flight Requests being served.\n# TYPE jiuzhu_http_in_flight gauge\n";
  text += "jiuzhu_http_in_flight " + std::to_string(s.in_flight.load()) + "\n";
  if (auto counts = s.applications.status_counts()) {
    text += "# HELP jiuzhu_intake_applications Applications by workflow status.\n# TYPE jiuzhu_intake_applications gauge\n";
    std::map<std::string, int64_t> by_name;  // in name order, as the gauge has always been listed
    for (const auto& [status, n] : *counts) by_name[to_string(status)] = n;
    for (const auto& [status, n] : by_name) {
      text += "jiuzhu_intake_applications{status=\"" + status + "\"} " + std::to_string(n) + "\n";
    }
  }
  // ops: open cases past their due date, per county (store/overdue_cases.h).
  if (auto overdue = overdue_cases(db, now_rfc3339().substr(0, 10))) {
    text += "# HELP jiuzhu_cases_overdue Open applications past their statutory due date.\n"
            "# TYPE jiuzhu_cases_overdue gauge\n";
    for (const auto& [county, n] : *overdue) {
      text += "jiuzhu_cases_overdue{county=\"" + county + "\"} " + std::to_string(n) + "\n";
    }
  }
  // ops: kiosk heartbeats and discovery runs (store/ops_metrics.h).
  if (auto k = kiosk_metrics(db, unix_now())) text += *k;
  if (auto d = discovery_run_metrics(db)) text += *d;
  Response r;
  r.content_type = "text/plain; version=0.0.4";
  r.body = std::move(text);
  return r;
}

}  // namespace jiuzhu::backend::handlers
