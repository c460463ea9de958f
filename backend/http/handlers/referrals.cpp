// POST /api/v1/cases/{no}/referrals (caseworker): refer a case's special-assistance need to the
// department that handles it (协同办理). GET /api/v1/referrals (department): the referrals sent to
// the caller's department (an addition to the contract: api.md gives departments this view).
#include "backend/http/handlers/handlers.h"
#include "backend/store/referral_steps_store.h"
#include "backend/util/clock.h"

namespace jiuzhu::backend::handlers {

// The departments special assistance goes to (社会救助暂行办法 Arts. 28–44).
bool is_department(const std::string& d) {
  return d == "education" || d == "housing" || d == "employment" || d == "medical_insurance";
}

Response add_referral(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  // console: "reason" (the township's reason for referring) is an addition; the contract's body
  // without it is accepted as before.
  if (auto st = only_fields(*j, {"department", "note", "reason"}); !st) return error_response(st.error());
  auto reason = string_field(*j, "reason", false, 400);
  if (!reason) return error_response(reason.error());
  auto dept = string_field(*j, "department", true, 40);
  if (!dept) return error_response(dept.error());
  if (!is_department(*dept)) {
    return error_response(400, "unknown_department", "department must be education, housing, employment or medical_insurance",
                          "department");
  }
  auto note = string_field(*j, "note", false, 4000);
  if (!note) return error_response(note.error());
  ReferralRecord draft;
  draft.application_no = req.path_params.at(0);
  draft.department = *dept;
  draft.note = *note;
  draft.status = ReferralStatus::sent;
  draft.created_at = now_rfc3339();
  draft.created_by = req.principal.actor();
  const Date today = china_date_of(draft.created_at);
  const std::string day = compact_day(today);
  // The referral and its "sent" step (the reason, for the case's timeline) in one transaction.
  auto r = s.referral_steps.add_referral_with_reason(draft, day, req.principal.scope(), *reason,
                                                     audit_entry(req, "refer", "case", draft.application_no, "", "department=" + *dept));
  if (!r) return error_response(r.error());
  return json_response(201, Json{{"referral_id", r->referral_id}, {"application_no", r->application_no},
                                 {"department", r->department}, {"status", r->status}, {"created_at", r->created_at}});
}

Response list_referrals(Request& req, Services& s) {
  auto rows = s.referrals.referrals_to(req.principal.department, req.principal.county);
  if (!rows) return error_response(rows.error());
  // console: each referral with its steps (the reason it was sent, what the department did).
  auto steps = s.referral_steps.referral_steps_to(req.principal.department, req.principal.county);
  if (!steps) return error_response(steps.error());
  Json items = Json::array();
  for (const auto& x : *rows) {
    Json item = {{"referral_id", x.referral_id}, {"application_no", x.application_no}, {"township", x.township},
                 {"department", x.department}, {"note", x.note}, {"status", x.status}, {"created_at", x.created_at}};
    Json own = Json::array();
    for (const auto& st : *steps) {
      if (st.referral_id == x.referral_id) {
        own.push_back({{"at", st.at}, {"actor", st.actor}, {"step", st.step}, {"note", st.note}});
      }
    }
    item["steps"] = own;
    items.push_back(item);
  }
  if (auto st = s.audit.append_audit(audit_entry(req, "list", "referrals", req.principal.department, "",
                                                "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"items", items}});
}

}  // namespace jiuzhu::backend::handlers
