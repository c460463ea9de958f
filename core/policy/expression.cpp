// Compiling policy expressions (expression.h): the environment of names, the lexer and the
// parser that builds nodes into an ExprPool. Evaluating them is expression_eval.cpp.
#include "core/policy/expression.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace jiuzhu::policy {

// ---------------------------------------------------------------------------------------------
// Environment

Environment::Environment() {
  for (const FactInfo& f : household_facts()) declare_household(std::string(f.name), f.type, f.enum_type);
  for (const FactInfo& f : person_facts()) declare_person(std::string(f.name), f.type, f.enum_type);
}

int Environment::declare_household(std::string name, ValueType type, EnumType e) {
  if (symbols_.count(name)) return -1;
  symbols_.emplace(std::move(name), Symbol{Symbol::household, household_slots_, type, e});
  return household_slots_++;
}

int Environment::declare_person(std::string name, ValueType type, EnumType e) {
  if (symbols_.count(name)) return -1;
  symbols_.emplace(std::move(name), Symbol{Symbol::person, person_slots_, type, e});
  return person_slots_++;
}

int Environment::declare_param(std::string name) {
  std::string key = "params." + name;
  if (symbols_.count(key)) return -1;
  const int slot = static_cast<int>(param_names_.size());
  symbols_.emplace(std::move(key), Symbol{Symbol::param, slot, ValueType::number, EnumType::none});
  param_names_.push_back(std::move(name));
  return slot;
}

void Environment::declare_program(std::string id, int index) { programs_[std::move(id)] = {index, false}; }

void Environment::mark_program_evaluated(const std::string& id) {
  auto it = programs_.find(id);
  if (it != programs_.end()) it->second.second = true;
}

const Environment::Symbol* Environment::find(std::string_view name) const {
  auto it = symbols_.find(std::string(name));
  return it == symbols_.end() ? nullptr : &it->second;
}

int Environment::program_index(std::string_view id) const {
  auto it = programs_.find(std::string(id));
  return it == programs_.end() ? -1 : it->second.first;
}

bool Environment::program_evaluated(std::string_view id) const {
  auto it = programs_.find(std::string(id));
  return it != programs_.end() && it->second.second;
}

// ---------------------------------------------------------------------------------------------
// Lexer and parser

namespace {

enum class Tok { end, number, string, name, lparen, rparen, comma, lt, le, gt, ge, eq, ne,
                 plus, minus, star, slash, and_, or_, not_ };

struct Token {
  Tok kind = Tok::end;
  std::string_view text;
  double number = 0;
  size_t pos = 0;
};

const char* type_name(ValueType t) {
  switch (t) {
    case ValueType::number: return "number";
    case ValueType::boolean: return "boolean";
    case ValueType::enumeration: return "enumeration";
  }
  return "?";
}

class Parser {
 public:
  Parser(std::string_view text, Scope scope, const Environment& env, std::vector<Node>& nodes)
      : text_(text), scope_(scope), env_(env), nodes_(nodes) {}

  Result<Expr> run() {
    advance();
    if (failed()) return error_;
    const int root = parse_or();
    if (failed()) return error_;
    if (tok_.kind != Tok::end) return fail("syntax_error", "unexpected text after the expression");
    const Node& n = nodes_[static_cast<size_t>(root)];
    return Expr{root, n.type, n.enum_type};
  }

 private:
  bool failed() const { return !error_.code.empty(); }

  Error fail(const std::string& code, const std::string& what) {
    if (!failed()) {
      error_ = make_error(code, what + " (column " + std::to_string(tok_.pos + 1) + " of \"" +
                                    std::string(text_) + "\")");
    }
    return error_;
  }

