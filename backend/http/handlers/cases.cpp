// GET /api/v1/cases/{no} and POST /api/v1/cases/{no}/transitions (caseworker, county_admin).
#include "backend/http/handlers/handlers.h"
#include "backend/intake/deadlines.h"
#include "backend/intake/workflow.h"
#include "backend/services/transition_case.h"
#include "backend/store/discovery_link_store.h"
#include "backend/store/referral_steps_store.h"
#include "backend/util/clock.h"
#include "core/id_number.h"

namespace jiuzhu::backend::handlers {

Json case_summary(const ApplicationRecord& r, Date today);  // intake.cpp

namespace {

// console: the case view shows every ID number masked; the full number is one audited request
// per person away (POST /cases/{no}/reveal-id, services/reveal_id_number.h).
void mask_id_numbers(Json& app) {
  auto mask = [](Json* person) {
    if (person && person->is_object() && person->contains("id_number") && (*person)["id_number"].is_string()) {
      (*person)["id_number"] = mask_id_number((*person)["id_number"].get<std::string>());
    }
  };
  if (!app.is_object()) return;
  if (app.contains("applicant")) mask(&app["applicant"]);
  if (app.contains("proxy")) mask(&app["proxy"]);
  if (app.contains("household") && app["household"].is_object() && app["household"].contains("members") &&
      app["household"]["members"].is_array()) {
    for (auto& m : app["household"]["members"]) mask(&m);
  }
}

}  // namespace

Response get_case(Request& req, Services& s) {
  const std::string& no = req.path_params.at(0);
  auto app = s.applications.application(no, req.principal.scope());
  if (!app) return error_response(app.error());
  if (!*app) return error_response(404, "not_found", "no such case");
  const auto& r = **app;
  // Audit first: if the read cannot be recorded, it does not happen.
  if (auto st = s.audit.append_audit(audit_entry(req, "read", "case", r.application_no, r.township)); !st) {
    return error_response(st.error());
  }
  auto events = s.cases.events(no);
  if (!events) return error_response(events.error());
  auto referrals = s.referrals.referrals_of(no);
  if (!referrals) return error_response(referrals.error());
  const Date today = Date::today_china();
  Json history = Json::array();
  for (const auto& e : *events) {
    // The submission's event has no state before it: "" there, as the contract has it.
    history.push_back({{"at", e.at},
                       {"actor", e.actor},
                       {"from", e.from_status ? Json(*e.from_status) : Json("")},
                       {"to", e.to_status},
                       {"note", e.note}});
  }
  Json refs = Json::array();
  for (const auto& x : *referrals) {
    refs.push_back({{"referral_id", x.referral_id}, {"department", x.department}, {"note", x.note},
                    {"status", x.status}, {"created_at", x.created_at}, {"created_by", x.created_by}});
  }
  Json allowed = Json::array();
  for (auto t : allowed_transitions(r.status, r.priority > 0)) allowed.push_back(to_string(t));
  Json deadlines = {{"due_date", r.due_date}, {"overdue", is_overdue(r.due_date, is_final(r.status), today)}};
  if (auto due = Date::parse_iso(r.due_date); due && s.calendar().covers(today) && s.calendar().covers(*due)) {
    if (auto left = s.calendar().working_days_between(today, *due)) deadlines["working_days_left"] = *left;
  }
  // county: a due date in a year whose State Council notice is not entered yet may still move (暂定).
  if (auto due = Date::parse_iso(r.due_date)) deadlines["provisional"] = s.calendar().provisional(due->year());
  Json out = case_summary(r, today);
  out["application"] = Json::parse(r.body, nullptr, false);
  mask_id_numbers(out["application"]);
  out["history"] = history;
  out["referrals"] = refs;
  out["deadlines"] = deadlines;
  out["allowed_transitions"] = allowed;
  // console: the discovery item this case came from (a caseworker helped the household apply).
  auto from_item = s.discovery_links.discovery_item_of_application(r.county, r.application_no);
  if (!from_item) return error_response(from_item.error());
  out["submitted_by"] = r.kiosk_id;  // a kiosk id, or "staff:LOGIN" for a caseworker's submission
  out["discovery_item"] = *from_item ? Json(**from_item) : Json(nullptr);
  // console: every step of the case's referrals (sent with its reason, accepted, done, returned).
  auto steps = s.referral_steps.referral_steps_of_case(r.application_no);
  if (!steps) return error_response(steps.error());
  Json referral_steps = Json::array();
  for (const auto& x : *steps) {
    referral_steps.push_back({{"referral_id", x.referral_id}, {"department", x.department}, {"at", x.at},
                              {"actor", x.actor}, {"step", x.step}, {"note", x.note}});
  }
  out["referral_steps"] = referral_steps;
  out["documents"] = out["application"].is_object() && out["application"].contains("documents")
                         ? out["application"]["documents"]
                         : Json::array();
  return json_response(200, out);
}

Response transition(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"to", "note"}); !st) return error_response(st.error());
  auto to_name = string_field(*j, "to", true, 40);
  if (!to_name) return error_response(to_name.error());
  auto note = string_field(*j, "note", false, 4000);
  if (!note) return error_response(note.error());
  auto to = parse_case_state(*to_name);
  if (!to) return error_response(to.error());
  const std::string& no = req.path_params.at(0);
  auto app = services::transition_case(s.cases, no, req.principal.scope(), *to, *note,
                                       audit_entry(req, "transition", "case", no, "", std::string("to=") + to_string(*to)));
  if (!app) return error_response(app.error());
  return json_response(200, case_summary(*app, Date::today_china()));
}

}  // namespace jiuzhu::backend::handlers
