// GET /api/v1/audit?after=SEQ&limit=N&verify=1 (county_admin): who read or changed which record,
// when — within the caller's county; verify=1 also checks the whole hash chain.
#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response audit_log(Request& req, Services& s) {
  auto after = int_param(req, "after", 0, 0, 2'000'000'000);
  if (!after) return error_response(after.error());
  auto limit = int_param(req, "limit", 100, 1, 1000);
  if (!limit) return error_response(limit.error());
  auto rows = s.repo.audit(req.principal.scope(), *after, *limit);
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  for (const auto& r : *rows) {
    items.push_back({{"seq", r.seq}, {"at", r.at}, {"actor", r.entry.actor}, {"role", r.entry.role},
                     {"action", r.entry.action}, {"record_type", r.entry.record_type},
                     {"record_id", r.entry.record_id}, {"township", r.entry.township},
                     {"detail", r.entry.detail}, {"hash", r.hash}});
  }
  Json out = {{"items", items}};
  if (req.query.count("verify") && req.query["verify"] == "1") {
    auto v = s.repo.verify_audit();
    if (!v) return error_response(v.error());
    out["chain"] = {{"ok", v->ok}, {"rows", v->rows}};
    if (!v->ok) out["chain"]["first_bad_seq"] = v->first_bad_seq;
  }
  if (auto st = s.repo.append_audit(audit_entry(req, "list", "audit", req.principal.county, "",
                                                "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, out);
}

}  // namespace jiuzhu::backend::handlers