  void advance() {
    size_t i = pos_;
    while (i < text_.size() && std::isspace(static_cast<unsigned char>(text_[i]))) ++i;
    tok_ = Token{};
    tok_.pos = i;
    if (i >= text_.size()) { pos_ = i; return; }
    const char c = text_[i];
    auto two = [&](char next) { return i + 1 < text_.size() && text_[i + 1] == next; };
    auto set = [&](Tok k, size_t len) { tok_.kind = k; tok_.text = text_.substr(i, len); pos_ = i + len; };
    if (std::isdigit(static_cast<unsigned char>(c)) || (c == '.' && i + 1 < text_.size() &&
                                                        std::isdigit(static_cast<unsigned char>(text_[i + 1])))) {
      size_t j = i;
      while (j < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[j])) || text_[j] == '.')) ++j;
      double v = 0;
      auto [p, ec] = std::from_chars(text_.data() + i, text_.data() + j, v);
      if (ec != std::errc() || p != text_.data() + j) { fail("syntax_error", "bad number"); return; }
      set(Tok::number, j - i);
      tok_.number = v;
      return;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[j])) || text_[j] == '_' || text_[j] == '.')) ++j;
      const std::string_view word = text_.substr(i, j - i);
      if (word == "and") set(Tok::and_, j - i);
      else if (word == "or") set(Tok::or_, j - i);
      else if (word == "not") set(Tok::not_, j - i);
      else set(Tok::name, j - i);
      return;
    }
    if (c == '\'' || c == '"') {
      const size_t close = text_.find(c, i + 1);
      if (close == std::string_view::npos) { fail("syntax_error", "unterminated string"); return; }
      tok_.kind = Tok::string;
      tok_.text = text_.substr(i + 1, close - i - 1);
      pos_ = close + 1;
      return;
    }
    switch (c) {
      case '(': set(Tok::lparen, 1); return;
      case ')': set(Tok::rparen, 1); return;
      case ',': set(Tok::comma, 1); return;
      case '+': set(Tok::plus, 1); return;
      case '-': set(Tok::minus, 1); return;
      case '*': set(Tok::star, 1); return;
      case '/': set(Tok::slash, 1); return;
      case '<': two('=') ? set(Tok::le, 2) : set(Tok::lt, 1); return;
      case '>': two('=') ? set(Tok::ge, 2) : set(Tok::gt, 1); return;
      case '=': if (two('=')) { set(Tok::eq, 2); return; } break;
      case '!': two('=') ? set(Tok::ne, 2) : set(Tok::not_, 1); return;
      case '&': if (two('&')) { set(Tok::and_, 2); return; } break;
      case '|': if (two('|')) { set(Tok::or_, 2); return; } break;
      default: break;
    }
    fail("syntax_error", std::string("unexpected character '") + c + "'");
  }

  bool expect(Tok k, const char* what) {
    if (failed()) return false;
    if (tok_.kind != k) { fail("syntax_error", std::string("expected ") + what); return false; }
    advance();
    return !failed();
  }

  int add(Node n) {
    nodes_.push_back(n);
    return static_cast<int>(nodes_.size() - 1);
  }
  const Node& at(int i) const { return nodes_[static_cast<size_t>(i)]; }

  bool require(int node, ValueType t, const char* where) {
    if (failed()) return false;
    if (at(node).type != t) {
      fail("type_error", std::string(where) + " needs a " + type_name(t) + ", got a " + type_name(at(node).type));
      return false;
    }
    return true;
  }

  int parse_or() {
    int left = parse_and();
    while (!failed() && tok_.kind == Tok::or_) {
      advance();
      const int right = parse_and();
      if (!require(left, ValueType::boolean, "'or'") || !require(right, ValueType::boolean, "'or'")) return 0;
      left = add(Node{Op::or_, ValueType::boolean, EnumType::none, left, right});
    }
    return left;
  }

  int parse_and() {
    int left = parse_not();
    while (!failed() && tok_.kind == Tok::and_) {
      advance();
      const int right = parse_not();
      if (!require(left, ValueType::boolean, "'and'") || !require(right, ValueType::boolean, "'and'")) return 0;
      left = add(Node{Op::and_, ValueType::boolean, EnumType::none, left, right});
    }
    return left;
  }

  int parse_not() {
    if (tok_.kind == Tok::not_) {
      advance();
      const int inner = parse_not();
      if (!require(inner, ValueType::boolean, "'not'")) return 0;
      return add(Node{Op::not_, ValueType::boolean, EnumType::none, inner});
    }
    return parse_comparison();
  }

  int parse_comparison() {
    const int left = parse_sum();
    if (failed()) return 0;
    Op op;
    switch (tok_.kind) {
      case Tok::lt: op = Op::lt; break;
      case Tok::le: op = Op::le; break;
      case Tok::gt: op = Op::gt; break;
      case Tok::ge: op = Op::ge; break;
      case Tok::eq: op = Op::eq; break;
      case Tok::ne: op = Op::ne; break;
      default: return left;
    }
    advance();
    if (failed()) return 0;
    if ((op == Op::eq || op == Op::ne) && at(left).type == ValueType::enumeration) {
      // An enumeration compares only with one of its value names, resolved now.
      if (tok_.kind != Tok::string) {
        fail("type_error", "an enumeration compares with a quoted value name");
        return 0;
      }
      const EnumType et = at(left).enum_type;
      const auto names = enum_values(et);
      int index = -1;
      for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == tok_.text) index = static_cast<int>(i);
      }
      if (index < 0) {
        // (built with append: GCC 12 warns falsely on "literal" + std::string here)
        fail("unknown_enum_value", std::string("'").append(tok_.text).append("' is not a value of this fact"));
        return 0;
      }
      advance();
      const int right = add(Node{Op::constant, ValueType::number, EnumType::none, -1, -1, -1, 0, static_cast<double>(index)});
      return add(Node{op, ValueType::boolean, EnumType::none, left, right});
    }
    const int right = parse_sum();
    if (failed()) return 0;
    if (op == Op::eq || op == Op::ne) {
      if (at(left).type != at(right).type) {
        fail("type_error", "'==' and '!=' compare values of the same type");
        return 0;
      }
    } else if (!require(left, ValueType::number, "a comparison") || !require(right, ValueType::number, "a comparison")) {
      return 0;
    }
    return add(Node{op, ValueType::boolean, EnumType::none, left, right});
  }

  int parse_sum() {
    int left = parse_product();
    while (!failed() && (tok_.kind == Tok::plus || tok_.kind == Tok::minus)) {
      const Op op = tok_.kind == Tok::plus ? Op::add : Op::sub;
      advance();
      const int right = parse_product();
      if (!require(left, ValueType::number, "arithmetic") || !require(right, ValueType::number, "arithmetic")) return 0;
      left = add(Node{op, ValueType::number, EnumType::none, left, right});
    }
    return left;
  }

  int parse_product() {
    int left = parse_unary();
    while (!failed() && (tok_.kind == Tok::star || tok_.kind == Tok::slash)) {
      const Op op = tok_.kind == Tok::star ? Op::mul : Op::div;
      advance();
      const int right = parse_unary();
      if (!require(left, ValueType::number, "arithmetic") || !require(right, ValueType::number, "arithmetic")) return 0;
      left = add(Node{op, ValueType::number, EnumType::none, left, right});
    }
    return left;
  }

  int parse_unary() {
    if (tok_.kind == Tok::minus) {
      advance();
      const int inner = parse_unary();
      if (!require(inner, ValueType::number, "'-'")) return 0;
      return add(Node{Op::neg, ValueType::number, EnumType::none, inner});
    }
    return parse_primary();
  }

  int parse_primary() {
    if (failed()) return 0;
    switch (tok_.kind) {
      case Tok::number: {
        const double v = tok_.number;
        advance();
        return add(Node{Op::constant, ValueType::number, EnumType::none, -1, -1, -1, 0, v});
      }
      case Tok::lparen: {
        advance();
        const int inner = parse_or();
        if (!expect(Tok::rparen, "')'")) return 0;
        return inner;
      }
      case Tok::string:
        fail("type_error", "a quoted value may only follow == or != after an enumeration fact");
        return 0;
      case Tok::name: break;
      default:
        fail("syntax_error", "expected a value");
        return 0;
    }
    const std::string_view name = tok_.text;
    const size_t name_pos = tok_.pos;
    advance();
    if (failed()) return 0;
    if (tok_.kind == Tok::lparen) return parse_call(name);
    if (name == "true" || name == "false") {
      return add(Node{Op::constant, ValueType::boolean, EnumType::none, -1, -1, -1, 0, name == "true" ? 1.0 : 0.0});
    }
    const Environment::Symbol* s = env_.find(name);
    if (!s) {
      tok_.pos = name_pos;
      if (name.starts_with("params.")) fail("unknown_parameter", "unknown county parameter '" + std::string(name.substr(7)) + "'");
      else fail("unknown_fact", "unknown fact '" + std::string(name) + "'");
      return 0;
    }
    switch (s->kind) {
      case Environment::Symbol::household:
        return add(Node{Op::household_slot, s->type, s->enum_type, -1, -1, -1, s->slot});
      case Environment::Symbol::person:
        if (scope_ != Scope::person && aggregate_depth_ == 0) {
          tok_.pos = name_pos;
          fail("type_error", "person fact '" + std::string(name) + "' needs any(), all(), count() or sum() here");
          return 0;
        }
        return add(Node{Op::person_slot, s->type, s->enum_type, -1, -1, -1, s->slot});
      case Environment::Symbol::param:
        return add(Node{Op::param, ValueType::number, EnumType::none, -1, -1, -1, s->slot});
    }
    return 0;
  }

  // Reads a program id argument: a bare name or a quoted one.
  std::string program_argument() {
    if (tok_.kind != Tok::name && tok_.kind != Tok::string) {
      fail("syntax_error", "expected a program id");
      return {};
    }
    std::string id(tok_.text);
    advance();
    return id;
  }

  int parse_call(std::string_view fn) {
    advance();  // '('
    if (failed()) return 0;
    if (fn == "eligible" || fn == "receiving") {
      const size_t pos = tok_.pos;
      const std::string id = program_argument();
      if (failed()) return 0;
      const int index = env_.program_index(id);
      tok_.pos = pos;
      if (index < 0) { fail("unknown_program", "unknown program '" + id + "'"); return 0; }
      if (fn == "eligible" && !env_.program_evaluated(id)) {
        fail("program_order", "eligible(" + id + ") names a program that is not evaluated before this one");
        return 0;
      }
      if (!expect(Tok::rparen, "')'")) return 0;
      return add(Node{fn == "eligible" ? Op::program : Op::receiving, ValueType::boolean, EnumType::none, -1, -1, -1, index});
    }
    std::vector<int> args;
    const bool aggregate = fn == "any" || fn == "all" || fn == "count" || fn == "sum";
    if (aggregate) {
      if (scope_ == Scope::person || aggregate_depth_ > 0) {
        fail("type_error", std::string(fn) + "() is only allowed in household scope");
        return 0;
      }
      ++aggregate_depth_;
    }
    if (tok_.kind != Tok::rparen) {
      for (;;) {
        args.push_back(parse_or());
        if (failed()) return 0;
        if (tok_.kind != Tok::comma) break;
        advance();
      }
    }
    if (aggregate) --aggregate_depth_;
    if (!expect(Tok::rparen, "')'")) return 0;
    auto arity = [&](size_t n) {
      if (args.size() != n) fail("syntax_error", std::string(fn) + "() takes " + std::to_string(n) + " argument(s)");
      return !failed();
    };
    if (fn == "if") {
      if (!arity(3) || !require(args[0], ValueType::boolean, "if() condition")) return 0;
      if (at(args[1]).type != at(args[2]).type || at(args[1]).type == ValueType::enumeration) {
        fail("type_error", "if() branches must both be numbers or both booleans");
        return 0;
      }
      return add(Node{Op::if_, at(args[1]).type, EnumType::none, args[0], args[1], args[2]});
    }
    if (fn == "min" || fn == "max") {
      if (!arity(2) || !require(args[0], ValueType::number, "min/max") || !require(args[1], ValueType::number, "min/max")) return 0;
      return add(Node{fn == "min" ? Op::min : Op::max, ValueType::number, EnumType::none, args[0], args[1]});
    }
    if (fn == "any" || fn == "all" || fn == "count") {
      if (!arity(1) || !require(args[0], ValueType::boolean, std::string(fn).c_str())) return 0;
      const Op op = fn == "any" ? Op::any : fn == "all" ? Op::all : Op::count;
      return add(Node{op, op == Op::count ? ValueType::number : ValueType::boolean, EnumType::none, args[0]});
    }
    if (fn == "sum") {
      if (!arity(1) || !require(args[0], ValueType::number, "sum()")) return 0;
      return add(Node{Op::sum, ValueType::number, EnumType::none, args[0]});
    }
    fail("unknown_function", "unknown function '" + std::string(fn) + "'");
    return 0;
  }

  std::string_view text_;
  Scope scope_;
  const Environment& env_;
  std::vector<Node>& nodes_;
  size_t pos_ = 0;
  Token tok_;
  Error error_;
  int aggregate_depth_ = 0;
};

}  // namespace

Result<Expr> ExprPool::compile(std::string_view text, Scope scope, const Environment& env) {
  const size_t mark = nodes_.size();
  Parser parser(text, scope, env, nodes_);
  Result<Expr> r = parser.run();
  if (!r) nodes_.resize(mark);  // leave no half-built nodes behind
  return r;
}

}  // namespace jiuzhu::policy
