#include "core/policy/engine.h"

#include <algorithm>
#include <optional>

namespace jiuzhu::policy {
namespace {

// Turns "this expression is unknown" into the JSON paths of the facts that would decide it,
// following derived values and earlier programs back to the household's own facts.
class MissingCollector final : public ExplainSink {
 public:
  MissingCollector(const CatalogData& d, const EvalContext& household_ctx,
                   const std::vector<std::vector<std::string>>& program_missing, std::vector<std::string>& out)
      : d_(d), base_(household_ctx), program_missing_(program_missing), out_(out) {}

  void explain_in(int32_t root, const EvalContext& ctx) { explain(d_.pool.nodes(), root, ctx, *this); }

  void household_slot(int slot) override {
    const auto facts = household_facts();
    if (static_cast<size_t>(slot) < facts.size()) {
      add(std::string(facts[static_cast<size_t>(slot)].path));
    } else {
      explain_in(d_.household_derived[static_cast<size_t>(slot) - facts.size()].expr.root, base_);
    }
  }

  void person_slot(int member, int slot) override {
    const auto facts = person_facts();
    const std::string prefix = "members[" + std::to_string(member) + "].";
    if (static_cast<size_t>(slot) < facts.size()) {
      add(prefix + std::string(facts[static_cast<size_t>(slot)].path));
      return;
    }
    EvalContext ctx = base_;
    ctx.person = base_.members + static_cast<size_t>(member) * static_cast<size_t>(base_.person_stride);
    ctx.person_index = member;
    if (slot == d_.counted_slot) explain_in(d_.member_counted.root, ctx);
    else explain_in(d_.person_derived[static_cast<size_t>(slot - d_.counted_slot - 1)].expr.root, ctx);
  }

  void program(int index) override {
    for (const std::string& m : program_missing_[static_cast<size_t>(index)]) add(m);
  }

  void no_counted_members() override { add("members"); }

 private:
  void add(std::string path) {
    if (std::find(out_.begin(), out_.end(), path) == out_.end()) out_.push_back(std::move(path));
  }

  const CatalogData& d_;
  const EvalContext& base_;
  const std::vector<std::vector<std::string>>& program_missing_;
  std::vector<std::string>& out_;
};

// The unverified county parameters (county_params.h) an expression reads, as a bit mask over
// parameter slots: directly, through the derived values it uses (followed to their
// definitions), and through eligible(p) (what p's own verdict read). For if() only the branch
// taken is followed when the condition is known, so a rural household's verdict does not cite
// the urban standard; a true `or` (false `and`) only through the operands that make it so; an
// aggregate is followed for each counted member, as it is evaluated.
// Derived values are walked once per household (per member for person values): the same
// deposit limit sits under many rules, and this runs for every household screened.
class UnverifiedParams {
 public:
  UnverifiedParams(const CatalogData& d, const EvalContext& household_ctx, uint64_t unverified,
                   const std::vector<uint64_t>& program_masks)
      : d_(d), nodes_(d.pool.nodes()), base_(household_ctx), unverified_(unverified), program_masks_(program_masks),
        household_memo_(d.household_derived.size(), kNotWalked),
        person_memo_(d.person_derived.size() * static_cast<size_t>(household_ctx.member_count), kNotWalked) {}

