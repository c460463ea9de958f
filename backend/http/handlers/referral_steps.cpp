// console: what a department does with a referral sent to it (intake/referral_workflow.h):
//   POST /api/v1/referrals/{id}/accept {"note"?}
//   POST /api/v1/referrals/{id}/done   {"note"}    — what was done for the household
//   POST /api/v1/referrals/{id}/return {"reason"}  — why it goes back to the township
// (department staff of the referral's department and county; another's referral is 404). Each
// step changes the referral's status, is recorded in referral_steps (the case's timeline) and is
// audited, in one transaction. → 200 with the referral.
#include "backend/http/handlers/console_handlers.h"
#include "backend/intake/referral_workflow.h"
#include "backend/store/referral_steps_store.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::handlers {

Json referral_json(const ReferralRecord& x) {
  return Json{{"referral_id", x.referral_id},
              {"application_no", x.application_no},
              {"township", x.township},
              {"department", x.department},
              {"note", x.note},
              {"status", x.status},
              {"created_at", x.created_at}};
}

namespace {

Response referral_step(Request& req, Services& s, ReferralStep step) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  const char* field = step == ReferralStep::give_back ? "reason" : "note";
  if (auto st = only_fields(*j, {field}); !st) return error_response(st.error());
  auto text = string_field(*j, field, false, 4000);
  if (!text) return error_response(text.error());
  const std::string& id = req.path_params.at(0);
  auto decide = [&](const ReferralRecord& cur) { return next_referral_status(cur.status, step, *text); };
  auto r = s.referral_steps.apply_referral_step(
      id, req.principal.department, req.principal.county, to_string(step), *text,
      req.principal.actor(), now_rfc3339(), decide,
      audit_entry(req, std::string("referral_") + to_string(step), "case", "", "", "referral=" + id));
  if (!r) return error_response(r.error());
  return json_response(200, referral_json(*r));
}

}  // namespace

Response accept_referral(Request& req, Services& s) { return referral_step(req, s, ReferralStep::accept); }
Response complete_referral(Request& req, Services& s) { return referral_step(req, s, ReferralStep::done); }
Response return_referral(Request& req, Services& s) { return referral_step(req, s, ReferralStep::give_back); }

}  // namespace jiuzhu::backend::handlers
