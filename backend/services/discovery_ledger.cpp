// services/discovery_ledger.h
#include "backend/services/discovery_ledger.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "backend/queue/workflow.h"
#include "backend/store/discovery_ledger_store.h"

namespace jiuzhu::backend::services {
namespace {

// Working days from the China date of `flagged_at` to `until` (YYYY-MM-DD…); nullopt when a date
// is malformed or outside the calendar.
std::optional<int> working_days(const std::string& flagged_at, const std::string& until,
                                const WorkingCalendar& cal) {
  if (flagged_at.size() < 10 || until.size() < 10) return std::nullopt;
  auto a = Date::parse_iso(std::string_view(flagged_at).substr(0, 10));
  auto b = Date::parse_iso(std::string_view(until).substr(0, 10));
  if (!a || !b || !cal.covers(*a) || !cal.covers(*b) || *b < *a) return std::nullopt;
  auto n = cal.working_days_between(*a, *b);
  if (!n) return std::nullopt;
  return *n;
}

std::optional<double> median(std::vector<int> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

struct Tally {
  LedgerRow row = empty_row();
  std::vector<int> to_visit, to_close;

  static LedgerRow empty_row() {
    LedgerRow r;
    for (auto c : queue::all_close_reasons()) r.closed_by_reason[queue::to_string(c)] = 0;
    return r;
  }

  void add(const LedgerItem& it, const WorkingCalendar& cal) {
    ++row.flagged;
    // An item closed with a code may never have been visited (moved away, data wrong): then only
    // a visit record or a code that needs contact with the household (confirmed_*, declined) counts.
    const bool coded = !it.close_code.empty();
    const bool contact_code = it.close_code.starts_with("confirmed_") || it.close_code == "declined";
    const bool visited = !it.first_visit.empty() || (coded ? contact_code : it.state != "lead");
    const bool applied = !it.application_status.empty() || it.state == "applied" || it.close_code == "confirmed_applied";
    row.visited += visited;
    row.applied += applied;
    row.confirmed += it.found_in_need || applied;
    row.approved += it.application_status == "approved";
    row.closed_not_eligible += it.state == "not_eligible";
    row.closed_declined += it.state == "declined";
    row.closed_followed_up += it.state == "followed_up";
    row.visits_no_need += it.found_no_need;
    if (!it.first_visit.empty()) {
      if (auto d = working_days(it.created_at, it.first_visit, cal)) to_visit.push_back(*d);
    }
    if (auto code = queue::parse_close_reason(it.close_code); code) {
      ++row.closed_by_reason[it.close_code];
      row.false_alarms += queue::is_false_alarm(*code);
    }
    if (it.state == "not_eligible" || it.state == "declined" || it.state == "followed_up") {
      const std::string& closed = it.closed_at.empty() ? it.updated_at : it.closed_at;
      if (auto d = working_days(it.created_at, closed, cal)) to_close.push_back(*d);
    }
  }

  LedgerRow done() const {
    LedgerRow r = row;
    r.median_days_flag_to_visit = median(to_visit);
    r.median_days_flag_to_close = median(to_close);
    return r;
  }
};

}  // namespace

Result<Ledger> discovery_ledger(Database& db, const Principal& staff, Date from, Date to,
                                const WorkingCalendar& calendar) {
  auto items = ledger_items(db, staff.scope(), from.iso(), to.iso());
  if (!items) return items.error();
  std::map<std::pair<std::string, std::string>, Tally> cells;
  std::map<std::string, Tally> rules;
  for (const auto& it : *items) {
    const auto flags = nlohmann::json::parse(it.flags, nullptr, false);
    if (!flags.is_array()) continue;
    for (const auto& f : flags) {
      if (!f.is_string()) continue;
      const std::string rule = f.get<std::string>();
      auto& cell = cells[{rule, it.township}];
      cell.row.rule = rule;
      cell.row.township = it.township;
      cell.add(it, calendar);
      auto& total = rules[rule];
      total.row.rule = rule;
      total.add(it, calendar);
    }
  }
  Ledger out{from, to, {}, {}};
  for (const auto& [key, t] : cells) out.rows.push_back(t.done());
  for (const auto& [key, t] : rules) out.by_rule.push_back(t.done());
  return out;
}

}  // namespace jiuzhu::backend::services
