// GET /api/v1/params/{county}?on=DATE (anyone) and PUT /api/v1/params/{county} (county_admin of
// that county): the county parameters in force with their citations, and a new version
// (services/county_params.h, docs/api.md "County parameters").
#include "backend/services/county_params.h"

#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {
namespace {

bool county_code(const std::string& c) {
  return c.size() == 6 && c.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

Response get_county_params(Request& req, Services& s) {
  const std::string& county = req.path_params.at(0);
  if (!county_code(county)) return error_response(404, "not_found", "no parameters for this county");
  Date on = Date::today_china();
  if (auto it = req.query.find("on"); it != req.query.end() && !it->second.empty()) {
    auto d = Date::parse_iso(it->second);
    if (!d) return error_response(400, "bad_parameter", "on must be a date YYYY-MM-DD", "on");
    on = *d;
  }
  auto catalog = s.policies.catalog();
  if (!catalog) return error_response(500, "catalog_unavailable", "the policy catalog could not be loaded");
  auto p = services::county_params_in_force(
      *s.county_params, *catalog, [&] { return s.policies.params(county); }, s.config.params_dir, county, on,
      true);
  if (!p) {
    if (p.error().code == "not_found")
      return error_response(404, "not_found", "no parameters for this county");
    return error_response(p.error());
  }
  Json unverified = Json::array();
  for (size_t i = 0; i < p->params.names().size(); ++i) {
    if (!p->params.verified()[i]) unverified.push_back(p->params.names()[i]);
  }
  auto versions = s.county_params->versions(county);
  if (!versions) return error_response(versions.error());
  Json list = Json::array();
  for (const auto& v : *versions) {
    list.push_back(
        {{"version", v.version}, {"effective_from", v.effective_from}, {"created_at", v.created_at}});
  }
  Json in_force = {{"source", p->source},
                   {"version", p->version ? Json(p->version) : Json(nullptr)},
                   {"effective_from", p->effective_from.empty() ? Json(nullptr) : Json(p->effective_from)},
                   {"unverified", unverified},
                   {"params", p->document}};
  return json_response(
      200, Json{{"county", county}, {"on", on.iso()}, {"in_force", in_force}, {"versions", list}});
}

Response put_county_params(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"effective_from", "params"}); !st) return error_response(st.error());
  auto effective = string_field(*j, "effective_from", true, 10);
  if (!effective) return error_response(effective.error());
  if (!j->contains("params") || !(*j)["params"].is_object()) {
    return error_response(400, "missing_field", "params (the parameters document) is required", "params");
  }
  auto catalog = s.policies.catalog();
  if (!catalog) return error_response(500, "catalog_unavailable", "the policy catalog could not be loaded");
  const std::string& county = req.path_params.at(0);
  auto v = services::put_county_params(*s.county_params, *catalog, req.principal, county, *effective,
                                       (*j)["params"]);
  if (!v) return error_response(v.error());
  if (auto st =
          s.audit.append_audit(audit_entry(req, "create", "county_params", std::to_string(v->version), "",
                                          "county=" + county + " effective_from=" + v->effective_from));
      !st) {
    return error_response(st.error());
  }
  return json_response(201, Json{{"county", county},
                                 {"version", v->version},
                                 {"effective_from", v->effective_from},
                                 {"created_at", v->created_at}});
}

}  // namespace jiuzhu::backend::handlers
