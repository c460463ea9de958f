// POST /api/v1/applications (kiosk) and GET /api/v1/applications/{no}/receipt (hall staff,
// caseworker: reprint a receipt).
#include "backend/http/handlers/handlers.h"
#include "backend/intake/workflow.h"
#include "backend/util/clock.h"
#include "core/intake/deadlines.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {
namespace {

Json ack_json(const ApplicationRecord& r) {
  // The first answer: a retry gets exactly what the first submission got. Assigned key by key:
  // a braced initializer list copies every value once more, on every submission.
  Json j = Json::object();
  j["application_no"] = r.application_no;
  j["status"] = "received";
  j["received_at"] = r.received_at;
  j["due_date"] = r.due_date;
  return j;
}

std::string upper_last4(const std::string& id) {
  std::string s = id.size() >= 4 ? id.substr(id.size() - 4) : id;
  for (auto& c : s) c = static_cast<char>(c == 'x' ? 'X' : c);
  return s;
}

}  // namespace

Response submit_application(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  auto app = model::decode_application(*j);
  if (!app) return error_response(app.error());
  if (app->township != req.principal.township) {
    return error_response(403, "forbidden", "a kiosk submits applications for its own township only", "township");
  }
  if (app->client_id.empty() || app->client_id.size() > 100) {
    return error_response(400, "bad_client_id", "client_id must be 1-100 characters", "client_id");
  }
  if (!app->consent.verification_authorized) {
    return error_response(400, "consent_required", "the applicant must authorise the verification of household finances",
                          "consent.verification_authorized");
  }
  if (!app->consent.truthfulness_promised) {
    return error_response(400, "consent_required", "the applicant must promise that the statements are true",
                          "consent.truthfulness_promised");
  }
  std::vector<std::string> hashes;
  for (const auto& d : app->documents) hashes.push_back(d.sha256);
  if (app->proxy && !app->proxy->authorization_document.empty()) hashes.push_back(app->proxy->authorization_document);
  if (auto missing = s.documents.missing(hashes); !missing.empty()) {
    std::string list;
    for (const auto& h : missing) list += (list.empty() ? "" : ", ") + h;
    auto r = error_response(400, "missing_documents", "documents not uploaded yet: " + list, "documents");
    Json body = Json::parse(r.body);
    body["error"]["missing"] = missing;
    return json_response(400, body);
  }
  const std::string received_at = now_rfc3339();
  const Date today = china_date_of(received_at);
  const bool urgent = intake::is_urgent_first_aid(*app, today);
  auto due = intake::case_deadlines(app->programs, urgent, today, s.calendar());
  if (!due) return error_response(due.error());

  NewApplication na;
  auto& r = na.record;
  r.client_id = app->client_id;
  r.township = app->township;
  r.county = app->township.substr(0, 6);
  r.kiosk_id = req.principal.id;
  r.channel = app->channel;
  r.programs = Json(app->programs).dump();
  r.status = to_string(CaseState::received);
  r.priority = urgent ? 1 : 0;
  r.received_at = received_at;
  r.updated_at = received_at;
  r.due_date = due->case_due.iso();
  r.id_last4 = upper_last4(app->applicant.id_number);
  r.body = model::stored_form(j.value(), *app);
  const std::string day = compact_day(today);
  na.number_day = day;
  na.audit = audit_entry(req, "create", "application", "", r.township, urgent ? "first_aid" : "");
  auto out = s.repo.submit_application(na);
  if (!out) {
    if (out.error().code == "client_id_in_use") return error_response(409, out.error().code, out.error().message, "client_id");
    return error_response(out.error());
  }
  return json_response(out->created ? 201 : 200, ack_json(out->record));
}

Response receipt(Request& req, Services& s) {
  const std::string& no = req.path_params.at(0);
  auto app = s.repo.application(no, req.principal.scope());
  if (!app) return error_response(app.error());
  if (!*app) return error_response(404, "not_found", "no such application");
  const auto& r = **app;
  if (auto st = s.repo.append_audit(audit_entry(req, "read", "receipt", r.application_no, r.township)); !st) {
    return error_response(st.error());
  }
  Json body = Json::parse(r.body, nullptr, false);
  if (body.is_discarded()) body = Json::object();
  body.update(ack_json(r));
  // county: the due date is provisional (暂定) while its year's holiday notice is not entered.
  if (auto due = Date::parse_iso(r.due_date)) body["due_date_provisional"] = s.calendar().provisional(due->year());
  return json_response(200, body);
}

}  // namespace jiuzhu::backend::handlers
