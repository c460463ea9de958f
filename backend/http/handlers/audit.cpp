// GET /api/v1/audit?after=SEQ&limit=N&verify=1 (county_admin): who read or changed which record,
// when — within the caller's county; verify=1 also checks the whole hash chain.
// county: filters actor=, action=, record_type=, record_id=, township=, from=DATE, to=DATE and
// order=desc (newest first, paged with before=SEQ; next_cursor names the next page's cursor)
// are applied by the database (store/audit_search.h).
#include "backend/http/handlers/handlers.h"
#include "backend/store/audit_search.h"

namespace jiuzhu::backend::handlers {

namespace {

Json audit_row_json(const AuditRow& r) {
  return {{"seq", r.seq},
          {"at", r.at},
          {"actor", r.entry.actor},
          {"role", r.entry.role},
          {"action", r.entry.action},
          {"record_type", r.entry.record_type},
          {"record_id", r.entry.record_id},
          {"township", r.entry.township},
          {"detail", r.entry.detail},
          {"hash", r.hash}};
}

// county: the filtered search; nullopt when the request uses none of its parameters.
std::optional<Result<AuditFilter>> audit_filter(const Request& req) {
  AuditFilter f;
  bool any = false;
  for (auto [key, into] : {std::pair<const char*, std::string*>{"actor", &f.actor}, {"action", &f.action},
                           {"record_type", &f.record_type}, {"record_id", &f.record_id}, {"township", &f.township},
                           {"from", &f.from}, {"to", &f.to}}) {
    auto it = req.query.find(key);
    if (it == req.query.end() || it->second.empty()) continue;
    if (it->second.size() > 100) return Result<AuditFilter>(make_error("bad_parameter", "too long", key));
    if ((std::string_view(key) == "from" || std::string_view(key) == "to") && !Date::parse_iso(it->second)) {
      return Result<AuditFilter>(make_error("bad_parameter", std::string(key) + " must be a date YYYY-MM-DD", key));
    }
    *into = it->second;
    any = true;
  }
  if (auto it = req.query.find("order"); it != req.query.end() && !it->second.empty()) {
    if (it->second != "desc" && it->second != "asc") {
      return Result<AuditFilter>(make_error("bad_parameter", "order is asc or desc", "order"));
    }
    f.newest_first = it->second == "desc";
    any = true;
  }
  if (req.query.count("before")) {
    f.newest_first = true;  // a page before a sequence number is read newest first
    any = true;
  }
  if (!any) return std::nullopt;
  return Result<AuditFilter>(std::move(f));
}

}  // namespace

Response audit_log(Request& req, Services& s) {
  if (auto filter = audit_filter(req)) {
    if (!*filter) return error_response(filter->error());
    AuditFilter f = **filter;
    f.county = req.principal.county;
    auto cursor = int_param(req, f.newest_first ? "before" : "after", 0, 0, 2'000'000'000);
    if (!cursor) return error_response(cursor.error());
    f.cursor = *cursor;
    auto limit = int_param(req, "limit", 100, 1, 1000);
    if (!limit) return error_response(limit.error());
    f.limit = *limit;
    auto rows = s.audit_search.search_audit(f);
    if (!rows) return error_response(rows.error());
    Json items = Json::array();
    for (const auto& r : *rows) items.push_back(audit_row_json(r));
    Json next = nullptr;
    if (static_cast<int>(rows->size()) == f.limit && !rows->empty()) next = rows->back().seq;
    if (auto st = s.audit.append_audit(audit_entry(req, "list", "audit", req.principal.county, "",
                                                  "rows=" + std::to_string(rows->size()) + " filtered"));
        !st) {
      return error_response(st.error());
    }
    return json_response(200, Json{{"items", items}, {"next_cursor", next}});
  }
  auto after = int_param(req, "after", 0, 0, 2'000'000'000);
  if (!after) return error_response(after.error());
  auto limit = int_param(req, "limit", 100, 1, 1000);
  if (!limit) return error_response(limit.error());
  auto rows = s.audit.audit(req.principal.scope(), *after, *limit);
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  for (const auto& r : *rows) items.push_back(audit_row_json(r));
  Json out = {{"items", items}};
  if (req.query.count("verify") && req.query["verify"] == "1") {
    auto v = s.audit.verify_audit();
    if (!v) return error_response(v.error());
    out["chain"] = {{"ok", v->ok}, {"rows", v->rows}};
    if (!v->ok) out["chain"]["first_bad_seq"] = v->first_bad_seq;
  }
  if (auto st = s.audit.append_audit(audit_entry(req, "list", "audit", req.principal.county, "",
                                                "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, out);
}

}  // namespace jiuzhu::backend::handlers
