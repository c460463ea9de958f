#include "core/policy/trace.h"

#include <cmath>

namespace jiuzhu::policy {

const char* to_string(Verdict v) {
  switch (v) {
    case Verdict::likely_eligible: return "likely_eligible";
    case Verdict::needs_review: return "needs_review";
    case Verdict::not_eligible: return "not_eligible";
  }
  return "needs_review";
}

std::vector<const ProgramOutcome*> EligibilityResult::find(std::string_view program_id) const {
  std::vector<const ProgramOutcome*> out;
  for (const ProgramOutcome& p : programs) {
    if (p.program->id == program_id) out.push_back(&p);
  }
  return out;
}

std::string EligibilityResult::member_label(int member) const {
  if (member < 0 || static_cast<size_t>(member) >= member_relations.size()) return "家庭";
  const model::Relation rel = member_relations[static_cast<size_t>(member)];
  int same = 0, nth = 0;
  for (size_t i = 0; i < member_relations.size(); ++i) {
    if (member_relations[i] != rel) continue;
    ++same;
    if (static_cast<int>(i) <= member) nth = same;
  }
  std::string label(enum_label_zh(EnumType::relation, static_cast<int>(rel)));
  if (same > 1) label += "（第" + std::to_string(nth) + "位）";
  return label;
}

std::string EligibilityResult::reason_text(const Reason& r, bool with_person) const {
  // Recompute the sentence's numbers from the snapshot, exactly as the engine saw them.
  EvalContext ctx;
  ctx.household = household_slots.data();
  ctx.members = member_slots.data();
  ctx.member_count = static_cast<int>(member_relations.size());
  ctx.person_stride = person_stride;
  ctx.counted_slot = catalog->counted_slot;
  ctx.params = params.data();
  ctx.programs = program_values.data();
  ctx.receiving = receiving;
  if (r.member >= 0) {
    ctx.person = member_slots.data() + static_cast<size_t>(r.member) * static_cast<size_t>(person_stride);
    ctx.person_index = r.member;
  }
  std::vector<Value> values;
  values.reserve(r.rule->values.size());
  for (const Expr& e : r.rule->values) values.push_back(evaluate(catalog->pool.nodes(), e.root, ctx));
  const Value* v = values.data();
  std::string text;
  if (with_person && r.member >= 0) text = member_label(r.member) + "：";
  switch (r.outcome) {
    case Outcome::passed: text += r.rule->pass.render(v, r.rule->values); break;
    case Outcome::failed: text += r.rule->fail.render(v, r.rule->values); break;
    case Outcome::unknown:
      if (!r.rule->unknown.empty()) text += r.rule->unknown.render(v, r.rule->values);
      else text += "这一条还不能判断：缺少需要的信息，请到窗口由工作人员核实。";
      break;
  }
  return text;
}

const std::string& EligibilityResult::next_steps(const ProgramOutcome& p) const {
  for (size_t i = 0; i < p.program->flags.size(); ++i) {
    if ((p.flags >> i) & 1U) return p.program->flags[i].next_steps;
  }
  switch (p.verdict) {
    case Verdict::likely_eligible: return p.program->next_likely_eligible;
    case Verdict::needs_review: return p.program->next_needs_review;
    case Verdict::not_eligible: break;
  }
  return p.program->next_not_eligible;
}

std::string EligibilityResult::unverified_note(const ProgramOutcome& p) const {
  if (!p.unverified_params) return {};
  std::string text = "这个结果用到的本地数字还没有对照公开文件核实：";
  bool first = true;
  for (size_t k = 0; k < catalog->parameter_labels.size() && k < 64; ++k) {
    if (!((p.unverified_params >> k) & 1U)) continue;
    const auto& [name, label] = catalog->parameter_labels[k];
    if (!first) text += "、";
    text += label.empty() ? name : label;
    first = false;
  }
  text += "。以县（市）民政部门现行文件为准。";
  return text;
}

namespace {

// Built once for both object kinds: ordered (contract field order, for people reading the
// CLI output) and the default sorted one (for embedding in other JSON).
template <typename json>
json build_json(const EligibilityResult& r) {
  json programs_json = json::array();
  for (const ProgramOutcome& p : r.programs) {
    json reasons_json = json::array();
    for (uint32_t i = p.reasons_begin; i < p.reasons_end; ++i) {
      const Reason& reason = r.reasons[i];
      // An entry about one person does not need "本人：" before each line; a combined
      // not_eligible entry lists every member, so it says whom each line is about.
      reasons_json.push_back({{"rule", reason.rule->id},
                              {"passed", reason.outcome == Outcome::passed},
                              {"text", r.reason_text(reason, p.member < 0)}});
    }
    json entry = {{"program", p.program->id},
                  {"verdict", to_string(p.verdict)},
                  {"who", p.who},
                  {"reasons", std::move(reasons_json)},
                  {"missing", p.missing},
                  {"next_steps", r.next_steps(p)},
                  {"time_limit_working_days", p.program->time_limit_working_days
                                                  ? json(*p.program->time_limit_working_days)
                                                  : json(nullptr)}};
    if (p.flags) {
      json flags = json::array();
      for (size_t i = 0; i < p.program->flags.size(); ++i) {
        if ((p.flags >> i) & 1U) flags.push_back(p.program->flags[i].id);
      }
      entry["flags"] = std::move(flags);
    }
    if (p.unverified_params) {
      json names = json::array();
      for (size_t k = 0; k < r.catalog->env.param_names().size() && k < 64; ++k) {
        if ((p.unverified_params >> k) & 1U) names.push_back(r.catalog->env.param_names()[k]);
      }
      entry["unverified_params"] = std::move(names);
      entry["unverified_note"] = r.unverified_note(p);
    }
    programs_json.push_back(std::move(entry));
  }
  json per_capita = r.per_capita_monthly_income.known
                        ? json(std::round(r.per_capita_monthly_income.v * 100.0) / 100.0)
                        : json(nullptr);
  return json{{"as_of", r.as_of.iso()}, {"per_capita_monthly_income", per_capita}, {"programs", std::move(programs_json)}};
}

}  // namespace

nlohmann::json EligibilityResult::to_json() const { return build_json<nlohmann::json>(*this); }
nlohmann::ordered_json EligibilityResult::to_ordered_json() const { return build_json<nlohmann::ordered_json>(*this); }

}  // namespace jiuzhu::policy
