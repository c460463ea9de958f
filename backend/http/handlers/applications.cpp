// POST /api/v1/applications (kiosk) and GET /api/v1/applications/{no}/receipt (hall staff,
// caseworker: reprint a receipt).
#include "backend/http/handlers/console_handlers.h"
#include "backend/services/accept_application.h"
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

}  // namespace

Response submit_application(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  auto app = model::decode_application(*j);
  if (!app) return error_response(app.error());
  if (app->township != req.principal.township) {
    return error_response(403, "forbidden", "a kiosk submits applications for its own township only", "township");
  }
  // console: the intake rules live in one use case, shared with a caseworker's submission on a
  // household's behalf (services/accept_application.h).
  std::vector<std::string> missing;
  services::Submission sub{&j.value(), &app.value(), req.principal.id,
                           audit_entry(req, "create", "application", "", app->township, "")};
  auto out = services::accept_application(s.applications, s.documents, s.calendar(), sub, &missing);
  if (!out) {
    if (out.error().code == "missing_documents") {
      auto r = error_response(out.error());
      Json body = Json::parse(r.body);
      body["error"]["missing"] = missing;
      return json_response(400, body);
    }
    if (out.error().code == "client_id_in_use") return error_response(409, out.error().code, out.error().message, "client_id");
    return error_response(out.error());
  }
  return json_response(out->created ? 201 : 200, ack_json(out->record));
}

Response receipt(Request& req, Services& s) {
  // console: ?format=pdf is the receipt as printing/ lays it out (case_forms.cpp).
  if (auto f = req.query.find("format"); f != req.query.end() && f->second != "json") {
    if (f->second == "pdf") return receipt_pdf(req, s);
    return error_response(400, "bad_parameter", "format must be json or pdf", "format");
  }
  const std::string& no = req.path_params.at(0);
  auto app = s.applications.application(no, req.principal.scope());
  if (!app) return error_response(app.error());
  if (!*app) return error_response(404, "not_found", "no such application");
  const auto& r = **app;
  if (auto st = s.audit.append_audit(audit_entry(req, "read", "receipt", r.application_no, r.township)); !st) {
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
