#include "core/intake/answers.h"

#include <algorithm>

namespace jiuzhu::intake {

model::Household household_from_answers(const SelfCheckAnswers& a, const std::string& applicant_id, Date today) {
  model::Household h;
  if (a.rural) h.hukou = *a.rural ? model::Hukou::rural : model::Hukou::urban;
  const int n = std::max(1, a.household_size.value_or(1));
  for (int i = 0; i < n; ++i) {
    model::Member m;
    m.relation = i == 0 ? model::Relation::self : model::Relation::other;
    if (i == 0) m.id_number = applicant_id;
    m.lives_together = true;
    m.in_prison = false;
    // The question counts pensions in the total, so pension_monthly is known to be 0.
    if (a.household_income) {
      m.monthly_income = i == 0 ? *a.household_income : 0.0;
      m.pension_monthly = 0.0;
    }
    if (i == 0 && a.disability_severe) {
      // "重度残疾或重病": a yes does not say which or what grade, so only the illness is
      // recorded and the disability stays unknown for staff to check; a no rules out both.
      if (*a.disability_severe) {
        m.serious_illness = true;
      } else {
        m.disability = std::optional<model::Disability>();
        m.serious_illness = false;
      }
    }
    h.members.push_back(std::move(m));
  }
  if (a.deposits) h.assets.deposits = *a.deposits;
  if (a.has_vehicle) h.assets.vehicles = *a.has_vehicle ? 1 : 0;
  if (a.extra_housing) h.assets.extra_housing = *a.extra_housing ? 1 : 0;
  if (a.emergency) {
    if (*a.emergency)
      h.emergency = std::optional<model::Emergency>(model::Emergency{model::EmergencyKind::other, today, std::nullopt});
    else
      h.emergency = std::optional<model::Emergency>();
  }
  if (a.has_supporter) h.has_able_supporter = *a.has_supporter;
  return h;
}

void fill_from_answers(model::Household& h, const SelfCheckAnswers& a, Date today) {
  const model::Household from = household_from_answers(a, "", today);
  if (!h.hukou) h.hukou = from.hukou;
  if (!h.assets.deposits) h.assets.deposits = from.assets.deposits;
  if (!h.assets.vehicles) h.assets.vehicles = from.assets.vehicles;
  if (!h.assets.extra_housing) h.assets.extra_housing = from.assets.extra_housing;
  if (!h.emergency) h.emergency = from.emergency;
  if (!h.has_able_supporter) h.has_able_supporter = from.has_able_supporter;
  if (h.members.empty()) return;
  const model::Member& self = from.members.front();
  model::Member& applicant = h.members.front();
  if (!applicant.serious_illness) applicant.serious_illness = self.serious_illness;
  if (!applicant.disability) applicant.disability = self.disability;
  const bool any_income = std::any_of(h.members.begin(), h.members.end(),
                                      [](const model::Member& m) { return m.monthly_income.has_value(); });
  if (!any_income && a.household_income) {
    for (size_t i = 0; i < h.members.size(); ++i) {
      h.members[i].monthly_income = i == 0 ? *a.household_income : 0.0;
      if (!h.members[i].pension_monthly) h.members[i].pension_monthly = 0.0;
    }
  }
}

}  // namespace jiuzhu::intake
