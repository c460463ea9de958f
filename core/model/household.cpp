#include "core/model/household.h"

#include "core/intake/labels.h"

namespace jiuzhu::model {

const char* to_string(Hukou v) { return v == Hukou::urban ? "urban" : "rural"; }

const char* to_string(Relation v) {
  switch (v) {
    case Relation::self: return "self";
    case Relation::spouse: return "spouse";
    case Relation::child: return "child";
    case Relation::parent: return "parent";
    case Relation::grandparent: return "grandparent";
    case Relation::grandchild: return "grandchild";
    case Relation::sibling: return "sibling";
    case Relation::other: return "other";
  }
  return "other";
}

const char* to_string(DisabilityKind v) {
  switch (v) {
    case DisabilityKind::physical: return "physical";
    case DisabilityKind::visual: return "visual";
    case DisabilityKind::hearing: return "hearing";
    case DisabilityKind::speech: return "speech";
    case DisabilityKind::intellectual: return "intellectual";
    case DisabilityKind::mental: return "mental";
    case DisabilityKind::multiple: return "multiple";
  }
  return "multiple";
}

const char* to_string(Employment v) {
  switch (v) {
    case Employment::employed: return "employed";
    case Employment::unemployed: return "unemployed";
    case Employment::retired: return "retired";
    case Employment::none: return "none";
  }
  return "none";
}

const char* to_string(StudentLevel v) {
  switch (v) {
    case StudentLevel::primary: return "primary";
    case StudentLevel::junior: return "junior";
    case StudentLevel::senior: return "senior";
    case StudentLevel::vocational: return "vocational";
    case StudentLevel::college: return "college";
    case StudentLevel::bachelor: return "bachelor";
    case StudentLevel::postgraduate: return "postgraduate";
  }
  return "primary";
}

const char* to_string(EmergencyKind v) {
  switch (v) {
    case EmergencyKind::accident: return "accident";
    case EmergencyKind::sudden_illness: return "sudden_illness";
    case EmergencyKind::disaster: return "disaster";
    case EmergencyKind::fire: return "fire";
    case EmergencyKind::other: return "other";
  }
  return "other";
}

// The word comes from the one relation table (core/intake/labels.h); its views are NUL-terminated.
const char* label_zh(Relation v) { return intake::relation_word(to_string(v)).data(); }

const char* label_zh(DisabilityKind v) {
  switch (v) {
    case DisabilityKind::physical: return "肢体残疾";
    case DisabilityKind::visual: return "视力残疾";
    case DisabilityKind::hearing: return "听力残疾";
    case DisabilityKind::speech: return "言语残疾";
    case DisabilityKind::intellectual: return "智力残疾";
    case DisabilityKind::mental: return "精神残疾";
    case DisabilityKind::multiple: return "多重残疾";
  }
  return "多重残疾";
}

}  // namespace jiuzhu::model
