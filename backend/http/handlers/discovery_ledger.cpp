// GET /api/v1/discovery/ledger?from=DATE&to=DATE (caseworker: own township; county_admin: county)
// → the discovery ledger (services/discovery_ledger.h). Defaults: from the first day of the year
// of `to`, `to` today (China time). Audited as a list.
#include "backend/services/discovery_ledger.h"

#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {
namespace {

Json row_json(const services::LedgerRow& r) {
  Json j = {{"rule", r.rule},
            {"flagged", r.flagged},
            {"visited", r.visited},
            {"confirmed", r.confirmed},
            {"applied", r.applied},
            {"approved", r.approved},
            {"closed_not_eligible", r.closed_not_eligible},
            {"closed_declined", r.closed_declined},
            {"closed_followed_up", r.closed_followed_up},
            {"visits_no_need", r.visits_no_need},
            {"median_working_days_flag_to_visit", nullptr},
            {"median_working_days_flag_to_close", nullptr}};
  if (!r.township.empty()) j["township"] = r.township;
  j["closed_by_reason"] = r.closed_by_reason;  // console: every close reason code → count
  j["false_alarms"] = r.false_alarms;
  if (r.median_days_flag_to_visit) j["median_working_days_flag_to_visit"] = *r.median_days_flag_to_visit;
  if (r.median_days_flag_to_close) j["median_working_days_flag_to_close"] = *r.median_days_flag_to_close;
  // county: how old the feed data was when the rule fired (services/discovery_ledger.h).
  j["median_feed_age_days"] = r.median_feed_age_days ? Json(*r.median_feed_age_days) : Json(nullptr);
  j["max_feed_age_days"] = r.max_feed_age_days ? Json(*r.max_feed_age_days) : Json(nullptr);
  return j;
}

Result<Date> date_param(const Request& req, const char* key, Date fallback) {
  auto it = req.query.find(key);
  if (it == req.query.end() || it->second.empty()) return fallback;
  auto d = Date::parse_iso(it->second);
  if (!d) return make_error("bad_parameter", std::string(key) + " must be a date YYYY-MM-DD", key);
  return *d;
}

}  // namespace

Response discovery_ledger(Request& req, Services& s) {
  auto to = date_param(req, "to", Date::today_china());
  if (!to) return error_response(to.error());
  auto from = date_param(req, "from", *Date::parse_iso(std::to_string(to->year()) + "-01-01"));
  if (!from) return error_response(from.error());
  if (*to < *from) return error_response(400, "bad_parameter", "from must not be after to", "from");
  if (from->days_until(*to) > 3 * 366) {
    return error_response(400, "bad_parameter", "the period is at most three years", "from");
  }
  auto ledger = services::discovery_ledger(s.ledger, req.principal, *from, *to, s.calendar());
  if (!ledger) return error_response(ledger.error());
  Json rows = Json::array();
  for (const auto& r : ledger->rows) rows.push_back(row_json(r));
  Json rules = Json::array();
  for (const auto& r : ledger->by_rule) rules.push_back(row_json(r));
  const auto scope = req.principal.scope();
  const std::string area = scope.township.empty() ? scope.county : scope.township;
  if (auto st = s.audit.append_audit(audit_entry(req, "list", "discovery_ledger", area, scope.township,
                                                "from=" + from->iso() + " to=" + to->iso()));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"from", from->iso()}, {"to", to->iso()}, {"rules", rules}, {"rows", rows}});
}

}  // namespace jiuzhu::backend::handlers
