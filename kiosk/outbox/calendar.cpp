#include "kiosk/outbox/calendar.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "kiosk/outbox/fsutil.h"

namespace fs = std::filesystem;

namespace jiuzhu::kiosk {
namespace {

Error bad(const std::string& why, const std::string& field) { return {"bad_calendar_answer", why, field}; }

// [date] or [{"date", ...}] → the dates, each in `year`.
Result<std::set<Date>> dates_of(const nlohmann::json& list, int year, const std::string& field) {
  std::set<Date> out;
  if (!list.is_array()) return bad("a list of dates", field);
  for (const auto& d : list) {
    const nlohmann::json& v = d.is_object() && d.contains("date") ? d["date"] : d;
    if (!v.is_string()) return bad("a date must be YYYY-MM-DD", field);
    auto date = Date::parse_iso(v.get<std::string>());
    if (!date) return bad("a date must be YYYY-MM-DD", field);
    if (date->year() != year) return bad("a date outside the notice's year", field);
    out.insert(*date);
  }
  return out;
}

Result<CalendarNotice> notice_from_file_json(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("year") || !j["year"].is_number_integer()) return bad("no year", "year");
  CalendarNotice n;
  n.year = j["year"].get<int>();
  n.version = j.value("version", 0);
  n.document_number = j.value("document_number", "");
  auto h = dates_of(j.value("holidays", nlohmann::json::array()), n.year, "holidays");
  if (!h) return h.error();
  auto w = dates_of(j.value("workdays", nlohmann::json::array()), n.year, "workdays");
  if (!w) return w.error();
  n.holidays = std::move(*h);
  n.workdays = std::move(*w);
  return n;
}

nlohmann::json file_json(const CalendarNotice& n) {
  nlohmann::json h = nlohmann::json::array(), w = nlohmann::json::array();
  for (const auto& d : n.holidays) h.push_back(d.iso());
  for (const auto& d : n.workdays) w.push_back(d.iso());
  return {{"year", n.year}, {"version", n.version}, {"document_number", n.document_number}, {"holidays", h},
          {"workdays", w}};
}

}  // namespace

Result<std::optional<CalendarNotice>> read_calendar_answer(std::string_view body, int year) {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (!j.is_object()) return bad("not a JSON object", "");
  if (!j.contains("year") || !j["year"].is_number_integer() || j["year"].get<int>() != year)
    return bad("the answer is for another year", "year");
  if (!j.contains("in_force") || !j["in_force"].is_object()) return bad("no in_force", "in_force");
  const auto& in_force = j["in_force"];
  const auto source = in_force.value("source", nlohmann::json()).is_string() ? in_force["source"].get<std::string>() : "";
  if (source != "notice") {
    if (source == "shipped" || source == "weekends_only" || source == "none") return std::optional<CalendarNotice>{};
    return bad("unknown source", "in_force.source");
  }
  CalendarNotice n;
  n.year = year;
  if (in_force.contains("version") && in_force["version"].is_number_integer()) n.version = in_force["version"].get<int>();
  if (in_force.contains("document_number") && in_force["document_number"].is_string())
    n.document_number = in_force["document_number"].get<std::string>();
  if (!j.contains("days") || !j["days"].is_array()) return bad("no days", "days");
  for (const auto& d : j["days"]) {
    if (!d.is_object() || !d.contains("date") || !d["date"].is_string() || !d.contains("kind") || !d["kind"].is_string())
      return bad("each day is {date, kind, name}", "days");
    auto date = Date::parse_iso(d["date"].get<std::string>());
    if (!date) return bad("a date must be YYYY-MM-DD", "days");
    if (date->year() != year) return bad("a date outside the notice's year", "days");
    const std::string kind = d["kind"].get<std::string>();
    if (kind == "holiday") n.holidays.insert(*date);
    else if (kind == "workday") n.workdays.insert(*date);
    else return bad("kind is holiday or workday", "days");
  }
  if (n.holidays.empty()) return bad("a notice without a day off", "days");
  for (const auto& d : n.workdays)
    if (n.holidays.count(d)) return bad("a day both off and worked", "days");
  return std::optional<CalendarNotice>{std::move(n)};
}

WorkingCalendar calendar_with_notices(const WorkingCalendar& base, const std::map<int, CalendarNotice>& notices) {
  WorkingCalendar cal = base;
  for (const auto& [year, n] : notices) {  // std::map: oldest year first
    auto next = cal.with_notice(year, n.holidays, n.workdays);
    if (next) cal = std::move(*next);
  }
  return cal;
}

CalendarStore::CalendarStore(std::string dir, const WorkingCalendar& base) : dir_(std::move(dir)), base_(base) {
  std::error_code ec;
  fs::create_directories(dir_ + "/tmp", ec);
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    std::vector<unsigned char> bytes;
    if (!read_file(e.path().string(), bytes)) continue;
    auto j = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    auto n = notice_from_file_json(j);
    if (!n || e.path().stem() != std::to_string(n->year)) continue;  // ignored: the shipped data stands
    notices_[n->year] = std::move(*n);
  }
  current_ = std::make_shared<const WorkingCalendar>(calendar_with_notices(base_, notices_));
}

std::shared_ptr<const WorkingCalendar> CalendarStore::current() const {
  std::lock_guard lock(mu_);
  return current_;
}

std::map<int, CalendarNotice> CalendarStore::notices() const {
  std::lock_guard lock(mu_);
  return notices_;
}

Result<bool> CalendarStore::keep(const CalendarNotice& n) {
  std::lock_guard lock(mu_);
  if (auto it = notices_.find(n.year); it != notices_.end() && it->second == n) return false;
  // The calendar must take it before it is kept: a refused notice would be skipped at every start.
  std::map<int, CalendarNotice> next = notices_;
  next[n.year] = n;
  WorkingCalendar cal = base_;
  for (const auto& [year, each] : next) {
    auto c = cal.with_notice(year, each.holidays, each.workdays);
    if (!c) {
      if (year == n.year) return c.error();
      continue;
    }
    cal = std::move(*c);
  }
  const std::string text = file_json(n).dump();
  if (!write_atomic(dir_ + "/tmp", dir_ + "/" + std::to_string(n.year) + ".json",
                    reinterpret_cast<const unsigned char*>(text.data()), text.size()))
    return make_error("calendar_write_failed", "the notice could not be saved", "calendar");
  notices_ = std::move(next);
  current_ = std::make_shared<const WorkingCalendar>(std::move(cal));
  return true;
}

}  // namespace jiuzhu::kiosk
