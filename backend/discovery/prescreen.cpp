#include "backend/discovery/prescreen.h"

#include <algorithm>
#include <cmath>

#include "core/policy/engine.h"

namespace jiuzhu::discovery {

struct Prescreen::Impl {
  policy::Catalog catalog;
  policy::CountyParams params;
};

Prescreen::Prescreen() = default;
Prescreen::~Prescreen() = default;

Result<std::shared_ptr<const Prescreen>> Prescreen::for_county(const std::string& county,
                                                                std::shared_ptr<const policy::CountyParams> given) {
  auto catalog = policy::Catalog::load_builtin();
  if (!catalog.ok()) return catalog.error();
  auto params = given ? Result<policy::CountyParams>(*given) : policy::CountyParams::load_county(*catalog, county);
  if (!params.ok()) return params.error();
  std::shared_ptr<Prescreen> p(new Prescreen());
  p->impl_ = std::make_unique<Impl>(Impl{std::move(catalog).value(), std::move(params).value()});
  return std::shared_ptr<const Prescreen>(std::move(p));
}

namespace {

model::Relation relation_of(int32_t index) {
  // population.csv relation values in schema order (feed_schema.cpp).
  using R = model::Relation;
  static constexpr R kMap[] = {R::self,       R::self,    R::spouse,  R::child, R::parent,
                               R::grandparent, R::grandchild, R::sibling, R::other, R::other};
  return index >= 0 && static_cast<size_t>(index) < std::size(kMap) ? kMap[index] : R::other;
}

// hukou_type: rural, urban; an unlisted value is read as urban (the stricter standard is rural's
// lower one, so urban never hides a rural household's eligibility by a lower line).
model::Hukou hukou_of(int32_t index) { return index == 0 ? model::Hukou::rural : model::Hukou::urban; }

// emergency.csv `event` is free text: the listed values map one to one; a natural hazard named
// otherwise (flood, landslide, 洪涝 …) is a disaster; anything else is `other`.
model::EmergencyKind emergency_kind(const Column& event, size_t row) {
  using K = model::EmergencyKind;
  static constexpr K kKinds[] = {K::disaster, K::fire, K::accident, K::sudden_illness, K::other};
  const int32_t v = event.ints[row];
  if (v >= 0 && v < 5) return kKinds[v];
  const std::string_view text = enum_text(event, row);
  for (std::string_view hazard : {"flood", "landslide", "mudslide", "earthquake", "drought", "typhoon", "storm", "hail",
                                  "snow", "洪", "涝", "滑坡", "泥石流", "地震", "旱", "台风", "暴雨", "冰雹", "雪"}) {
    if (text.find(hazard) != std::string_view::npos) return K::disaster;
  }
  return K::other;
}

bool in_last_months(int32_t date, const Dataset& d, int months) {
  return date > date_int(d.as_of.plus_months(-months)) && date <= d.as_of_int;
}

}  // namespace

model::Household Prescreen::household(const Dataset& d, size_t h, const std::vector<std::string>& receiving) const {
  model::Household out;
  const FeedTable& pop_t = d.table(Feed::population);
  const auto members = d.living.of(h);
  auto rows = [&](Feed f, int32_t p) { return d.rows_of_person[static_cast<size_t>(f)].of(static_cast<size_t>(p)); };
  double medical = 0;
  bool housing_hardship = false;
  std::optional<model::Emergency> emergency;
  for (int32_t p : members) {
    const size_t pp = static_cast<size_t>(p);
    model::Member m;
    m.id_number = id_string(pop_t.ids[pp]);
    m.name = std::string(pop_t.cols[pop::name].text(pp));
    m.relation = relation_of(pop_t.cols[pop::relation].ints[pp]);
    if (m.relation == model::Relation::self && !out.hukou) {
      out.hukou = hukou_of(pop_t.cols[pop::hukou_type].ints[pp]);
    }
    if (d.present(Feed::income)) {
      const FeedTable& t = d.table(Feed::income);
      int32_t year = 0;
      double amount = 0;
      for (int32_t r : rows(Feed::income, p)) {
        const size_t rr = static_cast<size_t>(r);
        if (t.cols[1].ints[rr] > year) year = t.cols[1].ints[rr], amount = 0;
        if (t.cols[1].ints[rr] == year) amount += t.cols[2].numbers[rr];
      }
      if (year > 0) m.monthly_income = amount / 12.0;
    }
    if (d.present(Feed::hr)) {
      const FeedTable& t = d.table(Feed::hr);
      double pension = 0;
      for (int32_t r : rows(Feed::hr, p)) {
        const double monthly = t.cols[3].numbers[static_cast<size_t>(r)];  // NaN: amount unknown
        if (t.cols[1].ints[static_cast<size_t>(r)] == 2 && std::isfinite(monthly)) pension += monthly;
      }
      m.pension_monthly = pension;
      if (d.unemployed[pp]) m.employment = model::Employment::unemployed;
      else if (d.employed[pp]) m.employment = model::Employment::employed;
      else if (d.has_pension[pp]) m.employment = model::Employment::retired;
    }
    if (d.present(Feed::disability)) {
      const FeedTable& t = d.table(Feed::disability);
      std::optional<model::Disability> worst;
      for (int32_t r : rows(Feed::disability, p)) {
        const size_t rr = static_cast<size_t>(r);
        const int grade = t.cols[2].ints[rr];
        if (grade == kNoInt) continue;
        // disability.kind is descriptive: a value outside eligibility.md's list counts as physical.
        const int32_t kind = t.cols[1].ints[rr];
        if (!worst || grade < worst->grade) {
          worst = model::Disability{kind >= 0 && kind <= 6 ? static_cast<model::DisabilityKind>(kind)
                                                           : model::DisabilityKind::physical,
                                    grade};
        }
      }
      m.disability = worst;
    }
    if (d.present(Feed::health)) {
      const FeedTable& t = d.table(Feed::health);
      bool serious = false;
      for (int32_t r : rows(Feed::health, p)) {
        const size_t rr = static_cast<size_t>(r);
        serious |= t.cols[3].ints[rr] == 1 && in_last_months(t.cols[2].ints[rr], d, 12);
      }
      m.serious_illness = serious;
    }
    if (d.present(Feed::education)) {
      const FeedTable& t = d.table(Feed::education);
      std::optional<model::Student> student;
      for (int32_t r : rows(Feed::education, p)) {
        const size_t rr = static_cast<size_t>(r);
        const int32_t level = t.cols[2].ints[rr];  // descriptive: an unlisted level counts as primary
        if (t.cols[3].ints[rr] == 0) {
          student = model::Student{level >= 0 && level <= 6 ? static_cast<model::StudentLevel>(level)
                                                            : model::StudentLevel::primary};
        }
      }
      m.student = student;
    }
    if (d.present(Feed::medical_insurance)) {
      const FeedTable& t = d.table(Feed::medical_insurance);
      for (int32_t r : rows(Feed::medical_insurance, p)) {
        const size_t rr = static_cast<size_t>(r);
        if (in_last_months(t.cols[1].ints[rr], d, 12) && std::isfinite(t.cols[3].numbers[rr])) {
          medical += t.cols[3].numbers[rr];
        }
      }
    }
    if (d.present(Feed::housing)) {
      const FeedTable& t = d.table(Feed::housing);
      for (int32_t r : rows(Feed::housing, p)) {
        const int32_t status = t.cols[1].ints[static_cast<size_t>(r)];
        housing_hardship |= status == 1 || status == 2;  // dilapidated, hardship_registered
      }
    }
    if (d.present(Feed::emergency)) {
      const FeedTable& t = d.table(Feed::emergency);
      for (int32_t r : rows(Feed::emergency, p)) {
        const size_t rr = static_cast<size_t>(r);
        const int32_t when = t.cols[2].ints[rr];
        if (!in_last_months(when, d, 3) || (emergency && date_int(emergency->date) >= when)) continue;
        const double loss = t.cols[3].numbers[rr];
        emergency = model::Emergency{emergency_kind(t.cols[1], rr), date_from_int(when), std::isfinite(loss) ? loss : 0};
      }
    }
    out.members.push_back(std::move(m));
  }
  if (!out.hukou && !members.empty()) {
    out.hukou = hukou_of(pop_t.cols[pop::hukou_type].ints[static_cast<size_t>(members[0])]);
  }
  if (d.present(Feed::medical_insurance)) out.rigid_expenses_12m.medical_out_of_pocket = medical;
  if (d.present(Feed::housing)) out.housing_hardship = housing_hardship;
  if (d.present(Feed::emergency)) out.emergency = emergency;
  out.receiving = receiving;
  return out;
}

std::vector<ProgramVerdict> Prescreen::screen(const Dataset& d, size_t h, const std::vector<std::string>& receiving,
                                              const std::vector<std::string>& programs) const {
  const model::Household hh = household(d, h, receiving);
  const policy::EligibilityResult r = policy::evaluate(impl_->catalog, impl_->params, hh, d.as_of);
  std::vector<ProgramVerdict> out;
  for (const auto& prog : programs) {
    int best = -1;  // 0 likely, 1 review, 2 not
    for (const policy::ProgramOutcome* o : r.find(prog)) {
      const int v = static_cast<int>(o->verdict);
      best = best < 0 ? v : std::min(best, v);
    }
    if (best < 0) continue;  // not in the catalog: leave the rule's suggestion alone
    out.push_back({prog, policy::to_string(static_cast<policy::Verdict>(best))});
  }
  return out;
}

}  // namespace jiuzhu::discovery
