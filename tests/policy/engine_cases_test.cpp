// Table-driven eligibility cases: each row is a household with the expected verdict of every
// program, written as the non-"not_eligible" entries in catalog order:
//   "dibao=L tekun=L0 temporary_emergency=L[assist_first]"
// L likely_eligible, R needs_review; a digit is the member of a person-level entry; a program
// not named must come out not_eligible (person-level: exactly one household entry).
// Parameters are the contract's example: rural 560, urban 830 (1.5× = 840 / 1245), disposable
// income 17000 / 38000, deposits ≤ 24 × standard × members, no vehicle, no extra housing,
// rigid-expense share 0.5. All ages are at 2026-11-24.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "core/policy/engine.h"
#include "tests/policy/household_builder.h"

namespace {

using namespace policy_test;
using jiuzhu::policy::EligibilityResult;
using jiuzhu::policy::Verdict;

struct Case {
  std::string name;
  H household;
  std::string expect;
  std::map<std::string, std::vector<std::string>> missing = {};
};

// gtest prints parameters in test listings; the name is what a reader needs.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::string summary(const EligibilityResult& r) {
  std::string out;
  for (const auto& p : r.programs) {
    if (p.verdict == Verdict::not_eligible && p.member < 0) continue;
    if (!out.empty()) out += ' ';
    out += p.program->id + "=" + (p.verdict == Verdict::likely_eligible ? "L" : p.verdict == Verdict::needs_review ? "R" : "N");
    if (p.member >= 0) out += std::to_string(p.member);
    if (p.flags) {
      out += "[";
      for (size_t i = 0; i < p.program->flags.size(); ++i) {
        if ((p.flags >> i) & 1U) out += p.program->flags[i].id;
      }
      out += "]";
    }
  }
  return out;
}

H single(M m) {
  H h;
  h.members = {std::move(m)};
  return h;
}

M poor_adult() {  // 40, no income, no work
  M m;
  m.income = 0;
  m.employment = "none";
  return m;
}

H with_disability(const std::string& kind, int grade) {
  M m = poor_adult();
  m.disability = disabled(kind, grade);
  return single(m);
}

// Two adults, the second (spouse) with a condition; the household has an able supporter so
// only 单独施保 (not 特困) can pick the spouse.
H separate_case(double self_income, Json disability, bool ill = false) {
  H h;
  M self;
  self.income = self_income;
  M spouse;
  spouse.birth = "19880101";
  spouse.relation = "spouse";
  spouse.income = 0;
  spouse.employment = "none";
  spouse.disability = std::move(disability);
  spouse.serious_illness = ill;
  spouse.seq = 224;
  h.members = {self, spouse};
  h.has_able_supporter = true;
  return h;
}

H emergency_case(int days) {
  M m;
  m.income = 2000;
  H h = single(m);
  h.emergency = Json{{"kind", "accident"}, {"date", days_ago(days)}, {"loss", 12000}};
  return h;
}

H single_income(double income, const char* hukou = "rural") {
  M m;
  m.income = income;
  H h = single(m);
  h.hukou = hukou;
  return h;
}

