// GET /api/v1/intake?status=S&limit=N&cursor=C (hall_staff, caseworker, county_admin): the
// applications of the caller's area, 先行救助 first, then newest first; keyset-paginated.
#include <charconv>

#include "backend/http/handlers/handlers.h"
#include "backend/intake/deadlines.h"
#include "backend/intake/workflow.h"
#include "core/id_number.h"

namespace jiuzhu::backend::handlers {
namespace {

bool parse_cursor(const std::string& c, std::pair<int64_t, int64_t>& out) {
  const auto dot = c.find('.');
  if (dot == std::string::npos) return false;
  auto a = std::from_chars(c.data(), c.data() + dot, out.first);
  auto b = std::from_chars(c.data() + dot + 1, c.data() + c.size(), out.second);
  return a.ec == std::errc() && a.ptr == c.data() + dot && b.ec == std::errc() && b.ptr == c.data() + c.size();
}

}  // namespace

Json case_summary(const ApplicationRecord& r, Date today) {
  Json body = Json::parse(r.body, nullptr, false);
  Json applicant = Json::object();
  if (body.is_object() && body.contains("applicant")) {
    const auto& a = body["applicant"];
    // Lists show masked identity only; the full record is behind GET /cases/{no} (audited).
    if (a.contains("name") && a["name"].is_string()) applicant["name"] = mask_name(a["name"].get<std::string>());
    if (a.contains("id_number") && a["id_number"].is_string()) {
      applicant["id_number"] = mask_id_number(a["id_number"].get<std::string>());
    }
  }
  return Json{{"application_no", r.application_no},
              {"township", r.township},
              {"status", to_string(r.status)},
              {"programs", r.programs},
              {"received_at", r.received_at},
              {"updated_at", r.updated_at},
              {"due_date", r.due_date},
              {"overdue", is_overdue(r.due_date, is_final(r.status), today)},
              {"first_aid", r.priority > 0},
              {"assigned_to", r.assigned_to},
              {"applicant", applicant}};
}

Response intake(Request& req, Services& s) {
  IntakeQuery q;
  q.scope = req.principal.scope();
  if (auto it = req.query.find("status"); it != req.query.end() && !it->second.empty()) {
    auto state = parse_case_state(it->second);
    if (!state) return error_response(400, "bad_parameter", "unknown status", "status");
    q.status = *state;
  }
  auto limit = int_param(req, "limit", 20, 1, 200);
  if (!limit) return error_response(limit.error());
  q.limit = *limit;
  if (auto it = req.query.find("cursor"); it != req.query.end() && !it->second.empty()) {
    std::pair<int64_t, int64_t> c;
    if (!parse_cursor(it->second, c)) return error_response(400, "bad_parameter", "malformed cursor", "cursor");
    q.after = c;
  }
  auto rows = s.applications.intake(q);
  if (!rows) return error_response(rows.error());
  const Date today = Date::today_china();
  Json items = Json::array();
  for (const auto& r : *rows) items.push_back(case_summary(r, today));
  Json next = nullptr;
  if (static_cast<int>(rows->size()) == q.limit && !rows->empty()) {
    next = std::to_string(rows->back().priority) + "." + std::to_string(rows->back().id);
  }
  const std::string area = q.scope.township.empty() ? q.scope.county : q.scope.township;
  if (auto st = s.audit.append_audit(audit_entry(req, "list", "intake", area, q.scope.township,
                                                "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"items", items}, {"next_cursor", next}});
}

}  // namespace jiuzhu::backend::handlers
