#include "backend/discovery/rules.h"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/regions.h"

namespace jiuzhu::discovery {

std::string default_rules_path() { return assets_dir() + "/discovery/rules.json"; }

Result<RuleSet> parse_rules(const nlohmann::json& doc, Date as_of) {
  if (!doc.is_object() || !doc.contains("rules") || !doc["rules"].is_array()) {
    return make_error("bad_rules", "rules document needs a \"rules\" list", "rules");
  }
  RuleSet set;
  set.version = doc.value("version", std::string());
  std::set<std::string> ids;
  for (size_t i = 0; i < doc["rules"].size(); ++i) {
    const auto& j = doc["rules"][i];
    const std::string where = "rules[" + std::to_string(i) + "]";
    try {
      Rule r;
      r.id = j.at("id").get<std::string>();
      r.kind = j.at("kind").get<std::string>();
      r.weight = j.at("weight").get<double>();
      if (!(r.weight > 0)) return make_error("bad_rules", "weight must be positive", where + ".weight");
      r.programs = j.value("programs", std::vector<std::string>{});
      r.visit_within_working_days = j.value("visit_within_working_days", 10);
      if (r.visit_within_working_days < 1) {
        return make_error("bad_rules", "visit_within_working_days must be ≥ 1", where);
      }
      if (!ids.insert(r.id).second) return make_error("duplicate_rule_id", "duplicate rule id " + r.id, where + ".id");
      r.impl = make_rule_kind(r.kind, j.value("params", nlohmann::json::object()), as_of);
      if (!r.impl) return make_error("unknown_rule_kind", "unknown rule kind " + r.kind, where + ".kind");
      r.needs = r.impl->needs();
      r.impl->reads(set.reads);
      set.rules.push_back(std::move(r));
    } catch (const std::exception& e) {
      return make_error("bad_rules", std::string("rule ") + where + ": " + e.what(), where);
    }
  }
  if (doc.contains("exclusions")) {
    try {
      set.exclusions = doc["exclusions"].get<std::map<std::string, std::vector<std::string>>>();
    } catch (const std::exception& e) {
      return make_error("bad_rules", std::string("exclusions: ") + e.what(), "exclusions");
    }
  }
  return set;
}

Result<RuleSet> load_rules(const std::string& path, Date as_of) {
  std::ifstream in(path);
  if (!in) return make_error("rules_unreadable", "cannot read rules file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = nlohmann::json::parse(ss.str(), nullptr, false);
  if (doc.is_discarded()) return make_error("rules_not_json", "rules file is not valid JSON: " + path);
  return parse_rules(doc, as_of);
}

}  // namespace jiuzhu::discovery
