// GET /api/v1/county/overview (county_admin): the county's counts per township and per program,
// aggregated by the database (store/county_overview_store.h) — applications by status, overdue
// cases, discovery queue open/closed, visits due.
//
// GET /api/v1/county/overdue?township=T&limit=N&cursor=C (county_admin): open cases of the county
// past their statutory due date, longest overdue first, with the calendar and working days
// overdue; keyset-paginated (next_cursor). A township outside the county lists nothing.
#include <charconv>

#include "backend/http/handlers/county_handlers.h"
#include "backend/store/county_overview_store.h"
#include "core/csv_lines.h"
#include "core/model/json_codec.h"
#include "core/regions.h"

namespace jiuzhu::backend::handlers {
namespace {

// "YYYY-MM-DD.ID" ↔ (due_date, id).
bool parse_due_cursor(const std::string& c, std::pair<std::string, int64_t>& out) {
  const auto dot = c.rfind('.');
  if (dot == std::string::npos || !Date::parse_iso(c.substr(0, dot))) return false;
  out.first = c.substr(0, dot);
  auto r = std::from_chars(c.data() + dot + 1, c.data() + c.size(), out.second);
  return r.ec == std::errc() && r.ptr == c.data() + c.size();
}

// Township names of assets/data/townships.csv, loaded once.
const std::map<std::string, std::string, std::less<>>& township_names() {
  static const std::map<std::string, std::string, std::less<>> names = [] {
    std::map<std::string, std::string, std::less<>> out;
    std::string text;
    if (!detail::read_file(assets_dir() + "/data/townships.csv", text)) return out;
    for (const auto& line : detail::split_data_lines(text)) {
      if (line.fields.size() >= 2 && line.fields[0].size() == 9) out.emplace(line.fields[0], line.fields[1]);
    }
    return out;
  }();
  return names;
}

// "" for a code not listed there.
std::string township_name(const std::string& code) {
  const auto& names = township_names();
  auto it = names.find(code);
  return it == names.end() ? std::string() : it->second;
}

Json counts_json(const std::map<std::string, int64_t>& by_status) {
  Json j = Json::object();
  int64_t total = 0;
  for (const auto& [status, n] : by_status) {
    j[status] = n;
    total += n;
  }
  j["total"] = total;
  return j;
}

}  // namespace

Response county_overview(Request& req, Services& s) {
  const std::string county = req.principal.county;
  const Date today = Date::today_china();
  auto counted = s.county_overview.county_overview(county, today.iso());
  if (!counted) return error_response(counted.error());
  CountyOverview data = std::move(counted).value();
  CountyOverview* o = &data;
  // Every listed township of the county has a row, with or without anything to count yet.
  for (auto it = township_names().lower_bound(county);
       it != township_names().end() && it->first.rfind(county, 0) == 0; ++it) {
    o->townships.try_emplace(it->first);
  }
  Json towns = Json::array();
  TownshipCounts all;
  for (const auto& [town, t] : o->townships) {
    towns.push_back({{"township", town},
                     {"township_name", township_name(town)},
                     {"applications", counts_json(t.applications)},
                     {"overdue", t.overdue},
                     {"discovery_open", t.queue_open},
                     {"discovery_closed", t.queue_closed},
                     {"visits_due", t.visits_due},
                     {"visits_overdue", t.visits_overdue}});
    for (const auto& [status, n] : t.applications) all.applications[status] += n;
    all.overdue += t.overdue;
    all.queue_open += t.queue_open;
    all.queue_closed += t.queue_closed;
    all.visits_due += t.visits_due;
    all.visits_overdue += t.visits_overdue;
  }
  Json programs = Json::array();
  for (const auto& [key, by_status] : o->programs) {
    programs.push_back({{"program", key.first},
                        {"township", key.second},
                        {"township_name", township_name(key.second)},
                        {"applications", counts_json(by_status)}});
  }
  const Json total = {{"applications", counts_json(all.applications)},
                      {"overdue", all.overdue},
                      {"discovery_open", all.queue_open},
                      {"discovery_closed", all.queue_closed},
                      {"visits_due", all.visits_due},
                      {"visits_overdue", all.visits_overdue}};
  if (auto st = s.audit.append_audit(audit_entry(req, "list", "county_overview", county, "")); !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"county", county},
                                 {"today", today.iso()},
                                 {"total", total},
                                 {"townships", towns},
                                 {"programs", programs}});
}

Response county_overdue_cases(Request& req, Services& s) {
  OverdueQuery q;
  q.county = req.principal.county;
  const Date today = Date::today_china();
  q.today = today.iso();
  if (auto it = req.query.find("township"); it != req.query.end() && !it->second.empty()) {
    if (it->second.size() > 12)
      return error_response(400, "bad_parameter", "township is a township code", "township");
    q.township = it->second;
  }
  auto limit = int_param(req, "limit", 20, 1, 200);
  if (!limit) return error_response(limit.error());
  q.limit = *limit;
  if (auto it = req.query.find("cursor"); it != req.query.end() && !it->second.empty()) {
    std::pair<std::string, int64_t> c;
    if (!parse_due_cursor(it->second, c))
      return error_response(400, "bad_parameter", "malformed cursor", "cursor");
    q.after = c;
  }
  auto rows = s.county_overview.overdue_case_list(q);
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  for (const auto& r : *rows) {
    auto due = Date::parse_iso(r.due_date);
    Json item = {{"application_no", r.application_no},
                 {"township", r.township},
                 {"township_name", township_name(r.township)},
                 {"programs", Json::parse(r.programs, nullptr, false)},
                 {"status", r.status},
                 {"received_at", r.received_at},
                 {"due_date", r.due_date},
                 {"assigned_to", r.assigned_to},
                 {"days_overdue", due ? due->days_until(today) : 0},
                 {"working_days_overdue", nullptr}};
    if (due) {
      if (auto w = s.calendar().working_days_between(*due, today)) item["working_days_overdue"] = *w;
    }
    items.push_back(std::move(item));
  }
  Json next = nullptr;
  if (static_cast<int>(rows->size()) == q.limit && !rows->empty()) {
    next = rows->back().due_date + "." + std::to_string(rows->back().id);
  }
  if (auto st = s.audit.append_audit(audit_entry(req, "list", "overdue_cases", q.county, q.township,
                                                "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"today", q.today}, {"items", items}, {"next_cursor", next}});
}

}  // namespace jiuzhu::backend::handlers
