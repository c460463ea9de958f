// The fact schema: which household and person facts the rule language may name, their types,
// the JSON path each comes from (for `missing`) and a plain-Chinese label (for trace texts).
//
// Rules never read the Household struct directly: the engine copies it once into flat arrays of
// Values ("slots"), household facts in one array and one array per member, so that compiled
// expressions read facts by index. A fact the household left out is an unknown Value; the
// engine never fills a default.
//
// Facts that only exist when something else is present (the emergency's date when there is an
// emergency) are unknown when their parent is known to be absent; rules guard them
// (`has_emergency and emergency_days_ago <= 90`) and three-valued logic keeps the guard false.
//
// Thread-safety: the schema is immutable static data; fill_* functions are pure.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/model/household.h"

namespace jiuzhu::policy {

// A fact or computed value: a number (booleans are 0/1, enumerations their index) that may be
// unknown. 16 bytes, copied freely.
struct Value {
  double v = 0;
  bool known = false;
  static Value of(double x) { return {x, true}; }
  static Value unknown() { return {0, false}; }
};

enum class ValueType : uint8_t { number, boolean, enumeration };

// Enumerations the rule language compares against string literals ("urban", "mental").
enum class EnumType : uint8_t { none, hukou, relation, disability_kind, employment, student_level };

// Value names of an enumeration, in index order ("none" first where a fact may be absent).
std::span<const std::string_view> enum_values(EnumType);
// Plain-Chinese label of one value ("农村", "精神残疾").
std::string_view enum_label_zh(EnumType, int index);

struct FactInfo {
  std::string_view name;    // as written in rules: "monthly_income"
  ValueType type;
  EnumType enum_type;
  std::string_view path;    // JSON path; for person facts relative to the member: "monthly_income"
  std::string_view label;   // plain Chinese: "每月工资等收入"
};

// Household-level facts, in slot order.
std::span<const FactInfo> household_facts();
// Person-level facts (one set per member), in slot order.
std::span<const FactInfo> person_facts();

// Slot indices of a few facts the engine itself needs.
inline constexpr int kPersonAgeSlot = 0;

// Fills household fact slots (size household_facts().size()) from the household at `as_of`.
void fill_household_facts(const model::Household& h, Date as_of, std::span<Value> out);
// Fills one member's person fact slots (size person_facts().size()).
void fill_person_facts(const model::Member& m, Date as_of, std::span<Value> out);

}  // namespace jiuzhu::policy
