// services/discovery_ledger.h
#include "backend/services/discovery_ledger.h"

#include <algorithm>
#include <map>

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

// The median of values given with their counts (value, how many items).
std::optional<double> median(std::vector<std::pair<int, int64_t>> v) {
  int64_t n = 0;
  for (const auto& [value, count] : v) n += count;
  if (n == 0) return std::nullopt;
  std::sort(v.begin(), v.end());
  // The k-th smallest value (0-based).
  auto kth = [&](int64_t k) {
    for (const auto& [value, count] : v) {
      if (k < count) return value;
      k -= count;
    }
    return v.back().first;
  };
  return n % 2 ? kth(n / 2) : (kth(n / 2 - 1) + kth(n / 2)) / 2.0;
}

// county: the feed age of items first flagged at `created_at`: the latest run at or before it.
class FeedAges {
 public:
  explicit FeedAges(const std::vector<RunAge>& runs) {
    for (const auto& r : runs) {
      auto ran = Date::parse_iso(std::string_view(r.created_at).substr(0, std::min<size_t>(10, r.created_at.size())));
      auto as_of = Date::parse_iso(r.as_of);
      if (ran && as_of) runs_.emplace_back(r.created_at, as_of->days_until(*ran));
    }
  }
  std::optional<int> age(const std::string& created_at) const {
    // Runs are in id order, which is created_at order. The run that ran at `created_at` (the
    // first of several in the same second), else the latest before it.
    auto it = std::lower_bound(runs_.begin(), runs_.end(), created_at,
                               [](const auto& run, const std::string& t) { return run.first < t; });
    if (it != runs_.end() && it->first == created_at) return it->second;
    if (it == runs_.begin()) return std::nullopt;
    return std::prev(it)->second;
  }

 private:
  std::vector<std::pair<std::string, int>> runs_;  // (created_at, age in days)
};

struct Tally {
  LedgerRow row = empty_row();
  std::vector<std::pair<int, int64_t>> to_visit, to_close, feed_age;

  static LedgerRow empty_row() {
    LedgerRow r;
    for (auto c : queue::all_close_reasons()) r.closed_by_reason[queue::to_string(c)] = 0;
    return r;
  }

  // `it` stands for it.count alike items; `age` is their feed age (FeedAges).
  void add(const LedgerItem& it, const WorkingCalendar& cal, std::optional<int> age) {
    const int n = static_cast<int>(it.count);
    row.flagged += n;
    // An item closed with a code may never have been visited (moved away, data wrong): then only
    // a visit record or a code that needs contact with the household (confirmed_*, declined) counts.
    const bool coded = !it.close_code.empty();
    const bool contact_code = it.close_code.starts_with("confirmed_") || it.close_code == "declined";
    const bool visited = !it.first_visit.empty() || (coded ? contact_code : it.state != queue::ItemState::lead);
    const bool applied = !it.application_status.empty() || it.state == queue::ItemState::applied || it.close_code == "confirmed_applied";
    row.visited += visited * n;
    row.applied += applied * n;
    row.confirmed += (it.found_in_need || applied) * n;
    row.approved += (it.application_status == "approved") * n;
    row.closed_not_eligible += (it.state == queue::ItemState::not_eligible) * n;
    row.closed_declined += (it.state == queue::ItemState::declined) * n;
    row.closed_followed_up += (it.state == queue::ItemState::followed_up) * n;
    row.visits_no_need += it.found_no_need * n;
    if (!it.first_visit.empty()) {
      if (auto d = working_days(it.created_at, it.first_visit, cal)) to_visit.emplace_back(*d, it.count);
    }
    if (auto code = queue::parse_close_reason(it.close_code); code) {
      row.closed_by_reason[it.close_code] += n;
      row.false_alarms += queue::is_false_alarm(*code) * n;
    }
    if (it.state == queue::ItemState::not_eligible || it.state == queue::ItemState::declined ||
        it.state == queue::ItemState::followed_up) {
      const std::string& closed = it.closed_at.empty() ? it.updated_at : it.closed_at;
      if (auto d = working_days(it.created_at, closed, cal)) to_close.emplace_back(*d, it.count);
    }
    if (age) {
      feed_age.emplace_back(*age, it.count);
      row.max_feed_age_days = std::max(row.max_feed_age_days.value_or(*age), *age);
    }
  }

  LedgerRow done() const {
    LedgerRow r = row;
    r.median_days_flag_to_visit = median(to_visit);
    r.median_days_flag_to_close = median(to_close);
    r.median_feed_age_days = median(feed_age);
    return r;
  }
};

}  // namespace

Result<Ledger> discovery_ledger(LedgerStore& store, const Principal& staff, Date from, Date to,
                                const WorkingCalendar& calendar) {
  auto items = store.ledger_items(staff.scope(), from.iso(), to.iso());
  if (!items) return items.error();
  const auto scope = staff.scope();
  auto runs = store.ledger_runs(!scope.county.empty() ? scope.county : scope.township.substr(0, 6));
  if (!runs) return runs.error();
  const FeedAges ages(*runs);
  std::map<std::pair<std::string, std::string>, Tally> cells;
  std::map<std::string, Tally> rules;
  for (const auto& it : *items) {
    // Leads (urgent ones flag "urgent") were not flagged by a run: no feed age.
    const bool urgent_lead = std::find(it.flags.begin(), it.flags.end(), "urgent") != it.flags.end();
    const std::optional<int> age = urgent_lead ? std::nullopt : ages.age(it.created_at);
    for (const std::string& rule : it.flags) {
      auto& cell = cells[{rule, it.township}];
      cell.row.rule = rule;
      cell.row.township = it.township;
      cell.add(it, calendar, age);
      auto& total = rules[rule];
      total.row.rule = rule;
      total.add(it, calendar, age);
    }
  }
  Ledger out{from, to, {}, {}};
  for (const auto& [key, t] : cells) out.rows.push_back(t.done());
  for (const auto& [key, t] : rules) out.by_rule.push_back(t.done());
  return out;
}

}  // namespace jiuzhu::backend::services
