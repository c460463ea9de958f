// services/accept_application.h
#include "backend/services/accept_application.h"

#include "backend/intake/workflow.h"
#include "backend/util/clock.h"
#include "core/intake/deadlines.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::services {
namespace {

std::string upper_last4(const std::string& id) {
  std::string s = id.size() >= 4 ? id.substr(id.size() - 4) : id;
  for (auto& c : s) c = static_cast<char>(c == 'x' ? 'X' : c);
  return s;
}

}  // namespace

Result<SubmitResult> accept_application(ApplicationStore& applications, const DocumentStore& documents,
                                        const WorkingCalendar& calendar, const Submission& sub,
                                        std::vector<std::string>* missing) {
  const model::Application& app = *sub.app;
  if (app.client_id.empty() || app.client_id.size() > 100) {
    return make_error("bad_client_id", "client_id must be 1-100 characters", "client_id");
  }
  if (!app.consent.verification_authorized) {
    return make_error("consent_required",
                      "the applicant must authorise the verification of household finances",
                      "consent.verification_authorized");
  }
  if (!app.consent.truthfulness_promised) {
    return make_error("consent_required", "the applicant must promise that the statements are true",
                      "consent.truthfulness_promised");
  }
  std::vector<std::string> hashes;
  for (const auto& d : app.documents) hashes.push_back(d.sha256);
  if (app.proxy && !app.proxy->authorization_document.empty())
    hashes.push_back(app.proxy->authorization_document);
  if (auto absent = documents.missing(hashes); !absent.empty()) {
    std::string list;
    for (const auto& h : absent) list += (list.empty() ? "" : ", ") + h;
    if (missing) *missing = absent;
    return make_error("missing_documents", "documents not uploaded yet: " + list, "documents");
  }
  const std::string received_at = now_rfc3339();
  const Date today = china_date_of(received_at);
  const bool urgent = intake::is_urgent_first_aid(app, today);
  auto due = intake::case_deadlines(app.programs, urgent, today, calendar);
  if (!due) return due.error();

  NewApplication na;
  auto& r = na.record;
  r.client_id = app.client_id;
  r.township = app.township;
  r.county = app.township.substr(0, 6);
  r.kiosk_id = sub.submitter;
  auto channel = model::parse_channel(app.channel);  // checked by the decoder; a stray name stops here
  if (!channel) return make_error("bad_enum", "channel must be kiosk, hall, online or visit", "channel");
  r.channel = *channel;
  r.programs = app.programs;
  r.status = CaseState::received;
  r.priority = urgent ? 1 : 0;
  r.received_at = received_at;
  r.updated_at = received_at;
  r.due_date = due->case_due.iso();
  r.id_last4 = upper_last4(app.applicant.id_number);
  r.body = model::stored_form(*sub.document, app);
  na.number_day = compact_day(today);
  na.audit = sub.audit;
  if (urgent) na.audit.detail += (na.audit.detail.empty() ? "" : " ") + std::string("first_aid");
  return applications.submit_application(na);
}

}  // namespace jiuzhu::backend::services
