// POST /api/v1/leads (kiosk, caseworker): a hardship lead joins its township's discovery queue;
// an urgent one gets a visit due within 1 working day.
#include "backend/http/handlers/handlers.h"
#include "backend/util/clock.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {

// Non-urgent leads: the township starts investigating within 3 working days of acceptance
// (最低生活保障审核确认办法 Art. 15); a visit is the start of that investigation.
constexpr int kLeadVisitWorkingDays = 3;

Response submit_lead(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  auto lead = model::decode_lead(*j);
  if (!lead) return error_response(lead.error());
  if (lead->township != req.principal.township) {
    return error_response(403, "forbidden", "leads are accepted for the caller's own township only", "township");
  }
  const auto& subj = lead->subject;
  if (subj.id_number.empty() && subj.name.empty() && subj.address.empty() && subj.phone.empty()) {
    return error_response(400, "subject_required", "a lead names someone or somewhere to visit", "subject");
  }
  const std::string now = now_rfc3339();
  const Date today = china_date_of(now);
  auto due = s.calendar().add_working_days(today, lead->urgent ? 1 : kLeadVisitWorkingDays);
  if (!due) return error_response(due.error());
  NewLead nl;
  nl.township = lead->township;
  nl.county = lead->township.substr(0, 6);
  nl.source = lead->source;
  nl.body = model::encode(*lead).dump();
  nl.created_at = now;
  nl.created_by = req.principal.actor();
  const std::string day = compact_day(today);
  nl.number_day = day;
  nl.visit_due = due->iso();
  nl.urgent = lead->urgent;
  nl.flags = lead->urgent ? R"(["urgent"])" : "[]";
  nl.audit = audit_entry(req, "create", "lead", "", lead->township, lead->urgent ? "urgent" : "");
  auto id = s.repo.add_lead(nl);
  if (!id) return error_response(id.error());
  return json_response(201, Json{{"lead_id", *id}, {"visit_due", nl.visit_due}});
}

}  // namespace jiuzhu::backend::handlers
