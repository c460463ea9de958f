// The working-day calendar of a year and the State Council notice that sets it (the console's
// 工作日历, docs/console.md, docs/api.md):
//   GET /api/v1/calendar/{year} (staff) → which data is in force for the year (the entered notice,
//       the shipped data, or weekends only — provisional), its days off and make-up working days,
//       and every notice entered for the year.
//   PUT /api/v1/calendar/{year} (county_admin) {document_number, title, published_on,
//       holidays: [{date, name}], workdays: [{date, name}]} → 201: a new version, in force at once;
//       the due dates of open applications that run through the year are computed again with it
//       (core/intake/deadlines.h), the discovery queue's visit due dates likewise
//       (services/recompute_visit_dues.h; "visit_dues_changed"), and the year stops being provisional.
// The calendar is national: a notice entered by one county's administrator is the calendar of
// every county on this server. Both the entry and the recomputation are audited.
#include <algorithm>
#include <set>

#include "backend/http/handlers/county_handlers.h"
#include "backend/services/recompute_visit_dues.h"
#include "backend/store/calendar_notice_store.h"
#include "backend/util/clock.h"
#include "core/csv_lines.h"
#include "core/intake/deadlines.h"
#include "core/model/json_codec.h"
#include "core/regions.h"

namespace jiuzhu::backend::handlers {
namespace {

Result<int> year_param(const Request& req) {
  const std::string& text = req.path_params.at(0);
  if (text.size() != 4 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return make_error("bad_year", "the year is four digits", "year");
  }
  return std::stoi(text);
}

// The shipped data's days of `year` (assets/data/holidays.csv), with their names.
Json shipped_days(int year) {
  Json out = Json::array();
  std::string text;
  if (!detail::read_file(assets_dir() + "/data/holidays.csv", text)) return out;
  const std::string prefix = std::to_string(year) + "-";
  for (const auto& line : detail::split_data_lines(text)) {
    if (line.fields.size() < 3 || line.fields[0].rfind(prefix, 0) != 0) continue;
    out.push_back({{"date", std::string(line.fields[0])},
                   {"kind", line.fields[1] == "workday" ? "workday" : "holiday"},
                   {"name", std::string(line.fields[2])}});
  }
  return out;
}

Json notice_days(const CalendarNotice& n) {
  Json out = Json::array();
  for (auto [list, kind] : {std::pair{&n.holidays, "holiday"}, std::pair{&n.workdays, "workday"}}) {
    for (auto d : Json::parse(*list, nullptr, false)) {
      if (!d.is_object()) continue;
      d["kind"] = kind;
      out.push_back(d);
    }
  }
  return out;
}

Json notice_json(const CalendarNotice& n) {
  return {{"version", n.version},       {"document_number", n.document_number},
          {"title", n.title},           {"published_on", n.published_on},
          {"created_by", n.created_by}, {"created_at", n.created_at},
          {"days", notice_days(n)}};
}

// [{date, name}] → the dates, checked; the list stored as given (names trimmed of nothing).
Result<std::pair<std::set<Date>, Json>> day_list(const Json& body, const char* key) {
  std::set<Date> dates;
  Json stored = Json::array();
  if (!body.contains(key)) return std::pair{dates, stored};
  const Json& list = body[key];
  if (!list.is_array() || list.size() > 60)
    return make_error("wrong_type", "a list of at most 60 {date, name}", key);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string where = std::string(key) + "[" + std::to_string(i) + "]";
    const Json& d = list[i];
    if (!d.is_object()) return make_error("wrong_type", "each day is {date, name}", where);
    if (auto st = only_fields(d, {"date", "name"}, where + "."); !st) return st.error();
    auto date = string_field(d, "date", true, 10);
    if (!date) return Error{date.error().code, date.error().message, where + ".date"};
    auto parsed = Date::parse_iso(*date);
    if (!parsed) return make_error("bad_date", "date must be YYYY-MM-DD", where + ".date");
    auto name = string_field(d, "name", false, 50);
    if (!name) return Error{name.error().code, name.error().message, where + ".name"};
    if (!dates.insert(*parsed).second)
      return make_error("duplicate_date", "a day is listed twice", where + ".date");
    stored.push_back({{"date", parsed->iso()}, {"name", *name}});
  }
  return std::pair{dates, stored};
}

}  // namespace

