// The result of a pre-screen and its trace (contracts/eligibility.md "Result").
//
// For speed the engine records each evaluated rule only as (rule, outcome, member) and keeps
// the fact snapshot it evaluated (the slot arrays); the plain-Chinese sentence and the numbers
// in it are computed from that snapshot only when asked (reason_text, to_json), so screening
// 100,000 households does not format millions of sentences nobody reads. The numbers are the
// ones the rule compared: same snapshot, same expressions. A result shares ownership of the
// catalog it came from, so it stays valid on its own.
//
// Person-level reasons (特困, 单独施保) are prefixed with whom they are about ("配偶：…"):
// the relation, never a name.
//
// Thread-safety: immutable once returned by the engine; reading from many threads is safe.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/model/household.h"
#include "core/policy/catalog.h"

namespace jiuzhu::policy {

enum class Verdict : uint8_t { likely_eligible, needs_review, not_eligible };
const char* to_string(Verdict);

enum class Outcome : int8_t { failed = 0, passed = 1, unknown = -1 };

struct Reason {
  const Rule* rule = nullptr;
  Outcome outcome = Outcome::unknown;
  int16_t member = -1;         // the member a person-level rule was evaluated for
};

struct ProgramOutcome {
  const Program* program = nullptr;
  Verdict verdict = Verdict::not_eligible;
  int member = -1;                    // person-level entry: the member; -1: the household
  std::string who;                    // "household" or the member's ID number
  uint32_t reasons_begin = 0, reasons_end = 0;
  std::vector<std::string> missing;   // JSON paths of the facts that would decide it
  uint64_t flags = 0;                 // bit i: program->flags[i] applies (e.g. 先行救助)
  // Bit k: this verdict rests on county parameter slot k (catalog order) and its source is not
  // marked verified (county_params.h; what "rests on" means: engine.h step 5) — the verdict
  // stands, but on a number nobody has checked yet. A mask, so screening allocates nothing.
  uint64_t unverified_params = 0;
};

class EligibilityResult {
 public:
  Date as_of;
  Value per_capita_monthly_income;        // unknown when a fact it needs is missing
  std::vector<ProgramOutcome> programs;   // catalog order; person-level programs may repeat
  std::vector<Reason> reasons;
  std::vector<model::Relation> member_relations;  // for "配偶：" prefixes
  std::shared_ptr<const CatalogData> catalog;

  // The snapshot the rules were evaluated on (engine.cpp lays it out; see expression.h).
  std::vector<Value> household_slots;
  std::vector<Value> member_slots;    // member_count × person_stride
  std::vector<Value> program_values;  // per program: 1, 0 or unknown
  std::vector<double> params;
  int person_stride = 0;
  uint64_t receiving = 0;

  // The outcomes of one program id (one, or one per qualifying person).
  std::vector<const ProgramOutcome*> find(std::string_view program_id) const;
  // The sentence for one reason, with the numbers compared.
  std::string reason_text(const Reason& r, bool with_person) const;
  // The program's next step: a flag's when one applies, else by verdict.
  const std::string& next_steps(const ProgramOutcome& p) const;
  // "配偶", "子女（第2位）".
  std::string member_label(int member) const;

  // The plain-Chinese note for an entry resting on unverified numbers ("" when none).
  std::string unverified_note(const ProgramOutcome& p) const;

  // The contract JSON: as_of, per_capita_monthly_income, programs[] with program, verdict, who,
  // reasons[{rule, passed, text}], missing, next_steps, time_limit_working_days — plus "flags"
  // (e.g. ["assist_first"]) on an entry when one applies, and "unverified_params" (parameter
  // names) with "unverified_note" on an entry resting on a number not yet verified.
  nlohmann::json to_json() const;
  // The same in the contract's field order (as_of, per_capita…, programs; program, verdict, …).
  nlohmann::ordered_json to_ordered_json() const;
};

}  // namespace jiuzhu::policy
