// POST /api/v1/leads (kiosk, caseworker): a hardship lead joins its township's discovery queue;
// an urgent one gets a visit due within 1 working day. An optional "client_id" (1-64 of
// [A-Za-z0-9-], made once per lead by the sender) makes a retry safe: the same client_id again
// answers 200 with the first lead_id and stores nothing.
#include <cctype>

#include "backend/http/handlers/handlers.h"
#include "backend/util/clock.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {

// Non-urgent leads: the township starts investigating within 3 working days of acceptance
// (最低生活保障审核确认办法 Art. 15); a visit is the start of that investigation.
constexpr int kLeadVisitWorkingDays = 3;

namespace {
bool valid_client_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-')) return false;
  }
  return true;
}
}  // namespace

Response submit_lead(Request& req, Services& s) {
  auto parsed = parse_body(req, s);
  if (!parsed) return error_response(parsed.error());
  Json body = *parsed;
  std::string client_id;
  if (body.is_object()) {
    if (auto it = body.find("client_id"); it != body.end()) {
      if (!it->is_string()) return error_response(400, "wrong_type", "client_id must be a string", "client_id");
      client_id = it->get<std::string>();
      if (!valid_client_id(client_id)) {
        return error_response(400, "bad_client_id", "client_id is 1-64 letters, digits or '-'", "client_id");
      }
      body.erase(it);  // the lead codec knows only the lead's own fields
    }
  }
  auto lead = model::decode_lead(body);
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
  if (lead->urgent) nl.flags = {"urgent"};
  nl.audit = audit_entry(req, "create", "lead", "", lead->township, lead->urgent ? "urgent" : "");
  auto stored = s.queue->add_lead(nl, client_id);
  if (!stored) return error_response(stored.error());
  return json_response(stored->created ? 201 : 200, Json{{"lead_id", stored->lead_id}, {"visit_due", stored->visit_due}});
}

}  // namespace jiuzhu::backend::handlers