  uint64_t walk(int32_t i, const EvalContext& ctx) {
    // A subtree that cannot read an unverified number on any branch needs no evaluating.
    if (i < 0 || !(d_.node_params[static_cast<size_t>(i)] & unverified_)) return 0;
    const Node& n = nodes_[static_cast<size_t>(i)];
    switch (n.op) {
      case Op::param: return unverified_ & (uint64_t{1} << n.slot);
      case Op::household_slot: {
        const size_t facts = household_facts().size();
        if (static_cast<size_t>(n.slot) < facts) return 0;
        const size_t k = static_cast<size_t>(n.slot) - facts;
        if (household_memo_[k] == kNotWalked) household_memo_[k] = walk(d_.household_derived[k].expr.root, base_);
        return household_memo_[k];
      }
      case Op::person_slot: {
        // Facts and "counted" read no parameter; a derived person value may.
        if (!ctx.person || ctx.person_index < 0 || n.slot <= d_.counted_slot) return 0;
        const size_t k = static_cast<size_t>(n.slot - d_.counted_slot - 1);
        uint64_t& memo = person_memo_[static_cast<size_t>(ctx.person_index) * d_.person_derived.size() + k];
        if (memo == kNotWalked) memo = walk(d_.person_derived[k].expr.root, ctx);
        return memo;
      }
      case Op::program: return program_masks_[static_cast<size_t>(n.slot)];
      case Op::and_: case Op::or_: {
        // `a or b` that is true stays true while any true operand stays true, so it rests on
        // unverified numbers only when every true operand does (likewise `and` when false);
        // otherwise both operands decide it.
        const uint64_t ma = walk(n.a, ctx), mb = walk(n.b, ctx);
        const bool decisive = n.op == Op::or_;  // the operand value that decides it alone
        const Value a = evaluate(nodes_, n.a, ctx), b = evaluate(nodes_, n.b, ctx);
        const bool a_decides = a.known && (a.v != 0) == decisive;
        const bool b_decides = b.known && (b.v != 0) == decisive;
        if (!a_decides && !b_decides) return ma | mb;
        if ((a_decides && !ma) || (b_decides && !mb)) return 0;
        return (a_decides ? ma : 0) | (b_decides ? mb : 0);
      }
      case Op::if_: {
        uint64_t m = walk(n.a, ctx);
        const Value c = evaluate(nodes_, n.a, ctx);
        if (!c.known || c.v != 0) m |= walk(n.b, ctx);
        if (!c.known || c.v == 0) m |= walk(n.c, ctx);
        return m;
      }
      case Op::any: case Op::all: case Op::count: case Op::sum: {
        uint64_t m = 0;
        for (int member = 0; member < ctx.member_count; ++member) {
          const Value counted = ctx.members[static_cast<size_t>(member) * static_cast<size_t>(ctx.person_stride) +
                                            static_cast<size_t>(ctx.counted_slot)];
          if (counted.known && counted.v == 0) continue;
          EvalContext inner = ctx;
          inner.person = ctx.members + static_cast<size_t>(member) * static_cast<size_t>(ctx.person_stride);
          inner.person_index = member;
          m |= walk(n.a, inner);
        }
        return m;
      }
      default: return walk(n.a, ctx) | walk(n.b, ctx) | walk(n.c, ctx);
    }
  }

 private:
  // "Not walked yet". A real mask equals it only when 64 unverified parameters are all read;
  // such a value is then walked again each time — slower, never wrong.
  static constexpr uint64_t kNotWalked = ~uint64_t{0};

