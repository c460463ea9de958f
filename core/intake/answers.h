// Answers of the kiosk's questionnaire (看看我能申请什么, and the application that continues
// it) → the model's Household that the eligibility engine evaluates and the application carries.
// Each answer may be 不知道 (unset), which stays "unknown" in the household so the engine asks
// instead of assuming.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "core/model/household.h"

namespace jiuzhu::intake {

struct SelfCheckAnswers {
  std::optional<bool> rural;
  std::optional<int> household_size;
  std::optional<double> household_income;  // yuan/month, all members
  std::optional<double> deposits;
  std::optional<bool> has_vehicle;
  std::optional<bool> extra_housing;
  std::optional<bool> disability_severe;
  std::optional<bool> serious_illness;
  std::optional<bool> emergency;
  std::optional<bool> has_supporter;
};

// The household the answers describe: household_size members (1 when unknown), the first the
// applicant with `applicant_id` (may be empty); the total income is counted on the applicant,
// which gives the same per-capita figure; an emergency answered yes is dated `today`.
model::Household household_from_answers(const SelfCheckAnswers& a, const std::string& applicant_id, Date today);

// The one questionnaire: an application's household (members from cards, answers given in the
// application) completed with the self-check's answers for every fact it leaves unknown —
// hukou, deposits, vehicles, other housing, emergency, an able supporter, the applicant's
// serious illness, and incomes (the household total counted on the applicant, 0 on the
// others, when no member's income was given). What the application says wins.
void fill_from_answers(model::Household& h, const SelfCheckAnswers& a, Date today);

}  // namespace jiuzhu::intake