Response get_calendar(Request& req, Services& s) {
  auto year = year_param(req);
  if (!year) return error_response(year.error());
  auto notices = s.calendar_notices.calendar_notices();
  if (!notices) return error_response(notices.error());
  Json versions = Json::array();
  const CalendarNotice* latest = nullptr;
  for (const auto& n : *notices) {
    if (n.year != *year) continue;
    versions.push_back(notice_json(n));
    latest = &n;
  }
  const auto& cal = s.calendar();
  const bool covered = cal.covers(Date(*year, 1, 1));
  Json in_force = {{"covered", covered}, {"provisional", covered && cal.provisional(*year)}};
  Json days;
  if (latest) {
    in_force["source"] = "notice";
    in_force["version"] = latest->version;
    in_force["document_number"] = latest->document_number;
    in_force["title"] = latest->title;
    in_force["published_on"] = latest->published_on;
    days = notice_days(*latest);
  } else if (WorkingCalendar::builtin().covers(Date(*year, 1, 1))) {
    in_force["source"] = "shipped";
    days = shipped_days(*year);
  } else {
    in_force["source"] = covered ? "weekends_only" : "none";
    days = Json::array();
  }
  std::sort(days.begin(), days.end(),
            [](const Json& a, const Json& b) { return a.value("date", "") < b.value("date", ""); });
  return json_response(200, Json{{"year", *year},
                                 {"in_force", in_force},
                                 {"days", days},
                                 {"versions", versions},
                                 {"first_year", cal.first_year()},
                                 {"last_year", cal.last_year()}});
}

Response put_calendar(Request& req, Services& s) {
  auto year = year_param(req);
  if (!year) return error_response(year.error());
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"document_number", "title", "published_on", "holidays", "workdays"}); !st) {
    return error_response(st.error());
  }
  CalendarNotice n;
  n.year = *year;
  for (auto [key, into, max] :
       {std::tuple<const char*, std::string*, size_t>{"document_number", &n.document_number, 100},
        {"title", &n.title, 300},
        {"published_on", &n.published_on, 10}}) {
    auto v = string_field(*j, key, true, max);
    if (!v) return error_response(v.error());
    if (v->empty()) return error_response(400, "missing_field", std::string(key) + " is required", key);
    *into = *v;
  }
  if (!Date::parse_iso(n.published_on))
    return error_response(400, "bad_date", "published_on is YYYY-MM-DD", "published_on");
  auto off = day_list(*j, "holidays");
  if (!off) return error_response(off.error());
  auto worked = day_list(*j, "workdays");
  if (!worked) return error_response(worked.error());
  // The rule of a valid notice is core's (WorkingCalendar::with_notice).
  if (auto check = s.calendar().with_notice(*year, off->first, worked->first); !check) {
    return error_response(400, check.error().code, check.error().message, "holidays");
  }
  n.holidays = off->second.dump();
  n.workdays = worked->second.dump();
  n.created_by = req.principal.actor();
  n.created_at = now_rfc3339();
  const std::string area = req.principal.county;
  const WorkingCalendar& before = s.calendar();  // kept alive by the calendar book
  auto version = s.calendar_notices.add_calendar_notice(
      n,
      audit_entry(req, "create", "calendar_notice", "", area, "year=" + std::to_string(*year)));
  if (!version) return error_response(version.error());
  if (auto st = s.calendars.reload(); !st) return error_response(st.error());

  // Open applications whose deadline runs through the year: their due dates again, final now.
  const auto& cal = s.calendar();
  auto open = s.calendar_notices.open_cases_due_from(std::to_string(*year) + "-01-01",
                                                     std::to_string(*year + 1) + "-01-01");
  if (!open) return error_response(open.error());
  std::vector<std::pair<std::string, std::string>> changed;
  for (const auto& c : *open) {
    auto received = Date::parse_iso(c.received_at.substr(0, 10));
    const Json programs = Json::parse(c.programs, nullptr, false);
    if (!received || !programs.is_array()) continue;
    std::vector<std::string> ids;
    for (const auto& p : programs) {
      if (p.is_string()) ids.push_back(p.get<std::string>());
    }
    auto due = intake::case_deadlines(ids, c.urgent, *received, cal);
    if (due && due->case_due.iso() != c.due_date) changed.emplace_back(c.application_no, due->case_due.iso());
  }
  if (auto st = s.calendar_notices.set_due_dates(
          changed,
          audit_entry(req, "recompute_due_dates", "calendar_notice", std::to_string(*version), area,
                      "year=" + std::to_string(*year) + " open=" + std::to_string(open->size()) +
                          " changed=" + std::to_string(changed.size())));
      !st) {
    return error_response(st.error());
  }
  // discovery: the queue's visit due dates counted on the calendar before the notice, again.
  auto visits = services::recompute_visit_dues(
      s.visit_dues, before, cal, *year,
      audit_entry(req, "recompute_visit_dues", "calendar_notice", std::to_string(*version), area,
                  "year=" + std::to_string(*year)));
  if (!visits) return error_response(visits.error());
  return json_response(201, Json{{"year", *year},
                                 {"version", *version},
                                 {"open_cases", open->size()},
                                 {"due_dates_changed", changed.size()},
                                 {"visit_dues_changed", visits->changed},
                                 {"provisional", cal.provisional(*year)}});
}

}  // namespace jiuzhu::backend::handlers
