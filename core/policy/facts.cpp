#include "core/policy/facts.h"

#include <array>

#include "core/intake/labels.h"

namespace jiuzhu::policy {
namespace {

using namespace std::string_view_literals;
using model::Known;

constexpr std::array kHukou{"urban"sv, "rural"sv};
constexpr std::array kHukouZh{"城镇"sv, "农村"sv};
constexpr std::array kRelation{"self"sv,       "spouse"sv,     "child"sv,   "parent"sv,
                               "grandparent"sv, "grandchild"sv, "sibling"sv, "other"sv};
constexpr std::array kDisability{"none"sv,   "physical"sv,     "visual"sv, "hearing"sv,
                                 "speech"sv, "intellectual"sv, "mental"sv, "multiple"sv};
constexpr std::array kDisabilityZh{"没有残疾"sv, "肢体残疾"sv, "视力残疾"sv, "听力残疾"sv,
                                   "言语残疾"sv, "智力残疾"sv, "精神残疾"sv, "多重残疾"sv};
constexpr std::array kEmployment{"employed"sv, "unemployed"sv, "retired"sv, "none"sv};
constexpr std::array kEmploymentZh{"有工作"sv, "登记失业"sv, "退休"sv, "没有工作"sv};
constexpr std::array kStudent{"none"sv,       "primary"sv, "junior"sv,   "senior"sv,
                              "vocational"sv, "college"sv, "bachelor"sv, "postgraduate"sv};
constexpr std::array kStudentZh{"不在上学"sv, "小学"sv, "初中"sv, "高中"sv,
                                "中职"sv,     "大专"sv, "本科"sv, "研究生"sv};

using VT = ValueType;
using ET = EnumType;

constexpr std::array<FactInfo, 13> kHouseholdFacts{{
    {"hukou", VT::enumeration, ET::hukou, "hukou", "户口类别（城镇或农村）"},
    {"deposits", VT::number, ET::none, "assets.deposits", "家庭存款、理财等金融资产"},
    {"vehicles", VT::number, ET::none, "assets.vehicles", "家庭机动车数量"},
    {"extra_housing", VT::number, ET::none, "assets.extra_housing", "自住房以外的房子数量"},
    {"medical_out_of_pocket", VT::number, ET::none, "rigid_expenses_12m.medical_out_of_pocket",
     "近12个月自己付的医疗费"},
    {"education_expense", VT::number, ET::none, "rigid_expenses_12m.education", "近12个月上学费用"},
    {"rehabilitation_expense", VT::number, ET::none, "rigid_expenses_12m.rehabilitation",
     "近12个月康复费用"},
    {"has_emergency", VT::boolean, ET::none, "emergency", "有没有遇到急难事"},
    {"emergency_days_ago", VT::number, ET::none, "emergency.date", "急难事发生的日期"},
    {"emergency_loss", VT::number, ET::none, "emergency.loss", "急难事造成的损失"},
    {"has_able_supporter", VT::boolean, ET::none, "has_able_supporter",
     "有没有能尽赡养、抚养、扶养义务的人"},
    {"housing_hardship", VT::boolean, ET::none, "housing_hardship", "住房有没有困难"},
    {"member_count", VT::number, ET::none, "members", "登记的家庭成员人数"},
}};

constexpr std::array<FactInfo, 13> kPersonFacts{{
    {"age", VT::number, ET::none, "id_number", "年龄（按身份证号算）"},
    {"relation", VT::enumeration, ET::relation, "relation", "和申请人的关系"},
    {"lives_together", VT::boolean, ET::none, "lives_together", "是否一起生活"},
    {"in_prison", VT::boolean, ET::none, "in_prison", "是否在服刑或强制隔离戒毒"},
    {"monthly_income", VT::number, ET::none, "monthly_income", "每月工资等收入"},
    {"pension_monthly", VT::number, ET::none, "pension_monthly", "每月养老金（不含城乡居民基础养老金）"},
    {"disabled", VT::boolean, ET::none, "disability", "有没有残疾"},
    {"disability_kind", VT::enumeration, ET::disability_kind, "disability", "残疾类别"},
    {"disability_grade", VT::number, ET::none, "disability", "残疾等级（没有残疾记为0）"},
    {"serious_illness", VT::boolean, ET::none, "serious_illness", "有没有重病"},
    {"employment", VT::enumeration, ET::employment, "employment", "工作情况"},
    {"is_student", VT::boolean, ET::none, "student", "是否在上学"},
    {"student_level", VT::enumeration, ET::student_level, "student", "上学阶段"},
}};

template <typename T>
Value num(const Known<T>& k) {
  return k ? Value::of(static_cast<double>(*k)) : Value::unknown();
}

Value boolean(const Known<bool>& k) { return k ? Value::of(*k ? 1.0 : 0.0) : Value::unknown(); }

template <typename E>
Value enum_index(const Known<E>& k, int offset = 0) {
  return k ? Value::of(static_cast<double>(static_cast<int>(*k) + offset)) : Value::unknown();
}

}  // namespace

std::span<const std::string_view> enum_values(EnumType t) {
  switch (t) {
    case ET::hukou: return kHukou;
    case ET::relation: return kRelation;
    case ET::disability_kind: return kDisability;
    case ET::employment: return kEmployment;
    case ET::student_level: return kStudent;
    case ET::none: break;
  }
  return {};
}

std::string_view enum_label_zh(EnumType t, int index) {
  std::span<const std::string_view> labels;
  switch (t) {
    case ET::hukou: labels = kHukouZh; break;
    case ET::relation:  // the one relation table (core/intake/labels.h)
      if (index < 0 || static_cast<size_t>(index) >= kRelation.size()) return "未知";
      return intake::relation_word(kRelation[static_cast<size_t>(index)]);
    case ET::disability_kind: labels = kDisabilityZh; break;
    case ET::employment: labels = kEmploymentZh; break;
    case ET::student_level: labels = kStudentZh; break;
    case ET::none: break;
  }
  if (index < 0 || static_cast<size_t>(index) >= labels.size()) return "未知";
  return labels[static_cast<size_t>(index)];
}

std::span<const FactInfo> household_facts() { return kHouseholdFacts; }
std::span<const FactInfo> person_facts() { return kPersonFacts; }

void fill_household_facts(const model::Household& h, Date as_of, std::span<Value> out) {
  out[0] = enum_index(h.hukou);
  out[1] = num(h.assets.deposits);
  out[2] = num(h.assets.vehicles);
  out[3] = num(h.assets.extra_housing);
  out[4] = num(h.rigid_expenses_12m.medical_out_of_pocket);
  out[5] = num(h.rigid_expenses_12m.education);
  out[6] = num(h.rigid_expenses_12m.rehabilitation);
  if (!h.emergency) {
    out[7] = out[8] = out[9] = Value::unknown();
  } else if (!h.emergency->has_value()) {
    out[7] = Value::of(0);
    out[8] = out[9] = Value::unknown();  // no emergency: its date and loss do not exist
  } else {
    const model::Emergency& e = **h.emergency;
    out[7] = Value::of(1);
    out[8] = e.date.valid() ? Value::of(e.date.days_until(as_of)) : Value::unknown();
    out[9] = num(e.loss);
  }
  out[10] = boolean(h.has_able_supporter);
  out[11] = boolean(h.housing_hardship);
  out[12] = Value::of(static_cast<double>(h.members.size()));
}

void fill_person_facts(const model::Member& m, Date as_of, std::span<Value> out) {
  // Age from the birth date inside the ID number (digits 7–14). The decoder has validated the
  // number; an unvalidated one that does not parse leaves the age unknown, never guessed.
  Value age = Value::unknown();
  if (m.id_number.size() == 18) {
    if (auto birth = Date::parse_compact(std::string_view(m.id_number).substr(6, 8))) {
      if (*birth <= as_of) age = Value::of(birth->years_until(as_of));
    }
  }
  out[kPersonAgeSlot] = age;
  out[1] = Value::of(static_cast<double>(static_cast<int>(m.relation)));
  out[2] = boolean(m.lives_together);
  out[3] = boolean(m.in_prison);
  out[4] = num(m.monthly_income);
  out[5] = num(m.pension_monthly);
  if (!m.disability) {
    out[6] = out[7] = out[8] = Value::unknown();
  } else if (!m.disability->has_value()) {
    out[6] = Value::of(0);
    out[7] = Value::of(0);  // "none"
    out[8] = Value::of(0);
  } else {
    const model::Disability& d = **m.disability;
    out[6] = Value::of(1);
    out[7] = Value::of(static_cast<double>(static_cast<int>(d.kind) + 1));
    out[8] = Value::of(d.grade);
  }
  out[9] = boolean(m.serious_illness);
  out[10] = enum_index(m.employment);
  if (!m.student) {
    out[11] = out[12] = Value::unknown();
  } else if (!m.student->has_value()) {
    out[11] = Value::of(0);
    out[12] = Value::of(0);
  } else {
    out[11] = Value::of(1);
    out[12] = Value::of(static_cast<double>(static_cast<int>((*m.student)->level) + 1));
  }
}

}  // namespace jiuzhu::policy
