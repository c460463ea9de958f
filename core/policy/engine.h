// The eligibility pre-screen: one pure function from (catalog, county parameters, household,
// date) to a result with its trace. It is a pre-screen, not a decision: the township and county
// still investigate. The kiosk's self-check, POST /api/v1/eligibility and
// `jiuzhu-server eligibility` all call this one function.
//
// Usage:
//   auto catalog = jiuzhu::policy::Catalog::load_builtin();            // once, at start
//   auto params = jiuzhu::policy::CountyParams::load_county(*catalog, "450326");
//   auto household = jiuzhu::model::decode_household(json, as_of);     // strict decoder
//   jiuzhu::policy::EligibilityResult r =
//       jiuzhu::policy::evaluate(*catalog, *params, *household, as_of);
//   std::string body = r.to_json().dump();                              // contract JSON
//   for (const auto& p : r.programs) { r.reason_text(r.reasons[p.reasons_begin], false); ... }
//
// What it does, in order (every step is data in the catalog except the order itself):
//   1. copies the household into fact slots (ages from the ID numbers at `as_of`);
//   2. decides per member whether they are counted (Art. 7: `member_counted`);
//   3. computes the catalog's derived household values (per-capita income, limits, ...), then
//      the per-person derived values;
//   4. evaluates each program in catalog order: every rule, with three-valued logic. Any rule
//      failed → not_eligible; else any rule unknown → needs_review with the deciding missing
//      facts (JSON paths) in `missing`; else likely_eligible. Person-level programs run once
//      per member and give one entry per member who is likely eligible or needs review, or one
//      household entry with not_eligible listing every member's reasons. Later programs see
//      earlier verdicts through eligible(program);
//   5. when a county number's source is not verified (county_params.h), notes on each entry
//      the unverified parameters its verdict rests on (ProgramOutcome::unverified_params):
//      likely_eligible and needs_review rest on every rule's numbers; not_eligible on its
//      failed rules' numbers, and on none when one failed rule reads no unverified number.
//      Within a rule: the branch of if() taken, the operands that make an or true (an and
//      false), derived values, eligible(p) and the numbers the reason's sentence shows. The
//      verdict itself does not change.
// Nothing is defaulted: an unknown fact stays unknown and shows in `missing`.
//
// Thread-safety: pure; any number of threads may evaluate with the same catalog and params.
#pragma once

#include "core/date.h"
#include "core/model/household.h"
#include "core/policy/catalog.h"
#include "core/policy/county_params.h"
#include "core/policy/trace.h"

namespace jiuzhu::policy {

// `params` should be loaded against `catalog` (CountyParams::from_json(catalog, ...)); params
// loaded against another load of the catalog are matched by parameter name.
EligibilityResult evaluate(const Catalog& catalog, const CountyParams& params, const model::Household& household,
                           Date as_of);

}  // namespace jiuzhu::policy
