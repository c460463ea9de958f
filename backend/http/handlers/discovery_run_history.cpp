// GET /api/v1/discovery/runs?before=ID&limit=N (county_admin): the county's discovery runs, newest
// first — who started each, when, as of which date, and its result: households, flagged, new,
// changed, resolved, rows dropped (row_errors) and kept with a warning (row_warnings), per feed
// file {rows, errors, warnings}. Keyset-paginated: next_before. (POST on the same path starts a
// run: handlers/discovery_runs.cpp.)
#include "backend/store/discovery_run_history.h"

#include "backend/http/handlers/county_handlers.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {

Response discovery_run_history(Request& req, Services& s) {
  auto before = int_param(req, "before", 0, 0, 2'000'000'000);
  if (!before) return error_response(before.error());
  auto limit = int_param(req, "limit", 20, 1, 100);
  if (!limit) return error_response(limit.error());
  const std::string county = req.principal.county;
  auto rows = s.run_history.discovery_run_history(county, *before, *limit);
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  for (const auto& r : *rows) {
    Json summary = Json::parse(r.summary, nullptr, false);
    if (!summary.is_object()) summary = Json::object();
    Json item = {{"run_id", r.id},
                 {"as_of", r.as_of},
                 {"created_by", r.created_by},
                 {"created_at", r.created_at},
                 {"result", "stored"}};
    for (const char* key : {"households", "residents", "flagged", "new", "changed", "resolved", "row_errors",
                            "row_warnings", "files", "source", "prescreen", "params"}) {
      if (summary.contains(key)) item[key] = summary[key];
    }
    items.push_back(std::move(item));
  }
  Json next = nullptr;
  if (static_cast<int>(rows->size()) == *limit && !rows->empty()) next = rows->back().id;
  if (auto st = s.audit.append_audit(
          audit_entry(req, "list", "discovery_runs", county, "", "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"items", items}, {"next_before", next}});
}

}  // namespace jiuzhu::backend::handlers
