// Warning rules as data (assets/discovery/rules.json; contracts/feeds.md "Default warning rules").
//
// A rule instance names a *kind* (the engine's parameterised logic), its id, weight, the
// programs it points to, how soon a caseworker should visit, and the kind's parameters
// (thresholds, windows, sources). New warnings of an existing kind — another feed column, another
// threshold, another window — are new JSON entries, not code. Kinds:
//
//   member_row          a living member has a row in `source` matching any of the `any_of`
//                       clauses (`in` values, `at_most` / `at_least` / `greater_than` numbers),
//                       optionally dated within `window_months` by `date_column`
//   out_of_pocket_sum   members' out-of-pocket costs in the window ≥ `min_amount`, or ≥
//                       `min_income_share` × the household's annual income
//   elderly_alone       a household of ≤ `max_members` living members aged ≥ `min_age`, no pension
//   unemployed_with_dependents  a registered unemployed member, no employed member, and a member
//                       under `child_under` or aged ≥ `elder_from`
//   earner_died         a member aged `min_age`..`max_age` at death died within `window_months`,
//                       and the household has a member under `child_under` or aged ≥ `elder_from`
//   no_working_age_adult  a member under `child_under` and no living member aged
//                       `adult_min`..`adult_max`
//
// Evidence is built only for rules that fire. Thread-safety: a RuleSet is immutable after
// parsing; evaluate() may run concurrently on different households.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "backend/discovery/dataset.h"
#include "core/result.h"

namespace jiuzhu::discovery {

struct Evidence {
  Feed source{};
  int32_t person = -1;
  std::string facts;  // JSON object text: key facts of the row and the "threshold" it crossed
};

class RuleKind {
 public:
  virtual ~RuleKind() = default;
  // Feeds without which the rule cannot run (population is always needed).
  virtual std::vector<Feed> needs() const = 0;
  // Marks the feed columns whose value the rule reads (an unusable value there drops the row;
  // elsewhere it is only a warning). The engine's own reads are engine_reads().
  virtual void reads(ColumnMask& mask) const { (void)mask; }
  // Appends evidence and returns true when the rule fires for `household`.
  virtual bool evaluate(const Dataset& d, size_t household, std::vector<Evidence>& out) const = 0;
};

struct Rule {
  std::string id;
  std::string kind;
  double weight = 1;
  std::vector<std::string> programs;  // programs a caseworker should check with the household
  int visit_within_working_days = 10;
  std::vector<Feed> needs;
  std::shared_ptr<const RuleKind> impl;
};

struct RuleSet {
  std::string version;
  std::vector<Rule> rules;
  // A program a household already receives → the programs it must not be suggested again
  // (feeds.md: dibao/tekun households are still queued for special assistance).
  std::map<std::string, std::vector<std::string>> exclusions;
  // engine_reads() plus every rule's reads(): the critical columns of loading.
  ColumnMask reads = engine_reads();
};

// Parses the rules document for a run date (windows are resolved against `as_of`). Errors:
// bad_rules (with the rule id and field in `field`), unknown_rule_kind, duplicate_rule_id.
Result<RuleSet> parse_rules(const nlohmann::json& doc, Date as_of);
// Reads and parses a rules file; errors also rules_unreadable, rules_not_json.
Result<RuleSet> load_rules(const std::string& path, Date as_of);
// assets_dir()/discovery/rules.json.
std::string default_rules_path();

// Constructs one kind from its parameters; throws std::invalid_argument with a message naming
// the bad parameter (parse_rules turns it into an Error). Exposed for tests.
std::shared_ptr<const RuleKind> make_rule_kind(const std::string& kind, const nlohmann::json& params, Date as_of);

}  // namespace jiuzhu::discovery
