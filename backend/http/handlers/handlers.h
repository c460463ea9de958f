// The request handlers of API v1, one file per resource (contracts/api.md). Each is a plain
// function of the request and the services; the router has already authenticated the caller,
// checked the role, the content type and the body size. Handlers apply area scoping (records
// outside the caller's area are 404), validate input strictly (400 naming the field) and append
// audit rows for staff reads and changes of a person's record.
//
// Thread-safety: handlers keep no state of their own.
#pragma once

#include <initializer_list>
#include <string>

#include "backend/http/request.h"
#include "backend/http/services.h"

namespace jiuzhu::backend::handlers {

// Shared input helpers (http/handlers/json_input.cpp).
Result<Json> parse_body(const Request& req, const Services& services);
// Errors unknown_field (field = prefix + key) for keys outside `allowed`, not_object when j is not one.
Status only_fields(const Json& j, std::initializer_list<const char*> allowed, const std::string& prefix = {});
// A string member: missing_field when required and absent, wrong_type, too_long, and
// control_character (model::readable_text; fields of 1000 bytes or more may hold line breaks)
// unless `secret` (a password: never shown to anyone, taken as it is).
Result<std::string> string_field(const Json& j, const char* key, bool required, size_t max_len = 4000,
                                 bool secret = false);
// The discovery queue item id of the path's first parameter ("/…/queue/{id}/…"): not_found
// (404) unless it is 1 to 18 digits (discovery.cpp).
Result<int64_t> item_id(const Request& req);
// A query parameter as a bounded integer: bad_parameter otherwise.
Result<int> int_param(const Request& req, const char* key, int fallback, int lo, int hi);
// The audit entry for the caller acting on a record.
AuditEntry audit_entry(const Request& req, const std::string& action, const std::string& record_type,
                       const std::string& record_id, const std::string& township, const std::string& detail = {});

Response healthz(Request&, Services&);
Response metrics(Request&, Services&);
Response policies(Request&, Services&);
Response eligibility(Request&, Services&);
Response login(Request&, Services&);
Response put_document(Request&, Services&);
Response submit_application(Request&, Services&);
Response receipt(Request&, Services&);
Response progress(Request&, Services&);
Response submit_lead(Request&, Services&);
Response intake(Request&, Services&);
Response get_case(Request&, Services&);
Response transition(Request&, Services&);
Response add_referral(Request&, Services&);
Response list_referrals(Request&, Services&);
Response discovery_queue(Request&, Services&);
Response record_visit(Request&, Services&);
Response visits_due(Request&, Services&);
Response audit_log(Request&, Services&);
Response kiosks(Request&, Services&);
Response registry(Request&, Services&);
Response discovery_item(Request&, Services&);
Response queue_transition(Request&, Services&);
Response queue_assignment(Request&, Services&);
Response case_assignment(Request&, Services&);
Response discovery_run(Request&, Services&);
Response enrol_kiosk(Request&, Services&);  // ops: handlers/kiosk_enrol.cpp
Response kiosk_self(Request&, Services&);   // ops: handlers/kiosk_enrol.cpp
Response kiosk_report_status(Request&, Services&);  // ops: handlers/kiosk_status.cpp
// console: the staff console's files (console_files.cpp), help calls (help_calls.cpp), the
// audited full ID number of a case (reveal_id.cpp).
Response console_redirect(Request&, Services&);
Response console_index(Request&, Services&);
Response console_file(Request&, Services&);
Response request_help(Request&, Services&);
Response help_calls(Request&, Services&);
Response answer_help_call(Request&, Services&);
Response reveal_id(Request&, Services&);
Response discovery_ledger(Request&, Services&);
Response get_county_params(Request&, Services&);
Response put_county_params(Request&, Services&);

// Uploaded feeds of POST /api/v1/discovery/runs: a small county's feeds fit; larger ones are
// placed under the feeds root and named instead.
inline constexpr size_t kMaxUploadedFeedBytes = size_t{64} << 20;

}  // namespace jiuzhu::backend::handlers
