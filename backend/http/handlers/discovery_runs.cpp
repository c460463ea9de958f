// POST /api/v1/discovery/runs (county_admin, own county): translates HTTP to the run-discovery use
// case (services/run_discovery.h), which runs the engine over a feeds directory below the
// configured feeds root or over feeds uploaded inline, with the county parameters in force on
// as_of, and stores the result.
//
//   {"feeds_dir": "NAME", "as_of": "YYYY-MM-DD"?, "prescreen": bool?}
//   or {"feeds": {"population.csv": "csv text", ...}, "as_of"?, "prescreen"?}
//   → 201 {run_id, as_of, households, flagged, new, changed, resolved, row_errors, row_error_samples,
//          row_warnings, row_warning_samples, files: {file: {rows, errors, warnings}},
//          prescreen, params: {source, version?, effective_from?, citation?, verified, note?}}
#include "backend/http/handlers/handlers.h"
#include "backend/services/run_discovery.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {

namespace {

Json samples_json(const std::vector<services::RowSample>& list) {
  Json out = Json::array();
  for (const auto& e : list) {
    Json one = {{"file", e.file}, {"line", e.line}, {"reason", e.reason}};
    if (!e.column.empty()) one["column"] = e.column;
    out.push_back(std::move(one));
  }
  return out;
}

}  // namespace

Response discovery_run(Request& req, Services& s) {
  auto j = model::parse_json(req.body, 8, kMaxUploadedFeedBytes);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"feeds_dir", "feeds", "as_of", "prescreen"}); !st) return error_response(st.error());
  services::DiscoveryRunRequest run;
  run.county = req.principal.county;
  run.by = &req.principal;
  run.as_of = Date::today_china();
  if (auto a = string_field(*j, "as_of", false, 10); !a) {
    return error_response(a.error());
  } else if (!a->empty()) {
    auto d = Date::parse_iso(*a);
    if (!d) return error_response(400, "bad_date", "as_of must be YYYY-MM-DD", "as_of");
    run.as_of = *d;
  }
  if (j->contains("prescreen")) {
    if (!(*j)["prescreen"].is_boolean()) return error_response(400, "wrong_type", "prescreen is true or false", "prescreen");
    run.prescreen = (*j)["prescreen"].get<bool>();
  }
  if (j->contains("feeds_dir") == j->contains("feeds")) {
    return error_response(400, "missing_field", "give either feeds_dir or feeds", "feeds_dir");
  }
  if (j->contains("feeds_dir")) {
    auto name = string_field(*j, "feeds_dir", true, 100);
    if (!name) return error_response(name.error());
    if (name->empty()) return error_response(400, "bad_feeds_dir", "feeds_dir names a directory below the feeds root", "feeds_dir");
    run.feeds_dir = *name;
  } else {
    const Json& feeds = (*j)["feeds"];
    if (!feeds.is_object() || feeds.empty()) {
      return error_response(400, "bad_feeds", "feeds is an object of file name → CSV text", "feeds");
    }
    for (const auto& [file, text] : feeds.items()) {
      if (!text.is_string()) return error_response(400, "wrong_type", "a feed is CSV text", "feeds." + file);
      run.uploaded[file] = text.get<std::string>();
    }
  }
  auto catalog = s.policies.catalog();
  if (!catalog) return error_response(500, "internal", "the policy catalog could not be loaded");
  services::DiscoveryRunContext ctx{*s.queue,
                                    *s.county_params,
                                    s.calendar(),
                                    *catalog,
                                    [&] { return s.policies.params(run.county); },
                                    s.config.feeds_root_dir(),
                                    s.config.data_dir + "/tmp",
                                    s.discovery_runs};
  auto o = services::run_discovery(ctx, run);
  if (!o) return error_response(o.error());
  Json files = Json::object();
  for (const auto& [file, c] : o->files) files[file] = {{"rows", c.rows}, {"errors", c.errors}, {"warnings", c.warnings}};
  Json body = {{"run_id", o->run_id},
               {"as_of", o->as_of},
               {"households", o->households},
               {"flagged", o->flagged},
               {"new", o->fresh},
               {"changed", o->changed},
               {"resolved", o->resolved},
               {"row_errors", o->row_errors},
               {"row_error_samples", samples_json(o->row_error_samples)},
               {"row_warnings", o->row_warnings},
               {"row_warning_samples", samples_json(o->row_warning_samples)},
               {"files", files},
               {"prescreen", o->prescreen_used}};
  if (run.prescreen) body["params"] = o->params.to_json();
  return json_response(201, body);
}

}  // namespace jiuzhu::backend::handlers
