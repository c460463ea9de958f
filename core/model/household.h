// The household as the eligibility pre-screen and the application see it (contracts:
// eligibility.md "Household").
//
// Every fact a rule may need is a Known<T>: empty when the household did not say, so that the
// engine reports it as missing instead of assuming a default. A fact that may legitimately be
// "none" (no disability, no emergency) is Known<std::optional<T>>: absent = unknown,
// null = known to be none.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.h"

namespace jiuzhu::model {

template <typename T>
using Known = std::optional<T>;

enum class Hukou { urban, rural };
enum class Relation { self, spouse, child, parent, grandparent, grandchild, sibling, other };
enum class DisabilityKind { physical, visual, hearing, speech, intellectual, mental, multiple };
enum class Employment { employed, unemployed, retired, none };
enum class StudentLevel { primary, junior, senior, vocational, college, bachelor, postgraduate };
enum class EmergencyKind { accident, sudden_illness, disaster, fire, other };

struct Disability {
  DisabilityKind kind = DisabilityKind::physical;
  int grade = 4;  // 1 (most severe) … 4
};

struct Student {
  StudentLevel level = StudentLevel::primary;
};

struct Member {
  std::string id_number;  // validated 18-character number (core/id_number.h)
  std::string name;
  Relation relation = Relation::other;
  Known<bool> lives_together;
  Known<double> monthly_income;   // yuan per month
  Known<double> pension_monthly;  // excludes the basic pension of urban and rural residents
  Known<std::optional<Disability>> disability;
  Known<bool> serious_illness;
  Known<Employment> employment;
  Known<std::optional<Student>> student;
  Known<bool> in_prison;
};

struct Assets {
  Known<double> deposits;  // yuan: deposits, securities, insurance, internet finance
  Known<int> vehicles;
  Known<int> extra_housing;
};

struct RigidExpenses {
  Known<double> medical_out_of_pocket;
  Known<double> education;
  Known<double> rehabilitation;
};

struct Emergency {
  EmergencyKind kind = EmergencyKind::other;
  Date date;
  Known<double> loss;
};

struct Household {
  Known<Hukou> hukou;
  std::vector<Member> members;
  Assets assets;
  RigidExpenses rigid_expenses_12m;
  Known<std::optional<Emergency>> emergency;
  Known<bool> has_able_supporter;
  Known<bool> housing_hardship;
  std::vector<std::string> receiving;  // program ids already received
};

// Enum names exactly as in the contracts ("physical", "sudden_illness", ...).
const char* to_string(Hukou);
const char* to_string(Relation);
const char* to_string(DisabilityKind);
const char* to_string(Employment);
const char* to_string(StudentLevel);
const char* to_string(EmergencyKind);

// Plain-Chinese labels for screens and paper ("配偶", "肢体残疾").
const char* label_zh(Relation);
const char* label_zh(DisabilityKind);

}  // namespace jiuzhu::model
