#include "core/policy/engine.h"

#include <algorithm>

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

struct RuleSetOutcome {
  Verdict verdict = Verdict::likely_eligible;
  uint32_t begin = 0, end = 0;
  std::vector<std::string> missing;
  uint64_t flags = 0;
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
      result.programs.push_back(ProgramOutcome{&p, o.verdict, -1, "household", o.begin, o.end, std::move(o.missing), o.flags});
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
                                               o.begin, o.end, std::move(o.missing), o.flags});
    }
    if (result.programs.size() == entries_before) {
      result.programs.push_back(ProgramOutcome{&p, Verdict::not_eligible, -1, "household", first,
                                               static_cast<uint32_t>(result.reasons.size()), {}, 0});
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
