// Visit cadence for key households (重点对象, 永民发〔2022〕3号 预警探访: 周或月探访), as data
// (assets/discovery/visit_cadence.json), and the due-date arithmetic around it.
//
// A category names the warning flags (rule ids of assets/discovery/rules.json) and the roster
// groups (discovery/roster.h) that make a household a key household, its cadence (weekly: 7
// days; monthly: one calendar month, clamped to the month's last day) and whether visits go on
// after the household declined to apply (救助自愿: visited, never pushed). The first category in
// file order that matches a household wins. A next-due date that falls on a rest day moves to the
// next working day of core/calendar.h; a date outside the calendar's data is an error, never a
// guess.
//
// Thread-safety: a CadenceRules is immutable after parsing; the functions are pure.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/date.h"
#include "core/result.h"

namespace jiuzhu::backend::queue {

enum class Cadence { weekly, monthly };
const char* to_string(Cadence c);

struct CadenceCategory {
  std::string id;
  std::string title_zh;
  Cadence cadence = Cadence::monthly;
  std::vector<std::string> flags;
  std::vector<std::string> roster_groups;
  bool continue_after_decline = true;
};

struct CadenceRules {
  std::string source;  // the article the cadence implements
  std::vector<CadenceCategory> categories;
};

// Parses the cadence document. When `known_flags` / `known_groups` are not empty, a name outside
// them is an error (a typo must not silently make nobody a key household). Errors: bad_cadence
// (field names the category and key), unknown_flag, unknown_roster_group, duplicate_category.
Result<CadenceRules> parse_cadence(const nlohmann::json& doc, const std::set<std::string>& known_flags = {},
                                   const std::set<std::string>& known_groups = {});
// Reads and parses a file; errors also cadence_unreadable, cadence_not_json.
Result<CadenceRules> load_cadence(const std::string& path, const std::set<std::string>& known_flags = {},
                                  const std::set<std::string>& known_groups = {});
// assets_dir()/discovery/visit_cadence.json.
std::string default_cadence_path();

// The key-household category of a household with these flags and roster groups, or nullptr.
const CadenceCategory* classify(const CadenceRules& rules, const std::vector<std::string>& flags,
                                const std::vector<std::string>& roster_groups);
// The category with this id, or nullptr.
const CadenceCategory* find_category(const CadenceRules& rules, const std::string& id);

// The next visit after one on `visited_on`, on a working day. Errors: calendar_not_covered.
Result<Date> next_due(Cadence cadence, Date visited_on, const WorkingCalendar& calendar);

// A working day on or after `d`. Errors: calendar_not_covered.
Result<Date> on_or_after_working_day(Date d, const WorkingCalendar& calendar);

// Where a scheduled visit stands on `today` for a list of visits due by `by`.
struct DueStatus {
  bool due = false;       // visit_due <= by
  bool overdue = false;   // visit_due < today
  int days_overdue = 0;   // calendar days since visit_due (0 unless overdue)
};
DueStatus due_status(Date visit_due, Date by, Date today);

}  // namespace jiuzhu::backend::queue
