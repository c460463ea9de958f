// Evaluation and explanation of compiled expressions (expression.h): the Kleene three-valued
// logic over known / unknown facts, and the walk that tells an ExplainSink why a value came out.
// Compiling (the environment, lexer and parser) is expression.cpp.
#include <cmath>
#include <string>

#include "core/policy/expression.h"

namespace jiuzhu::policy {

namespace {

inline Value T() { return Value::of(1); }
inline Value F() { return Value::of(0); }
inline bool is_true(Value v) { return v.known && v.v != 0; }
inline bool is_false(Value v) { return v.known && v.v == 0; }

// The Kleene AND of "member is counted" and x.
inline Value counted_and(Value counted, Value x) {
  if (is_false(counted) || is_false(x)) return F();
  if (counted.known && x.known) return T();
  return Value::unknown();
}

struct Evaluator {
  const Node* nodes;
  const EvalContext& ctx;

  Value member_slot(int member, int slot) const {
    return ctx.members[static_cast<size_t>(member) * static_cast<size_t>(ctx.person_stride) + static_cast<size_t>(slot)];
  }

  Value in_member(int32_t node, int member) const {
    EvalContext inner = ctx;
    inner.person = ctx.members + static_cast<size_t>(member) * static_cast<size_t>(ctx.person_stride);
    inner.person_index = member;
    return Evaluator{nodes, inner}.run(node);
  }

  Value run(int32_t i) const {
    const Node& n = nodes[i];
    switch (n.op) {
      case Op::constant: return Value::of(n.k);
      case Op::household_slot: return ctx.household[n.slot];
      case Op::person_slot: return ctx.person ? ctx.person[n.slot] : Value::unknown();
      case Op::param: return Value::of(ctx.params[n.slot]);
      case Op::program: return ctx.programs[n.slot];
      case Op::receiving: return Value::of((ctx.receiving >> n.slot) & 1U ? 1.0 : 0.0);
      case Op::not_: {
        const Value a = run(n.a);
        return a.known ? Value::of(a.v == 0 ? 1.0 : 0.0) : a;
      }
      case Op::and_: {
        const Value a = run(n.a);
        if (is_false(a)) return F();
        const Value b = run(n.b);
        if (is_false(b)) return F();
        return a.known && b.known ? T() : Value::unknown();
      }
      case Op::or_: {
        const Value a = run(n.a);
        if (is_true(a)) return T();
        const Value b = run(n.b);
        if (is_true(b)) return T();
        return a.known && b.known ? F() : Value::unknown();
      }
      case Op::lt: case Op::le: case Op::gt: case Op::ge: case Op::eq: case Op::ne: {
        const Value a = run(n.a);
        const Value b = run(n.b);
        if (!a.known || !b.known) return Value::unknown();
        bool r = false;
        switch (n.op) {
          case Op::lt: r = a.v < b.v; break;
          case Op::le: r = a.v <= b.v; break;
          case Op::gt: r = a.v > b.v; break;
          case Op::ge: r = a.v >= b.v; break;
          case Op::eq: r = a.v == b.v; break;
          default: r = a.v != b.v; break;
        }
        return Value::of(r ? 1.0 : 0.0);
      }
      case Op::add: case Op::sub: case Op::mul: case Op::div: case Op::min: case Op::max: {
        const Value a = run(n.a);
        const Value b = run(n.b);
        if (!a.known || !b.known) return Value::unknown();
        switch (n.op) {
          case Op::add: return Value::of(a.v + b.v);
          case Op::sub: return Value::of(a.v - b.v);
          case Op::mul: return Value::of(a.v * b.v);
          case Op::min: return Value::of(std::min(a.v, b.v));
          case Op::max: return Value::of(std::max(a.v, b.v));
          default: return b.v == 0 ? Value::unknown() : Value::of(a.v / b.v);
        }
      }
      case Op::neg: {
        const Value a = run(n.a);
        return a.known ? Value::of(-a.v) : a;
      }
      case Op::if_: {
        const Value c = run(n.a);
        if (!c.known) return Value::unknown();
        return run(c.v != 0 ? n.b : n.c);
      }
      case Op::any: {
        bool unknown = false;
        for (int m = 0; m < ctx.member_count; ++m) {
          const Value counted = member_slot(m, ctx.counted_slot);
          if (is_false(counted)) continue;
          const Value term = counted_and(counted, in_member(n.a, m));
          if (is_true(term)) return T();
          if (!term.known) unknown = true;
        }
        return unknown ? Value::unknown() : F();
      }
      case Op::all: {
        bool unknown = false;
        for (int m = 0; m < ctx.member_count; ++m) {
          const Value counted = member_slot(m, ctx.counted_slot);
          if (is_false(counted)) continue;
          const Value x = in_member(n.a, m);
          if (is_true(x)) continue;                      // not counted OR x: true
          if (is_false(x) && counted.known) return F();  // counted and x false
          unknown = true;
        }
        return unknown ? Value::unknown() : T();
      }
      case Op::count: case Op::sum: {
        double total = 0;
        bool unknown = false;
        for (int m = 0; m < ctx.member_count; ++m) {
          const Value counted = member_slot(m, ctx.counted_slot);
          if (is_false(counted)) continue;
          const Value x = in_member(n.a, m);
          if (n.op == Op::count && is_false(x)) continue;  // adds nothing, counted or not
          if (!counted.known || !x.known) { unknown = true; continue; }
          total += n.op == Op::count ? 1.0 : x.v;
        }
        return unknown ? Value::unknown() : Value::of(total);
      }
    }
    return Value::unknown();
  }
};

struct Explainer {
  const Node* nodes;
  const EvalContext& ctx;
  ExplainSink& sink;

