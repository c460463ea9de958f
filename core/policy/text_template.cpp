#include "core/policy/text_template.h"

#include <cmath>
#include <cstdio>

namespace jiuzhu::policy {
namespace {

// The position of the single '|' that separates a placeholder's unit, or npos. A '|' doubled
// is the expression language's "or" and belongs to the expression.
size_t unit_bar(std::string_view inside) {
  for (size_t i = 0; i < inside.size(); ++i) {
    if (inside[i] != '|') continue;
    if (i + 1 < inside.size() && inside[i + 1] == '|') {
      ++i;
      continue;
    }
    return i;
  }
  return std::string_view::npos;
}

}  // namespace

Result<TextTemplate> TextTemplate::compile(std::string_view text, Scope scope, const Environment& env,
                                           ExprPool& pool, std::vector<Expr>& values) {
  TextTemplate t;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    const size_t stop = open == std::string_view::npos ? text.size() : open;
    if (text.find('}', i) < stop) {
      return make_error("syntax_error", "'}' without '{' in text \"" + std::string(text) + "\"");
    }
    if (stop > i) t.parts_.push_back(Part{std::string(text.substr(i, stop - i)), -1, {}});
    if (open == std::string_view::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) {
      return make_error("syntax_error", "'{' without '}' in text \"" + std::string(text) + "\"");
    }
    const std::string_view inside = text.substr(open + 1, close - open - 1);
    const size_t bar = unit_bar(inside);
    Result<Expr> e = pool.compile(inside.substr(0, bar), scope, env);
    if (!e) return e.error();
    values.push_back(*e);
    std::string suffix = bar == std::string_view::npos ? std::string() : std::string(inside.substr(bar + 1));
    t.parts_.push_back(Part{{}, static_cast<int>(values.size() - 1), std::move(suffix)});
    i = close + 1;
  }
  return t;
}

std::string TextTemplate::render(const Value* values, const std::vector<Expr>& exprs) const {
  std::string out;
  for (const Part& p : parts_) {
    if (p.value < 0) out += p.literal;
    else if (!values[p.value].known) out += kUnknownText;
    else out += format_value(values[p.value], exprs[static_cast<size_t>(p.value)]) + p.suffix;
  }
  return out;
}

std::string format_number(double v) {
  if (!std::isfinite(v)) return "未知";
  const double rounded = std::round(v * 100.0) / 100.0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", rounded == 0 ? 0.0 : rounded);
  std::string s(buf);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

std::string format_value(Value v, const Expr& type) {
  if (!v.known) return kUnknownText;
  switch (type.type) {
    case ValueType::number: return format_number(v.v);
    case ValueType::boolean: return v.v != 0 ? "是" : "否";
    case ValueType::enumeration: return std::string(enum_label_zh(type.enum_type, static_cast<int>(v.v)));
  }
  return {};
}

}  // namespace jiuzhu::policy
