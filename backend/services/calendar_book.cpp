#include "backend/services/calendar_book.h"

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "backend/store/calendar_notice_store.h"

namespace jiuzhu::backend::services {
namespace {

std::set<Date> dates_of(const std::string& json) {
  std::set<Date> out;
  const auto list = nlohmann::json::parse(json, nullptr, false);
  if (!list.is_array()) return out;
  for (const auto& d : list) {
    if (!d.is_object() || !d.contains("date") || !d["date"].is_string()) continue;
    if (auto date = Date::parse_iso(d["date"].get<std::string>())) out.insert(*date);
  }
  return out;
}

}  // namespace

Result<const WorkingCalendar*> CalendarBook::build() const {
  auto notices = notices_.calendar_notices();
  if (!notices) return notices.error();
  // The latest entry of each year, applied in year order.
  std::map<int, const CalendarNotice*> latest;
  for (const auto& n : *notices) latest[n.year] = &n;
  WorkingCalendar cal = WorkingCalendar::builtin().extended_through(Date::today_china().year() + 1);
  for (const auto& [year, n] : latest) {
    auto next = cal.with_notice(year, dates_of(n->holidays), dates_of(n->workdays));
    if (!next) return next.error();
    cal = std::move(next).value();
  }
  std::lock_guard lock(mu_);
  built_count_.store(static_cast<int64_t>(notices->size()));
  built_max_version_.store(notices->empty() ? 0 : notices->back().version);
  kept_.push_back(std::make_unique<WorkingCalendar>(std::move(cal)));
  return kept_.back().get();
}

const WorkingCalendar& CalendarBook::current() const {
  if (const auto* c = current_.load()) return *c;
  if (auto built = build()) {
    const WorkingCalendar* expected = nullptr;
    current_.compare_exchange_strong(expected, *built);
    return *current_.load();
  }
  // The database could not be read: the shipped data for now, the entered notices next time.
  static const WorkingCalendar shipped =
      WorkingCalendar::builtin().extended_through(Date::today_china().year() + 1);
  return shipped;
}

void CalendarBook::refresh_if_stale() const {
  const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now().time_since_epoch()).count();
  int64_t due = next_check_ms_.load();
  // One caller per interval looks; the others go on with the calendar they have.
  if (now < due || !next_check_ms_.compare_exchange_strong(due, now + int64_t{kRecheckSeconds} * 1000)) return;
  if (current_.load() == nullptr) return;  // not built yet: the first current() reads the notices
  auto mark = notices_.calendar_notice_mark();
  if (!mark) return;
  if (mark->first == built_count_.load() && mark->second == built_max_version_.load()) return;
  (void)reload();
}

Status CalendarBook::reload() const {
  auto built = build();
  if (!built) return built.error();
  current_.store(*built);
  return Ok{};
}

}  // namespace jiuzhu::backend::services