std::vector<Case> cases() {
  std::vector<Case> c;
  // --- income against the standard and 1.5× ---
  c.push_back({"baseline_not_poor", single_income(2000), ""});
  c.push_back({"income_exactly_at_standard", single_income(560), "dibao_edge=L"});
  c.push_back({"income_just_below_standard", single_income(559.99), "dibao=L"});
  c.push_back({"income_exactly_1_5x_standard", single_income(840), ""});
  c.push_back({"income_just_below_1_5x_standard", single_income(839.99), "dibao_edge=L"});
  c.push_back({"urban_just_below_urban_standard", single_income(829.99, "urban"), "dibao=L"});
  c.push_back({"urban_exactly_at_urban_standard", single_income(830, "urban"), "dibao_edge=L"});
  c.push_back({"urban_exactly_1_5x_urban_standard", single_income(1245, "urban"), ""});
  {
    H h = single_income(1000);
    M spouse = poor_adult();
    spouse.birth = "19880101";
    spouse.relation = "spouse";
    spouse.seq = 224;
    h.members.push_back(spouse);
    c.push_back({"two_members_share_income", h, "dibao=L"});
    h.members[1].in_prison = true;
    c.push_back({"member_in_prison_not_counted", h, ""});
  }
  {
    M self = poor_adult();
    M son;
    son.birth = "20000101";
    son.relation = "child";
    son.income = 5000;
    son.lives_together = false;
    son.seq = 335;
    H h;
    h.members = {self, son};
    c.push_back({"member_not_living_together_not_counted", h, "dibao=L"});
    h.members[1].lives_together = true;
    c.push_back({"member_living_together_counted", h, ""});
  }
  // --- age boundaries and supporters (特困) ---
  {
    M m = poor_adult();
    m.income = 300;
    m.birth = birth_for_age(60);
    c.push_back({"age_60_today_no_supporter", single(m), "dibao=L tekun=L0"});
    m.birth = birth_for_age(60, 1);
    c.push_back({"age_59_one_day_short", single(m), "dibao=L"});
    m.birth = birth_for_age(70);
    H h = single(m);
    h.has_able_supporter = true;
    c.push_back({"age_70_with_able_supporter", h, "dibao=L"});
    m.income = 0;
    m.pension = 560;
    c.push_back({"age_70_own_income_exactly_standard", single(m), "dibao_edge=L"});
  }
  {
    M parent;
    parent.income = 900;
    M child;
    child.relation = "child";
    child.income = 0;
    child.employment = "none";
    child.student = Json{{"level", "junior"}};
    child.seq = 446;
    child.birth = birth_for_age(16, 1);
    H h;
    h.members = {parent, child};
    c.push_back({"child_age_15_tekun", h, "dibao=L tekun=L1 education=L"});
    h.members[1].birth = birth_for_age(16);
    c.push_back({"child_age_16_not_tekun", h, "dibao=L education=L"});
  }
  // --- every disability kind and the grades that matter (特困 Art. 5) ---
  c.push_back({"physical_grade_1", with_disability("physical", 1), "dibao=L tekun=L0"});
  c.push_back({"physical_grade_2", with_disability("physical", 2), "dibao=L tekun=L0"});
  c.push_back({"physical_grade_3", with_disability("physical", 3), "dibao=L"});
  c.push_back({"visual_grade_1", with_disability("visual", 1), "dibao=L tekun=L0"});
  c.push_back({"visual_grade_2", with_disability("visual", 2), "dibao=L"});
  c.push_back({"intellectual_grade_3", with_disability("intellectual", 3), "dibao=L tekun=L0"});
  c.push_back({"intellectual_grade_4", with_disability("intellectual", 4), "dibao=L"});
  c.push_back({"mental_grade_1", with_disability("mental", 1), "dibao=L tekun=L0"});
  c.push_back({"mental_grade_3", with_disability("mental", 3), "dibao=L tekun=L0"});
  c.push_back({"mental_grade_4", with_disability("mental", 4), "dibao=L"});
  c.push_back({"hearing_grade_1", with_disability("hearing", 1), "dibao=L"});
  c.push_back({"speech_grade_2", with_disability("speech", 2), "dibao=L"});
  c.push_back({"multiple_grade_1", with_disability("multiple", 1), "dibao=L"});
  // --- 单独施保 (Art. 8): household between 1× and 1.5×, a member severely disabled or ill ---
  c.push_back({"separate_physical_grade_1", separate_case(1300, disabled("physical", 1)), "dibao_separate=L1 dibao_edge=L"});
  c.push_back({"separate_hearing_grade_2", separate_case(1300, disabled("hearing", 2)), "dibao_separate=L1 dibao_edge=L"});
  c.push_back({"separate_intellectual_grade_3", separate_case(1300, disabled("intellectual", 3)), "dibao_separate=L1 dibao_edge=L"});
  c.push_back({"separate_mental_grade_4", separate_case(1300, disabled("mental", 4)), "dibao_edge=L"});
  c.push_back({"separate_physical_grade_3", separate_case(1300, disabled("physical", 3)), "dibao_edge=L"});
  c.push_back({"separate_serious_illness", separate_case(1300, nullptr, true), "dibao_separate=L1 dibao_edge=L"});
  c.push_back({"separate_household_exactly_at_standard", separate_case(1120, disabled("physical", 1)), "dibao_separate=L1 dibao_edge=L"});
  c.push_back({"separate_household_exactly_1_5x", separate_case(1680, disabled("physical", 1)), ""});
  c.push_back({"separate_household_below_standard", separate_case(1100, disabled("physical", 1)), "dibao=L"});
  // --- assets ---
  {
    H h = single(poor_adult());
    h.deposits = 13440;  // 24 × 560 × 1
    c.push_back({"deposits_exactly_at_limit", h, "dibao=L"});
    h.deposits = 13440.01;
    c.push_back({"deposits_just_over_limit", h, ""});
    h.deposits = 0;
    h.vehicles = 1;
    c.push_back({"one_vehicle", h, ""});
    h.vehicles = 0;
    h.extra_housing = 1;
    c.push_back({"extra_dwelling", h, ""});
    M second = poor_adult();
    second.relation = "sibling";
    second.birth = "19900202";
    second.seq = 557;
    h.extra_housing = 0;
    h.members.push_back(second);
    h.deposits = 26880;  // 24 × 560 × 2
    c.push_back({"deposit_limit_scales_with_members", h, "dibao=L"});
  }
  // --- emergencies (急难型临时救助, 先行救助 within 7 days) ---
  c.push_back({"emergency_today", emergency_case(0), "temporary_emergency=L[assist_first]"});
  c.push_back({"emergency_7_days_ago", emergency_case(7), "temporary_emergency=L[assist_first]"});
  c.push_back({"emergency_8_days_ago", emergency_case(8), "temporary_emergency=L"});
  c.push_back({"emergency_90_days_ago", emergency_case(90), "temporary_emergency=L"});
  c.push_back({"emergency_91_days_ago", emergency_case(91), ""});
  c.push_back({"emergency_dated_tomorrow", emergency_case(-1), ""});
  // --- rigid expenses and 支出型临时救助 (income 1000/month = 12000/year) ---
  {
    H h = single_income(1000);
    h.medical = 6000.01;
    c.push_back({"rigid_expense_just_over_share", h, "rigid_expense=L medical=L"});
    h.medical = 6000;
    c.push_back({"rigid_expense_exactly_at_share", h, ""});
    h.medical = 12000.01;
    c.push_back({"expenses_just_over_annual_income", h, "rigid_expense=L temporary_expense=L medical=L"});
    h.medical = 0;
    h.education = 12000;
    c.push_back({"expenses_exactly_annual_income", h, "rigid_expense=L"});
  }
  // --- employment (16–59, registered unemployed, 低保 or 边缘) ---
  {
    M m = poor_adult();
    m.employment = "unemployed";
    m.birth = birth_for_age(45);
    c.push_back({"unemployed_45_in_dibao_household", single(m), "dibao=L employment=L"});
    m.birth = birth_for_age(60);
    c.push_back({"unemployed_60", single(m), "dibao=L tekun=L0"});
    m.birth = birth_for_age(60, 1);
    c.push_back({"unemployed_59", single(m), "dibao=L employment=L"});
    m.birth = birth_for_age(16);
    c.push_back({"unemployed_16", single(m), "dibao=L employment=L"});
    m.birth = birth_for_age(16, 1);
    c.push_back({"unemployed_15", single(m), "dibao=L tekun=L0"});
    m.birth = birth_for_age(45);
    H h = single(m);
    M spouse;
    spouse.birth = "19880101";
    spouse.relation = "spouse";
    spouse.income = 3000;
    spouse.seq = 224;
    h.members.push_back(spouse);
    c.push_back({"unemployed_in_household_not_poor", h, ""});
  }
  // --- housing, education, medical (derived programs) ---
  {
    H h = single(poor_adult());
    h.housing_hardship = true;
    c.push_back({"housing_hardship_dibao", h, "dibao=L housing=L"});
    H rich = single_income(2000);
    rich.housing_hardship = true;
    c.push_back({"housing_hardship_not_poor", rich, ""});
    rich.receiving = {"dibao"};
    c.push_back({"housing_hardship_receiving_dibao", rich, "housing=L"});
    H edge = single_income(700);
    edge.housing_hardship = true;
    c.push_back({"housing_hardship_edge_only", edge, "dibao_edge=L"});
  }
  {
    M parent;
    parent.income = 1400;
    M child;
    child.relation = "child";
    child.birth = "20160301";
    child.income = 0;
    child.employment = "none";
    child.student = Json{{"level", "primary"}};
    child.seq = 668;
    H h;
    h.members = {parent, child};
    h.has_able_supporter = true;
    c.push_back({"student_in_edge_household", h, "dibao_edge=L education=L"});
    h.members[0].income = 5000;
    c.push_back({"student_in_household_not_poor", h, ""});
  }
  {
    H h = single(poor_adult());
    h.medical = 500;
    c.push_back({"medical_costs_dibao", h, "dibao=L temporary_expense=L medical=L"});
    H r = single_income(2000);
    r.medical = 100;
    r.receiving = {"rigid_expense"};
    c.push_back({"medical_costs_receiving_rigid_expense", r, "medical=L"});
  }
  {
    M a = poor_adult();
    a.birth = birth_for_age(72);
    a.pension = 300;
    M b = poor_adult();
    b.birth = birth_for_age(70);
    b.relation = "spouse";
    b.pension = 200;
    b.seq = 224;
    H h;
    h.members = {a, b};
    c.push_back({"two_elderly_no_supporter", h, "dibao=L tekun=L0 tekun=L1"});
  }
  // --- missing facts give needs_review with the fact named, never a default ---
  {
    M m;
    m.income = kOmit;
    c.push_back({"missing_income", single(m), "dibao=R dibao_edge=R rigid_expense=R temporary_expense=R",
                 {{"dibao", {"members[0].monthly_income"}}, {"rigid_expense", {"members[0].monthly_income"}}}});
    H h = single_income(300);
    h.hukou = kOmit;
    c.push_back({"missing_hukou", h, "dibao=R dibao_edge=R", {{"dibao", {"hukou"}}}});
  }
  {
    M m = poor_adult();
    m.omit_disability = true;
    c.push_back({"missing_disability_age_40", single(m), "dibao=L tekun=R0", {{"tekun", {"members[0].disability"}}}});
    m.birth = birth_for_age(70);
    c.push_back({"missing_disability_age_70_age_decides", single(m), "dibao=L tekun=L0"});
    H h = single(m);
    h.members[0].omit_disability = false;
    h.has_able_supporter = kOmit;
    c.push_back({"missing_supporter", h, "dibao=L tekun=R0", {{"tekun", {"has_able_supporter"}}}});
  }
  {
    M self = poor_adult();
    M spouse = poor_adult();
    spouse.birth = "19880101";
    spouse.relation = "spouse";
    spouse.income = 3000;
    spouse.lives_together = kOmit;
    spouse.seq = 224;
    H h;
    h.members = {self, spouse};
    c.push_back({"missing_lives_together", h, "dibao=R dibao_edge=R rigid_expense=R temporary_expense=R",
                 {{"dibao", {"members[1].lives_together"}}}});
  }
  {
    H h = single_income(2000);
    h.omit_emergency = true;
    c.push_back({"missing_emergency", h, "temporary_emergency=R", {{"temporary_emergency", {"emergency"}}}});
    M m = poor_adult();
    m.in_prison = true;
    c.push_back({"only_member_in_prison", single(m), "dibao=R dibao_edge=R", {{"dibao", {"members"}}}});
    H d = single(poor_adult());
    d.deposits = kOmit;
    c.push_back({"missing_deposits", d, "dibao=R dibao_edge=R", {{"dibao", {"assets.deposits"}}}});
  }
  return c;
}

