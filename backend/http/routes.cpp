// The route table of API v1: method, path, who may call, what body (contracts/api.md).
#include "backend/documents/document_store.h"
#include "backend/http/handlers/console_handlers.h"
#include "backend/http/handlers/county_handlers.h"
#include "backend/http/handlers/handlers.h"
#include "backend/http/router.h"

namespace jiuzhu::backend {

Router make_api_router() {
  namespace h = handlers;
  using R = model::Role;
  Router r;
  const std::set<R> anyone;
  const std::set<R> kiosk = {R::kiosk};
  const std::set<R> intake_staff = {R::hall_staff, R::caseworker, R::county_admin};
  const std::set<R> case_staff = {R::caseworker, R::county_admin};
  r.add({"GET", "/healthz", anyone, BodyKind::none, 0, false, h::healthz});
  r.add({"GET", "/metrics", anyone, BodyKind::none, 0, true, h::metrics});
  r.add({"GET", "/api/v1/policies", anyone, BodyKind::none, 0, false, h::policies});
  r.add({"POST", "/api/v1/eligibility", anyone, BodyKind::json, 0, false, h::eligibility});
  r.add({"POST", "/api/v1/auth/login", anyone, BodyKind::json, 0, false, h::login});
  r.add({"GET", "/api/v1/progress", anyone, BodyKind::none, 0, false, h::progress});
  r.add({"PUT", "/api/v1/documents/{}", kiosk, BodyKind::raw, kMaxDocumentBytes, false, h::put_document});
  r.add({"POST", "/api/v1/applications", kiosk, BodyKind::json, 0, false, h::submit_application});
  r.add({"GET", "/api/v1/applications/{}/receipt", {R::hall_staff, R::caseworker}, BodyKind::none, 0, false, h::receipt});
  r.add({"POST", "/api/v1/leads", {R::kiosk, R::caseworker}, BodyKind::json, 0, false, h::submit_lead});
  r.add({"GET", "/api/v1/intake", intake_staff, BodyKind::none, 0, false, h::intake});
  r.add({"GET", "/api/v1/kiosks", intake_staff, BodyKind::none, 0, false, h::kiosks});
  r.add({"GET", "/api/v1/cases/{}", case_staff, BodyKind::none, 0, false, h::get_case});
  r.add({"POST", "/api/v1/cases/{}/transitions", case_staff, BodyKind::json, 0, false, h::transition});
  r.add({"POST", "/api/v1/cases/{}/referrals", {R::caseworker}, BodyKind::json, 0, false, h::add_referral});
  r.add({"GET", "/api/v1/referrals", {R::department}, BodyKind::none, 0, false, h::list_referrals});
  r.add({"GET", "/api/v1/discovery/queue", case_staff, BodyKind::none, 0, false, h::discovery_queue});
  r.add({"GET", "/api/v1/discovery/queue/{}", case_staff, BodyKind::none, 0, false, h::discovery_item});
  r.add({"POST", "/api/v1/discovery/queue/{}/transitions", case_staff, BodyKind::json, 0, false, h::queue_transition});
  r.add({"POST", "/api/v1/discovery/queue/{}/assignment", {R::county_admin}, BodyKind::json, 0, false, h::queue_assignment});
  r.add({"POST", "/api/v1/cases/{}/assignment", {R::county_admin}, BodyKind::json, 0, false, h::case_assignment});
  r.add({"POST", "/api/v1/discovery/runs", {R::county_admin}, BodyKind::json, h::kMaxUploadedFeedBytes, false,
         [](Request& q, Services& s) {  // ops: counted for jiuzhu_discovery_runs_total
           Response out = h::discovery_run(q, s);
           s.metrics.count_discovery_run(q.principal.county, out.status < 300);
           return out;
         }});
  r.add({"POST", "/api/v1/visits", {R::caseworker}, BodyKind::json, 0, false, h::record_visit});
  r.add({"GET", "/api/v1/visits/due", case_staff, BodyKind::none, 0, false, h::visits_due});
  r.add({"GET", "/api/v1/registry", case_staff, BodyKind::none, 0, false, h::registry});
  r.add({"GET", "/api/v1/audit", {R::county_admin}, BodyKind::none, 0, false, h::audit_log});
  // ops: kiosk enrolment (handlers/kiosk_enrol.cpp)
  r.add({"POST", "/api/v1/kiosks/enrol", anyone, BodyKind::json, 0, false, h::enrol_kiosk});
  r.add({"GET", "/api/v1/kiosks/self", kiosk, BodyKind::none, 0, false, h::kiosk_self});
  r.add({"POST", "/api/v1/kiosks/self/status", kiosk, BodyKind::json, 0, false, h::kiosk_report_status});
  // console: the staff console and the endpoints it needs (docs/console.md).
  r.add({"GET", "/", anyone, BodyKind::none, 0, false, h::console_redirect});
  r.add({"GET", "/console", anyone, BodyKind::none, 0, false, h::console_redirect});
  r.add({"GET", "/console/", anyone, BodyKind::none, 0, false, h::console_index});
  r.add({"GET", "/console/{}", anyone, BodyKind::none, 0, false, h::console_file});
  r.add({"POST", "/api/v1/help-calls", kiosk, BodyKind::json, 0, false, h::request_help});
  r.add({"GET", "/api/v1/help-calls", {R::hall_staff}, BodyKind::none, 0, false, h::help_calls});
  r.add({"POST", "/api/v1/help-calls/{}/answer", {R::hall_staff}, BodyKind::json, 0, false, h::answer_help_call});
  r.add({"POST", "/api/v1/cases/{}/reveal-id", case_staff, BodyKind::json, 0, false, h::reveal_id});
  r.add({"GET", "/api/v1/discovery/ledger", case_staff, BodyKind::none, 0, false, h::discovery_ledger});
  r.add({"GET", "/api/v1/me", {R::hall_staff, R::caseworker, R::county_admin, R::department, R::province_admin},
         BodyKind::none, 0, false, h::me});
  r.add({"GET", "/api/v1/params/{}", anyone, BodyKind::none, 0, false, h::get_county_params});
  r.add({"PUT", "/api/v1/params/{}", {R::county_admin}, BodyKind::json, 0, false, h::put_county_params});
  // console (part A): closing a discovery item with a reason code.
  r.add({"POST", "/api/v1/discovery/queue/{}/close", case_staff, BodyKind::json, 0, false, h::close_queue_item});
  r.add({"POST", "/api/v1/discovery/queue/{}/applications", {R::caseworker}, BodyKind::json, 0, false,
         h::apply_for_household});
  r.add({"POST", "/api/v1/auth/logout", {R::hall_staff, R::caseworker, R::county_admin, R::department, R::province_admin},
         BodyKind::none, 0, false, h::logout});
  r.add({"GET", "/api/v1/cases/{}/documents/{}", case_staff, BodyKind::none, 0, false, h::case_document});
  r.add({"POST", "/api/v1/referrals/{}/accept", {R::department}, BodyKind::json, 0, false, h::accept_referral});
  r.add({"POST", "/api/v1/referrals/{}/done", {R::department}, BodyKind::json, 0, false, h::complete_referral});
  r.add({"POST", "/api/v1/referrals/{}/return", {R::department}, BodyKind::json, 0, false, h::return_referral});
  // county: the county view of the console (docs/console.md, 县级; handlers/county_handlers.h).
  r.add({"GET", "/api/v1/county/overview", {R::county_admin}, BodyKind::none, 0, false, h::county_overview});
  r.add({"GET", "/api/v1/county/overdue", {R::county_admin}, BodyKind::none, 0, false, h::county_overdue_cases});
  r.add({"GET", "/api/v1/discovery/runs", {R::county_admin}, BodyKind::none, 0, false, h::discovery_run_history});
  r.add({"GET", "/api/v1/staff", {R::county_admin}, BodyKind::none, 0, false, h::list_staff});
  r.add({"POST", "/api/v1/staff", {R::county_admin}, BodyKind::json, 0, false, h::add_staff});
  r.add({"POST", "/api/v1/staff/{}/disable", {R::county_admin}, BodyKind::json, 0, false, h::set_staff_active});
  r.add({"POST", "/api/v1/staff/{}/enable", {R::county_admin}, BodyKind::json, 0, false, h::set_staff_active});
  r.add({"POST", "/api/v1/staff/{}/password", {R::county_admin}, BodyKind::json, 0, false, h::reset_staff_password});
  r.add({"POST", "/api/v1/kiosks/enrol-codes", {R::county_admin}, BodyKind::json, 0, false, h::issue_kiosk_code});
  r.add({"POST", "/api/v1/kiosks/{}/disable", {R::county_admin}, BodyKind::json, 0, false, h::set_kiosk_active});
  r.add({"POST", "/api/v1/kiosks/{}/enable", {R::county_admin}, BodyKind::json, 0, false, h::set_kiosk_active});
  // kiosk: its offline receipts count due dates on the notices entered here (kiosk/outbox/calendar.h).
  r.add({"GET", "/api/v1/calendar/{}", {R::hall_staff, R::caseworker, R::county_admin, R::department, R::province_admin,
          R::kiosk},
         BodyKind::none, 0,
         false, h::get_calendar});
  r.add({"PUT", "/api/v1/calendar/{}", {R::county_admin, R::province_admin}, BodyKind::json, 0, false, h::put_calendar});
  // console (#16 forms): a case's forms as PDFs and the township's hall printed on them
  // (handlers/case_forms.cpp, handlers/halls.cpp; the receipt's PDF is ?format=pdf above).
  r.add({"GET", "/api/v1/cases/{}/forms/{}", case_staff, BodyKind::none, 0, false, h::case_form});
  r.add({"GET", "/api/v1/halls/{}", intake_staff, BodyKind::none, 0, false, h::get_hall});
  r.add({"PUT", "/api/v1/halls/{}", {R::county_admin}, BodyKind::json, 0, false, h::put_hall});
  return r;
}

}  // namespace jiuzhu::backend
