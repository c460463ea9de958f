// Key-household cadence from data (see cadence.h).
#include "backend/queue/cadence.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/regions.h"

namespace jiuzhu::backend::queue {
namespace {

using nlohmann::json;

Result<std::vector<std::string>> names(const json& c, const char* key, const std::string& where,
                                       const std::set<std::string>& known, const char* unknown_code) {
  std::vector<std::string> out;
  auto it = c.find(key);
  if (it == c.end()) return out;
  if (!it->is_array()) return make_error("bad_cadence", std::string(key) + " must be an array of names", where + "." + key);
  for (const auto& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty()) {
      return make_error("bad_cadence", std::string(key) + " must hold non-empty names", where + "." + key);
    }
    const std::string name = v.get<std::string>();
    if (!known.empty() && known.count(name) == 0) {
      return make_error(unknown_code, "'" + name + "' is not a known name for " + key, where + "." + key);
    }
    out.push_back(name);
  }
  return out;
}

bool contains_any(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
  return std::any_of(wanted.begin(), wanted.end(),
                     [&](const std::string& w) { return std::find(have.begin(), have.end(), w) != have.end(); });
}

}  // namespace

const char* to_string(Cadence c) { return c == Cadence::weekly ? "weekly" : "monthly"; }

Result<CadenceRules> parse_cadence(const json& doc, const std::set<std::string>& known_flags,
                                   const std::set<std::string>& known_groups) {
  if (!doc.is_object()) return make_error("bad_cadence", "the cadence document must be a JSON object");
  CadenceRules rules;
  if (auto s = doc.find("source"); s != doc.end() && s->is_string()) rules.source = s->get<std::string>();
  if (rules.source.empty()) return make_error("bad_cadence", "source must name the article the cadence follows", "source");
  auto cats = doc.find("categories");
  if (cats == doc.end() || !cats->is_array() || cats->empty()) {
    return make_error("bad_cadence", "categories must be a non-empty array", "categories");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < cats->size(); ++i) {
    const json& c = (*cats)[i];
    const std::string where = "categories[" + std::to_string(i) + "]";
    if (!c.is_object()) return make_error("bad_cadence", "a category must be an object", where);
    CadenceCategory cat;
    auto id = c.find("id");
    if (id == c.end() || !id->is_string() || id->get<std::string>().empty()) {
      return make_error("bad_cadence", "a category needs an id", where + ".id");
    }
    cat.id = id->get<std::string>();
    if (!seen.insert(cat.id).second) return make_error("duplicate_category", "category " + cat.id + " twice", where + ".id");
    if (auto t = c.find("title_zh"); t != c.end() && t->is_string()) cat.title_zh = t->get<std::string>();
    auto cad = c.find("cadence");
    if (cad == c.end() || !cad->is_string() || (*cad != "weekly" && *cad != "monthly")) {
      return make_error("bad_cadence", "cadence must be weekly or monthly", where + ".cadence");
    }
    cat.cadence = *cad == "weekly" ? Cadence::weekly : Cadence::monthly;
    auto flags = names(c, "flags", where, known_flags, "unknown_flag");
    if (!flags) return flags.error();
    auto groups = names(c, "roster_groups", where, known_groups, "unknown_roster_group");
    if (!groups) return groups.error();
    cat.flags = *flags;
    cat.roster_groups = *groups;
    if (cat.flags.empty() && cat.roster_groups.empty()) {
      return make_error("bad_cadence", "a category names at least one flag or roster group", where);
    }
    if (auto k = c.find("continue_after_decline"); k != c.end()) {
      if (!k->is_boolean()) return make_error("bad_cadence", "continue_after_decline must be true or false", where + ".continue_after_decline");
      cat.continue_after_decline = k->get<bool>();
    }
    for (const auto& [key, v] : c.items()) {
      (void)v;
      if (key != "id" && key != "title_zh" && key != "cadence" && key != "flags" && key != "roster_groups" &&
          key != "continue_after_decline") {
        return make_error("bad_cadence", "unknown key " + key, where + "." + key);
      }
    }
    rules.categories.push_back(std::move(cat));
  }
  return rules;
}

Result<CadenceRules> load_cadence(const std::string& path, const std::set<std::string>& known_flags,
                                  const std::set<std::string>& known_groups) {
  std::ifstream in(path);
  if (!in) return make_error("cadence_unreadable", "cannot read the visit cadence file");
  std::stringstream ss;
  ss << in.rdbuf();
  const json doc = json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded()) return make_error("cadence_not_json", "the visit cadence file is not JSON");
  return parse_cadence(doc, known_flags, known_groups);
}

std::string default_cadence_path() { return assets_dir() + "/discovery/visit_cadence.json"; }

const CadenceCategory* classify(const CadenceRules& rules, const std::vector<std::string>& flags,
                                const std::vector<std::string>& roster_groups) {
  for (const auto& c : rules.categories) {
    if (contains_any(c.flags, flags) || contains_any(c.roster_groups, roster_groups)) return &c;
  }
  return nullptr;
}

const CadenceCategory* find_category(const CadenceRules& rules, const std::string& id) {
  for (const auto& c : rules.categories) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

Result<Date> on_or_after_working_day(Date d, const WorkingCalendar& calendar) {
  // The longest run of rest days (Spring Festival plus a weekend) is well under 15 days.
  for (int i = 0; i < 15; ++i, d = d.plus_days(1)) {
    if (!calendar.covers(d)) break;
    if (calendar.is_working_day(d)) return d;
  }
  return make_error("calendar_not_covered", "the working-day calendar does not cover " + d.iso());
}

Result<Date> next_due(Cadence cadence, Date visited_on, const WorkingCalendar& calendar) {
  const Date raw = cadence == Cadence::weekly ? visited_on.plus_days(7) : visited_on.plus_months(1);
  return on_or_after_working_day(raw, calendar);
}

DueStatus due_status(Date visit_due, Date by, Date today) {
  DueStatus s;
  s.due = visit_due <= by;
  s.overdue = visit_due < today;
  s.days_overdue = s.overdue ? visit_due.days_until(today) : 0;
  return s;
}

}  // namespace jiuzhu::backend::queue
