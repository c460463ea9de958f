// Visit due dates counted again on a new working-day calendar (services/recompute_visit_dues.h).
#include "backend/services/recompute_visit_dues.h"

#include <algorithm>
#include <map>

#include "backend/discovery/rules.h"
#include "backend/queue/cadence.h"
#include "backend/store/visit_due_store.h"

namespace jiuzhu::backend::services {
namespace {

constexpr int kDefaultVisitWorkingDays = 10;  // a household without a known rule (the run's default)

// Rule id → visit_within_working_days, from the rules file as it is today.
std::map<std::string, int> visit_days_by_rule() {
  std::map<std::string, int> out;
  auto rules = discovery::load_rules(discovery::default_rules_path(), Date::today_china());
  if (!rules) return out;
  for (const auto& r : rules->rules) out[r.id] = r.visit_within_working_days;
  return out;
}

int visit_days(const std::vector<std::string>& flags, const std::map<std::string, int>& by_rule) {
  int days = 0;
  for (const std::string& f : flags) {
    auto it = by_rule.find(f);
    if (it != by_rule.end()) days = days == 0 ? it->second : std::min(days, it->second);
  }
  return days == 0 ? kDefaultVisitWorkingDays : days;
}

// The date counted again on `after`, or nullopt when `due` does not trace to a rule on `before`.
std::optional<Date> recount(const VisitDueItem& item, Date due, const WorkingCalendar& before,
                            const WorkingCalendar& after, const std::vector<std::string>& run_dates,
                            const std::map<std::string, int>& by_rule) {
  if (!item.last_visited_on.empty()) {
    auto visited = Date::parse_iso(item.last_visited_on);
    if (!visited || (item.cadence != "weekly" && item.cadence != "monthly")) return std::nullopt;
    const auto cadence = item.cadence == "weekly" ? queue::Cadence::weekly : queue::Cadence::monthly;
    auto was = queue::next_due(cadence, *visited, before);
    if (!was || *was != due) return std::nullopt;
    auto now = queue::next_due(cadence, *visited, after);
    return now ? std::optional<Date>(*now) : std::nullopt;
  }
  if (item.source == "lead") {
    auto reported = Date::parse_iso(item.created_at.substr(0, 10));
    if (!reported) return std::nullopt;
    auto n = before.working_days_between(*reported, due);
    if (!n || *n < 1) return std::nullopt;
    auto was = before.add_working_days(*reported, *n);
    if (!was || *was != due) return std::nullopt;
    auto now = after.add_working_days(*reported, *n);
    return now ? std::optional<Date>(*now) : std::nullopt;
  }
  const int n = visit_days(item.flags, by_rule);
  for (auto it = run_dates.rbegin(); it != run_dates.rend(); ++it) {
    auto as_of = Date::parse_iso(*it);
    if (!as_of || *as_of >= due) continue;
    auto was = before.add_working_days(*as_of, n);
    if (!was || *was != due) continue;
    auto now = after.add_working_days(*as_of, n);
    return now ? std::optional<Date>(*now) : std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

Result<VisitDueRecount> recompute_visit_dues(VisitDueStore& store, const WorkingCalendar& before,
                                             const WorkingCalendar& after, int year, AuditEntry audit) {
  auto items = store.open_visit_dues_from(std::to_string(year) + "-01-01");
  if (!items) return items.error();
  auto runs = store.discovery_run_dates();
  if (!runs) return runs.error();
  const auto by_rule = visit_days_by_rule();
  static const std::vector<std::string> kNoRuns;
  VisitDueRecount out;
  out.open = items->size();
  std::vector<std::pair<int64_t, std::string>> changed;
  for (const auto& item : *items) {
    auto due = Date::parse_iso(item.visit_due);
    if (!due || !before.covers(*due)) continue;
    auto r = runs->find(item.county);
    auto now = recount(item, *due, before, after, r == runs->end() ? kNoRuns : r->second, by_rule);
    if (now && *now != *due) changed.emplace_back(item.id, now->iso());
  }
  out.changed = changed.size();
  if (changed.empty()) return out;
  audit.detail += (audit.detail.empty() ? "" : " ") + std::string("queue_open=") + std::to_string(out.open) +
                  " queue_changed=" + std::to_string(out.changed);
  if (auto st = store.set_visit_dues(changed, audit); !st) return st.error();
  return out;
}

}  // namespace jiuzhu::backend::services
