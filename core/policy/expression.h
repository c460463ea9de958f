// The rule language: small expressions over facts and county parameters, compiled once at
// catalog load into a flat node array and evaluated with three-valued (Kleene) logic.
//
//   per_capita_monthly_income < 1.5 * dibao_standard
//   any(employment == 'unemployed' and age >= 16 and age <= 59)
//   deposits <= params.asset_limits.deposits_per_capita_months * dibao_standard * counted_members
//
// Grammar (lowest precedence first): `or`, `and`, `not`, comparisons (< <= > >= == !=), + -,
// * /, unary -, primaries: numbers, 'strings' (only as the right side of == / != against an
// enumeration), true, false, names, (expr) and calls:
//   if(c, a, b)  min(a, b)  max(a, b)
//   any(p) all(p) count(p) sum(x)  — over the household's counted members (Art. 7); the argument
//                                    is evaluated for each member, in person scope
//   eligible(program)              — a program evaluated earlier in the catalog: true when likely
//                                    eligible, false when not, unknown when it needs review
//   receiving(program)             — the household says it already receives that program
// Names are facts (core/policy/facts.h), derived values declared earlier in the catalog, or
// `params.` followed by a declared county parameter. Every name, enumeration value and program
// is resolved at compile time; an unknown one is a compile error with a stable code
// (unknown_fact, unknown_parameter, unknown_enum_value, unknown_program, program_order,
// unknown_function, type_error, syntax_error) — never a wrong answer later.
//
// Unknown facts propagate: `false and unknown` is false, `true or unknown` is true, anything
// else touching an unknown is unknown. Division by zero is unknown (no counted member).
//
// Thread-safety: an ExprPool is immutable after compilation; evaluate/explain are pure.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/policy/facts.h"
#include "core/result.h"

namespace jiuzhu::policy {

enum class Op : uint8_t {
  constant, household_slot, person_slot, param, program, receiving,
  not_, and_, or_, lt, le, gt, ge, eq, ne, add, sub, mul, div, neg,
  if_, min, max, any, all, count, sum,
};

struct Node {
  Op op = Op::constant;
  ValueType type = ValueType::number;
  EnumType enum_type = EnumType::none;
  int32_t a = -1, b = -1, c = -1;  // children
  int32_t slot = 0;                // household/person slot, parameter or program index
  double k = 0;                    // constant
};

// A compiled expression: the root node in an ExprPool and its type.
struct Expr {
  int32_t root = -1;
  ValueType type = ValueType::number;
  EnumType enum_type = EnumType::none;
  bool valid() const { return root >= 0; }
};

// Where an expression is evaluated: once per household, or once per member.
enum class Scope { household, person };

// Names known to the compiler. Household and person slots are numbered in declaration order
// (the facts of facts.h first), so the engine lays out its slot arrays the same way.
class Environment {
 public:
  struct Symbol {
    enum Kind : uint8_t { household, person, param } kind;
    int32_t slot;
    ValueType type;
    EnumType enum_type;
  };

  Environment();  // declares the facts of facts.h
  // Each returns the new slot, or -1 when the name is already taken.
  int declare_household(std::string name, ValueType type, EnumType e = EnumType::none);
  int declare_person(std::string name, ValueType type, EnumType e = EnumType::none);
  int declare_param(std::string name);  // the name without "params."
  // Programs become known in catalog order; `evaluated` ones may be used by eligible().
  void declare_program(std::string id, int index);
  void mark_program_evaluated(const std::string& id);

  const Symbol* find(std::string_view name) const;  // facts, derived values and "params.X"
  int program_index(std::string_view id) const;     // -1 when unknown
  bool program_evaluated(std::string_view id) const;

  int household_slots() const { return household_slots_; }
  int person_slots() const { return person_slots_; }
  int param_count() const { return static_cast<int>(param_names_.size()); }
  const std::vector<std::string>& param_names() const { return param_names_; }

 private:
  std::unordered_map<std::string, Symbol> symbols_;
  std::unordered_map<std::string, std::pair<int, bool>> programs_;
  std::vector<std::string> param_names_;
  int household_slots_ = 0;
  int person_slots_ = 0;
};

class ExprPool {
 public:
  // Compiles `text` in `scope`. The error's `message` says what and where (column).
  Result<Expr> compile(std::string_view text, Scope scope, const Environment& env);
  const std::vector<Node>& nodes() const { return nodes_; }

 private:
  std::vector<Node> nodes_;
};

// Everything an evaluation reads. Slots arrays are laid out as the Environment numbered them.
struct EvalContext {
  const Value* household = nullptr;
  const Value* person = nullptr;   // the current member's slots (person scope), or null
  int person_index = -1;
  const Value* members = nullptr;  // member_count × person_stride slots
  int member_count = 0;
  int person_stride = 0;
  int counted_slot = -1;           // person slot holding "counted" (Art. 7)
  const double* params = nullptr;
  const Value* programs = nullptr;  // per program: 1 likely, 0 not, unknown = needs review
  uint64_t receiving = 0;           // bit i: the household receives program i
};

Value evaluate(const std::vector<Node>& nodes, int32_t root, const EvalContext& ctx);

// Reports which unknown inputs made an expression unknown (only called when it is unknown).
class ExplainSink {
 public:
  virtual ~ExplainSink() = default;
  virtual void household_slot(int slot) = 0;
  virtual void person_slot(int member, int slot) = 0;
  virtual void program(int index) = 0;
  virtual void no_counted_members() = 0;
};
void explain(const std::vector<Node>& nodes, int32_t root, const EvalContext& ctx,
             ExplainSink& sink);

}  // namespace jiuzhu::policy
