// The policy catalog: every assistance program with its plain-language description for
// residents, its materials (一次性告知), process and time limits, legal sources — and its rules
// as data, compiled at load into expression trees over fact slots (core/policy/expression.h).
//
// Files (docs/policy-catalog.md describes them in full):
//   assets/policies/catalog.json   parameters, the Art. 7 counted-member test, derived values,
//                                  and the program files in evaluation order
//   assets/policies/<program>.json one program each
// Loading is strict: an unknown key, a missing field, a rule naming an unknown fact or
// parameter, an enumeration value that does not exist, or eligible() of a later program is a
// load error whose `field` names the file and JSON path. A catalog that loads cannot later
// give a wrong answer because of a typo.
//
// Thread-safety: a Catalog is immutable after loading and cheap to copy (shared data);
// concurrent evaluation with one Catalog is safe.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/policy/expression.h"
#include "core/policy/text_template.h"
#include "core/result.h"

namespace jiuzhu::policy {

using Json = nlohmann::json;

struct Material {
  std::string name;
  bool office_fetches = false;  // the office gets it from a government platform itself (Art. 10)
  std::string note;
};

struct ProcessStep {
  std::string step;
  std::optional<int> time_limit_working_days;
  std::optional<int> time_limit_days;  // calendar days (the 7-day public notice)
  std::string source;
};

struct Rule {
  std::string id;      // "dibao.income_below_standard"
  std::string test_text;
  Expr applies;        // optional guard: when known false the rule does not concern this case
  Expr test;           // boolean
  std::string source;  // legal source of the rule
  TextTemplate pass, fail, unknown;
  std::vector<Expr> values;  // the placeholders of the three texts
};

struct Flag {
  std::string id;  // "assist_first"
  Expr when;       // boolean, same scope as the program's rules
  std::string next_steps;
  std::string source;
};

struct Program {
  int index = 0;
  std::string id;
  std::string name;
  bool per_person = false;  // "who": "person" — evaluated once per member
  std::optional<int> time_limit_working_days;
  std::vector<Rule> rules;
  std::vector<Flag> flags;
  std::string next_likely_eligible, next_needs_review, next_not_eligible;
  std::vector<Material> materials;
  std::vector<ProcessStep> steps;
  Json description;  // the whole program file minus its rules: for screens and GET /policies
};

struct Derived {
  std::string name;
  std::string label;
  Expr expr;
  int slot = 0;
};

// The compiled catalog. Programs' and rules' addresses are stable for the catalog's life.
struct CatalogData {
  std::string version;
  Environment env;
  ExprPool pool;
  Expr member_counted;  // person scope; its value lives in person slot counted_slot
  int counted_slot = -1;
  std::vector<Derived> household_derived;  // in order; household slots after the facts
  std::vector<Derived> person_derived;     // in order; person slots after the facts and counted
  std::vector<Program> programs;           // evaluation order
  std::vector<std::pair<std::string, std::string>> parameter_labels;  // name → label, env order
  int per_capita_slot = -1;  // household slot of "per_capita_monthly_income" (reported on top)
  // Per node of `pool`: bit k set when the node's subtree may read county parameter k, on any
  // branch, through derived values and eligible(). The engine skips subtrees that cannot read
  // an unverified number without evaluating them (county_params.h, engine.cpp).
  std::vector<uint64_t> node_params;
};

class Catalog {
 public:
  // Loads DIR/catalog.json and the program files it lists.
  static Result<Catalog> load_dir(const std::string& dir);
  // assets_dir()/policies.
  static Result<Catalog> load_builtin();
  // From parsed JSON: `programs` pairs each listed file name with its content (tests use this).
  static Result<Catalog> from_json(const Json& catalog, const std::vector<std::pair<std::string, Json>>& programs);

  const std::vector<Program>& programs() const { return data_->programs; }
  const Program* find(std::string_view id) const;
  const std::string& version() const { return data_->version; }
  // The declared county parameters ("dibao_standard_monthly.urban", ...) in slot order.
  const std::vector<std::string>& parameter_names() const { return data_->env.param_names(); }
  // The catalog for residents and GET /api/v1/policies: every program's description
  // (name, explanation, who qualifies, materials, where and how, steps, time limits, sources)
  // and each rule's id, source and test as written.
  Json public_json() const;

  const std::shared_ptr<const CatalogData>& data() const { return data_; }

 private:
  explicit Catalog(std::shared_ptr<const CatalogData> d) : data_(std::move(d)) {}
  std::shared_ptr<const CatalogData> data_;
};

}  // namespace jiuzhu::policy
