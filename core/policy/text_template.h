// Trace sentences with values: "家庭每人每月收入 {per_capita_monthly_income} 元，低于 {dibao_standard} 元".
//
// Each {…} holds an expression of the rule language, compiled at catalog load (an unknown name
// there is a load error too). A placeholder may name its unit after a single '|':
// "{age| 岁}" shows "72 岁" when the age is known and just "不清楚" when it is not, so that an
// unknown value never reads "不清楚 岁" to a resident. ('||' is the language's "or".) The engine evaluates the placeholders when it evaluates the rule
// and keeps only the numbers; the sentence is rendered later, when someone reads it, so that
// screening 100,000 households does not format 4 million sentences nobody asked for.
//
// Thread-safety: immutable after compilation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/policy/expression.h"

namespace jiuzhu::policy {

class TextTemplate {
 public:
  // Compiles `text`; placeholder expressions are appended to `values` (shared by the templates
  // of one rule) and referred to by index.
  static Result<TextTemplate> compile(std::string_view text, Scope scope, const Environment& env,
                                      ExprPool& pool, std::vector<Expr>& values);

  // Renders with the values evaluated for this template's rule (same order as `values`).
  std::string render(const Value* values, const std::vector<Expr>& exprs) const;
  bool empty() const { return parts_.empty(); }
  // Calls f(index) for each placeholder this template shows (index into the rule's values).
  template <typename F>
  void for_each_value(F&& f) const {
    for (const Part& part : parts_) {
      if (part.value >= 0) f(part.value);
    }
  }

 private:
  struct Part {
    std::string literal;
    int value = -1;      // index into the rule's values, or -1 for literal text
    std::string suffix;  // the unit shown after a known value ("{age| 岁}")
  };
  std::vector<Part> parts_;
};

// How a value the household did not tell us reads in a sentence.
inline constexpr const char* kUnknownText = "不清楚";

// Formats a number for residents: at most two decimals, no trailing zeros ("420", "1.5", "830.25").
std::string format_number(double v);
// Formats a value of the given type: numbers as above, booleans 是/否, enumerations by label.
std::string format_value(Value v, const Expr& type);

}  // namespace jiuzhu::policy