class EligibilityCases : public ::testing::TestWithParam<Case> {};

TEST_P(EligibilityCases, VerdictPerProgram) {
  const Case& tc = GetParam();
  const jiuzhu::model::Household household = decode(tc.household);
  ASSERT_FALSE(household.members.empty());
  const EligibilityResult r = jiuzhu::policy::evaluate(shipped_catalog(), example_params(), household, kAsOf);
  EXPECT_EQ(summary(r), tc.expect);

  // Every program appears; person-level not_eligible exactly once as the household.
  std::map<std::string, int> seen;
  for (const auto& p : r.programs) {
    ++seen[p.program->id];
    if (p.member < 0) EXPECT_EQ(p.who, "household");
    else EXPECT_EQ(p.who, household.members[static_cast<size_t>(p.member)].id_number);
    EXPECT_EQ(p.missing.empty(), p.verdict != Verdict::needs_review) << p.program->id;
    EXPECT_EQ(p.reasons_end - p.reasons_begin > 0, true) << p.program->id;
  }
  for (const auto& program : shipped_catalog().programs()) EXPECT_GE(seen[program.id], 1) << program.id;

  for (const auto& [program, expected] : tc.missing) {
    const auto entries = r.find(program);
    ASSERT_FALSE(entries.empty()) << program;
    EXPECT_EQ(entries.front()->missing, expected) << program;
  }
}

INSTANTIATE_TEST_SUITE_P(Table, EligibilityCases, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(EligibilityCasesTable, HasAtLeastFortyCases) { EXPECT_GE(cases().size(), 40u); }

}  // namespace