  const CatalogData& d_;
  const std::vector<Node>& nodes_;
  const EvalContext& base_;
  uint64_t unverified_;
  const std::vector<uint64_t>& program_masks_;
  std::vector<uint64_t> household_memo_;
  std::vector<uint64_t> person_memo_;
};

struct RuleSetOutcome {
  Verdict verdict = Verdict::likely_eligible;
  uint32_t begin = 0, end = 0;
  std::vector<std::string> missing;
  uint64_t flags = 0;
  uint64_t unverified = 0;  // bit k: parameter slot k
};

}  // namespace

EligibilityResult evaluate(const Catalog& catalog, const CountyParams& params, const model::Household& household,
                           Date as_of) {
  const CatalogData& d = *catalog.data();
  const auto& nodes = d.pool.nodes();
  EligibilityResult result;
  result.as_of = as_of;
  result.catalog = catalog.data();

  // Parameters, matched by name when they were loaded against another load of the catalog.
  std::vector<double> rebound;
  const double* param_values = params.values().data();
  // Bit k: parameter slot k's source is not verified (the catalog declares at most 64).
  uint64_t unverified = 0;
  for (size_t k = 0; k < d.env.param_names().size() && k < 64; ++k) {
    const bool verified = params.bound_to() == &d ? params.verified()[k] : params.is_verified(d.env.param_names()[k]);
    if (!verified) unverified |= uint64_t{1} << k;
  }
  if (params.bound_to() != &d) {
    for (const std::string& name : d.env.param_names()) rebound.push_back(params.get(name));
    param_values = rebound.data();
  }

  // 1. Facts.
  const int member_count = static_cast<int>(household.members.size());
  const int stride = d.env.person_slots();
  std::vector<Value> hh(static_cast<size_t>(d.env.household_slots()));
  std::vector<Value> members(static_cast<size_t>(member_count) * static_cast<size_t>(stride));
  fill_household_facts(household, as_of, hh);
  result.member_relations.reserve(household.members.size());
  for (int m = 0; m < member_count; ++m) {
    fill_person_facts(household.members[static_cast<size_t>(m)], as_of,
                      std::span<Value>(members.data() + static_cast<size_t>(m) * static_cast<size_t>(stride),
                                       person_facts().size()));
    result.member_relations.push_back(household.members[static_cast<size_t>(m)].relation);
  }
  uint64_t receiving = 0;
  for (const std::string& id : household.receiving) {
    if (const Program* p = catalog.find(id)) receiving |= uint64_t{1} << p->index;
  }
  std::vector<Value> program_values(d.programs.size(), Value::unknown());
  std::vector<std::vector<std::string>> program_missing(d.programs.size());
  // Per program: the unverified parameters any of its entries read (for eligible(p) later).
  std::vector<uint64_t> program_unverified(d.programs.size(), 0);

  EvalContext ctx;
  ctx.household = hh.data();
  ctx.members = members.data();
  ctx.member_count = member_count;
  ctx.person_stride = stride;
  ctx.counted_slot = d.counted_slot;
  ctx.params = param_values;
  ctx.programs = program_values.data();
  ctx.receiving = receiving;
  auto member_ctx = [&](int m) {
    EvalContext c = ctx;
    c.person = members.data() + static_cast<size_t>(m) * static_cast<size_t>(stride);
    c.person_index = m;
    return c;
  };

  // 2. Who is counted (Art. 7); 3. derived values, household first, then per person.
  for (int m = 0; m < member_count; ++m) {
    const EvalContext c = member_ctx(m);
    members[static_cast<size_t>(m) * static_cast<size_t>(stride) + static_cast<size_t>(d.counted_slot)] =
        evaluate(nodes, d.member_counted.root, c);
  }
  for (const Derived& def : d.household_derived) hh[static_cast<size_t>(def.slot)] = evaluate(nodes, def.expr.root, ctx);
  for (int m = 0; m < member_count; ++m) {
    const EvalContext c = member_ctx(m);
    for (const Derived& def : d.person_derived) {
      members[static_cast<size_t>(m) * static_cast<size_t>(stride) + static_cast<size_t>(def.slot)] =
          evaluate(nodes, def.expr.root, c);
    }
  }
  result.per_capita_monthly_income = hh[static_cast<size_t>(d.per_capita_slot)];

  // 4. Programs.
  std::optional<UnverifiedParams> walker;
  if (unverified) walker.emplace(d, ctx, unverified, program_unverified);
  result.reasons.reserve(64);
  result.programs.reserve(d.programs.size() + 2);
  auto run_rules = [&](const Program& p, const EvalContext& c, int member) {
    RuleSetOutcome out;
    out.begin = static_cast<uint32_t>(result.reasons.size());
    bool any_failed = false, any_unknown = false;
    for (const Rule& rule : p.rules) {
      Value applies = Value::of(1);
      if (rule.applies.valid()) {
        applies = evaluate(nodes, rule.applies.root, c);
        if (applies.known && applies.v == 0) continue;  // e.g. "within 3 months" with no emergency
      }
      const Value t = evaluate(nodes, rule.test.root, c);
      const Outcome o = !t.known ? Outcome::unknown : (t.v != 0 ? Outcome::passed : Outcome::failed);
      result.reasons.push_back(Reason{&rule, o, static_cast<int16_t>(member)});
      if (o == Outcome::failed) any_failed = true;
      if (o == Outcome::unknown) {
        any_unknown = true;
        MissingCollector collector(d, ctx, program_missing, out.missing);
        // Whether the rule applies at all is the first thing to find out.
        collector.explain_in(applies.known ? rule.test.root : rule.applies.root, c);
      }
    }
    out.end = static_cast<uint32_t>(result.reasons.size());
    out.verdict = any_failed ? Verdict::not_eligible : any_unknown ? Verdict::needs_review : Verdict::likely_eligible;
    if (out.verdict == Verdict::not_eligible) out.missing.clear();  // nothing missing changes a failed rule
    if (out.verdict != Verdict::not_eligible) {
      for (size_t i = 0; i < p.flags.size() && i < 64; ++i) {
        const Value f = evaluate(nodes, p.flags[i].when.root, c);
        if (f.known && f.v != 0) out.flags |= uint64_t{1} << i;
      }
    }
    // Which unverified numbers the verdict rests on; only when some number is unverified, so
    // verified parameters cost nothing here. likely_eligible and needs_review rest on every
    // rule. not_eligible rests on its failed rules, any one of which is enough: when one of
    // them reads no unverified number the refusal holds whatever those numbers are, and no
    // note is due ("no housing hardship" needs no caveat about the 低保 standard).
    if (walker) {
      uint64_t all = 0, failed = 0;
      bool every_failure_unverified = true;
      for (uint32_t i = out.begin; i < out.end; ++i) {
        const Reason& reason = result.reasons[i];
        const Rule& rule = *reason.rule;
        uint64_t read = walker->walk(rule.applies.root, c) | walker->walk(rule.test.root, c);
        // A number the reason's sentence shows counts too (the 急难 amount is in no test).
        const TextTemplate& shown = reason.outcome == Outcome::passed   ? rule.pass
                                    : reason.outcome == Outcome::failed ? rule.fail
                                                                        : rule.unknown;
        shown.for_each_value([&](int v) { read |= walker->walk(rule.values[static_cast<size_t>(v)].root, c); });
        all |= read;
        if (reason.outcome == Outcome::failed) {
          failed |= read;
          if (!read) every_failure_unverified = false;
        }
      }
      out.unverified = out.verdict != Verdict::not_eligible ? all : every_failure_unverified ? failed : 0;
      program_unverified[static_cast<size_t>(p.index)] |= out.unverified;
    }
    return out;
  };

  for (const Program& p : d.programs) {
    const auto pi = static_cast<size_t>(p.index);
    if (!p.per_person) {
      RuleSetOutcome o = run_rules(p, ctx, -1);
      program_values[pi] = o.verdict == Verdict::likely_eligible ? Value::of(1)
                           : o.verdict == Verdict::not_eligible ? Value::of(0)
                                                                : Value::unknown();
      program_missing[pi] = o.missing;
      result.programs.push_back(ProgramOutcome{&p, o.verdict, -1, "household", o.begin, o.end, std::move(o.missing), o.flags,
                                               o.unverified});
      continue;
    }
    const uint32_t first = static_cast<uint32_t>(result.reasons.size());
    bool any_likely = false, any_review = false;
    const size_t entries_before = result.programs.size();
    for (int m = 0; m < member_count; ++m) {
      RuleSetOutcome o = run_rules(p, member_ctx(m), m);
      if (o.verdict == Verdict::not_eligible) continue;
      if (o.verdict == Verdict::likely_eligible) any_likely = true;
      if (o.verdict == Verdict::needs_review) {
        any_review = true;
        for (const std::string& miss : o.missing) {
          if (std::find(program_missing[pi].begin(), program_missing[pi].end(), miss) == program_missing[pi].end()) {
            program_missing[pi].push_back(miss);
          }
        }
      }
      result.programs.push_back(ProgramOutcome{&p, o.verdict, m, household.members[static_cast<size_t>(m)].id_number,
                                               o.begin, o.end, std::move(o.missing), o.flags, o.unverified});
    }
    if (result.programs.size() == entries_before) {
      // The combined entry lists every member's reasons, so it names every number they read.
      result.programs.push_back(ProgramOutcome{&p, Verdict::not_eligible, -1, "household", first,
                                               static_cast<uint32_t>(result.reasons.size()), {}, 0,
                                               program_unverified[pi]});
    }
    program_values[pi] = any_likely ? Value::of(1) : any_review ? Value::unknown() : Value::of(0);
    if (any_likely) program_missing[pi].clear();
  }
  // Keep the snapshot: trace sentences are rendered from it on demand.
  result.household_slots = std::move(hh);
  result.member_slots = std::move(members);
  result.program_values = std::move(program_values);
  result.params.assign(param_values, param_values + d.env.param_count());
  result.person_stride = stride;
  result.receiving = receiving;
  return result;
}

}  // namespace jiuzhu::policy
