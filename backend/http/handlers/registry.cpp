// GET /api/v1/registry?category=C&limit=N (caseworker, county_admin): the key-group roster
// (重点人群信息库) of the caller's area for one program — the approved cases that receive it,
// newest first, with masked identity (the full record is one audited GET /cases/{no} away).
#include "backend/http/handlers/handlers.h"
#include "core/model/programs.h"

namespace jiuzhu::backend::handlers {

Json case_summary(const ApplicationRecord& r, Date today);  // intake.cpp

Response registry(Request& req, Services& s) {
  auto it = req.query.find("category");
  if (it == req.query.end() || !model::is_program(it->second)) {
    return error_response(400, "bad_parameter", "category must be a program id (dibao, tekun, ...)", "category");
  }
  const std::string category = it->second;
  auto limit = int_param(req, "limit", 200, 1, 1000);
  if (!limit) return error_response(limit.error());
  IntakeQuery q;
  q.scope = req.principal.scope();
  q.status = "approved";
  q.limit = 1000;
  Json items = Json::array();
  const Date today = Date::today_china();
  for (;;) {
    auto rows = s.repo.intake(q);
    if (!rows) return error_response(rows.error());
    for (const auto& r : *rows) {
      const Json programs = Json::parse(r.programs, nullptr, false);
      if (!programs.is_array()) continue;
      for (const auto& p : programs) {
        if (p == category && static_cast<int>(items.size()) < *limit) items.push_back(case_summary(r, today));
      }
    }
    if (static_cast<int>(rows->size()) < q.limit || static_cast<int>(items.size()) >= *limit) break;
    q.after = std::make_pair(rows->back().priority, rows->back().id);
  }
  const std::string area = q.scope.township.empty() ? q.scope.county : q.scope.township;
  if (auto st = s.repo.append_audit(audit_entry(req, "list", "registry", area, q.scope.township,
                                                "category=" + category + " rows=" + std::to_string(items.size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"category", category}, {"items", items}});
}

}  // namespace jiuzhu::backend::handlers