  Value value(int32_t i) const { return Evaluator{nodes, ctx}.run(i); }

  void in_member(int32_t node, int member) const {
    EvalContext inner = ctx;
    inner.person = ctx.members + static_cast<size_t>(member) * static_cast<size_t>(ctx.person_stride);
    inner.person_index = member;
    Explainer{nodes, inner, sink}.run(node);
  }

  // Precondition: node i evaluates to unknown in ctx.
  void run(int32_t i) const {
    const Node& n = nodes[i];
    switch (n.op) {
      case Op::constant: case Op::param: case Op::receiving: return;
      case Op::household_slot: sink.household_slot(n.slot); return;
      case Op::person_slot: if (ctx.person_index >= 0) sink.person_slot(ctx.person_index, n.slot); return;
      case Op::program: sink.program(n.slot); return;
      case Op::if_: {
        const Value c = value(n.a);
        if (!c.known) run(n.a);
        else run(c.v != 0 ? n.b : n.c);
        return;
      }
      case Op::div: {
        const Value a = value(n.a), b = value(n.b);
        if (!a.known) run(n.a);
        if (!b.known) run(n.b);
        if (a.known && b.known) sink.no_counted_members();
        return;
      }
      case Op::any: case Op::all: case Op::count: case Op::sum: {
        for (int m = 0; m < ctx.member_count; ++m) {
          const Value counted = ctx.members[static_cast<size_t>(m) * static_cast<size_t>(ctx.person_stride) +
                                            static_cast<size_t>(ctx.counted_slot)];
          if (is_false(counted)) continue;
          EvalContext inner = ctx;
          inner.person = ctx.members + static_cast<size_t>(m) * static_cast<size_t>(ctx.person_stride);
          inner.person_index = m;
          const Value x = Evaluator{nodes, inner}.run(n.a);
          // A member whose contribution cannot change the answer is not reported.
          if ((n.op == Op::any || n.op == Op::count) && is_false(x)) continue;
          if (n.op == Op::all && is_true(x)) continue;
          if (!counted.known) sink.person_slot(m, ctx.counted_slot);
          if (!x.known) in_member(n.a, m);
        }
        return;
      }
      default: break;
    }
    // Operators: report every unknown operand (for and/or none is false, so each matters).
    for (int32_t child : {n.a, n.b, n.c}) {
      if (child >= 0 && !value(child).known) run(child);
    }
  }
};

}  // namespace

Value evaluate(const std::vector<Node>& nodes, int32_t root, const EvalContext& ctx) {
  return Evaluator{nodes.data(), ctx}.run(root);
}

void explain(const std::vector<Node>& nodes, int32_t root, const EvalContext& ctx, ExplainSink& sink) {
  Explainer{nodes.data(), ctx, sink}.run(root);
}

}  // namespace jiuzhu::policy
