// The feed formats' data behind feed_schema.h, as compile-time constants (internal to the
// discovery library): feed_schema.cpp serves them through feed_spec(); the row parser
// (feed_table.cpp) is compiled once per feed from them, so that a column's type is known where
// its cells are read.
//
// Thread-safety: immutable static data.
#pragma once

#include <array>
#include <string_view>

#include "backend/discovery/feed_schema.h"

namespace jiuzhu::discovery::schema {

using V = std::string_view;

// Enumerations: feeds.md where it lists values; eligibility.md's vocabulary otherwise.
inline constexpr std::array<V, 10> kRelation = {"head", "self", "spouse", "child", "parent", "grandparent",
                                               "grandchild", "sibling", "child_in_law", "other"};
inline constexpr std::array<V, 2> kHukou = {"rural", "urban"};
inline constexpr std::array<V, 11> kProgram = {"dibao", "dibao_separate", "dibao_edge", "tekun",
                                               "rigid_expense", "temporary_emergency", "temporary_expense",
                                               "medical", "education", "employment", "housing"};
inline constexpr std::array<V, 7> kDisabilityKind = {"physical", "visual", "hearing", "speech",
                                                     "intellectual", "mental", "multiple"};
inline constexpr std::array<V, 3> kHrStatus = {"unemployed_registered", "employed", "pension"};
inline constexpr std::array<V, 7> kLevel = {"primary", "junior", "senior", "vocational",
                                            "college", "bachelor", "postgraduate"};
inline constexpr std::array<V, 3> kEduStatus = {"enrolled", "dropped_out", "suspended"};
inline constexpr std::array<V, 3> kHousing = {"public_rental", "dilapidated", "hardship_registered"};
inline constexpr std::array<V, 5> kEvent = {"disaster", "fire", "accident", "sudden_illness", "other"};
inline constexpr std::array<V, 3> kCategory = {"unstable_lifted", "edge_vulnerable", "sudden_hardship"};

inline constexpr ColumnSpec kId{"id_number", ColType::id, {}};

inline constexpr std::array<ColumnSpec, 9> kPopulation = {{
    kId,
    {"name", ColType::text, {}},
    {"household_id", ColType::key, {}},
    {"relation", ColType::enumeration, kRelation},
    {"birth_date", ColType::date, {}},
    {"hukou_type", ColType::enumeration, kHukou},
    {"township", ColType::key, {}},
    {"village", ColType::text, {}},
    {"deceased_date", ColType::opt_date, {}},
}};
inline constexpr std::array<ColumnSpec, 4> kCivil = {{
    kId, {"program", ColType::enumeration, kProgram, 0, 0, true}, {"since", ColType::date, {}},
    {"until", ColType::opt_date, {}}}};
inline constexpr std::array<ColumnSpec, 4> kDisability = {{
    kId, {"kind", ColType::enumeration, kDisabilityKind}, {"grade", ColType::integer, {}, 1, 4},
    {"issued", ColType::date, {}}}};
inline constexpr std::array<ColumnSpec, 5> kMedical = {{
    kId, {"settled_date", ColType::date, {}}, {"total_cost", ColType::number, {}},
    {"out_of_pocket", ColType::number, {}}, {"inpatient", ColType::boolean, {}}}};
inline constexpr std::array<ColumnSpec, 4> kHealth = {{
    kId, {"diagnosis", ColType::text, {}}, {"date", ColType::date, {}},
    {"serious", ColType::boolean, {}}}};
inline constexpr std::array<ColumnSpec, 4> kHr = {{
    kId, {"status", ColType::enumeration, kHrStatus, 0, 0, true}, {"since", ColType::date, {}},
    {"pension_monthly", ColType::number, {}}}};
inline constexpr std::array<ColumnSpec, 5> kEducation = {{
    kId, {"school", ColType::text, {}}, {"level", ColType::enumeration, kLevel},
    {"status", ColType::enumeration, kEduStatus, 0, 0, true}, {"date", ColType::date, {}}}};
inline constexpr std::array<ColumnSpec, 3> kHousingCols = {{
    kId, {"status", ColType::enumeration, kHousing, 0, 0, true}, {"since", ColType::date, {}}}};
inline constexpr std::array<ColumnSpec, 4> kEmergency = {{
    kId, {"event", ColType::enumeration, kEvent}, {"date", ColType::date, {}},
    {"loss", ColType::number, {}}}};
inline constexpr std::array<ColumnSpec, 3> kRural = {{
    kId, {"category", ColType::enumeration, kCategory, 0, 0, true}, {"since", ColType::date, {}}}};
inline constexpr std::array<ColumnSpec, 3> kIncome = {{
    kId, {"year", ColType::integer, {}, 1900, 2200}, {"annual_income", ColType::number, {}}}};

inline constexpr std::array<FeedSpec, kFeedCount> kSpecs = {{
    {Feed::population, "population.csv", kPopulation},
    {Feed::civil_affairs, "civil_affairs.csv", kCivil},
    {Feed::disability, "disability.csv", kDisability},
    {Feed::medical_insurance, "medical_insurance.csv", kMedical},
    {Feed::health, "health.csv", kHealth},
    {Feed::hr, "hr.csv", kHr},
    {Feed::education, "education.csv", kEducation},
    {Feed::housing, "housing.csv", kHousingCols},
    {Feed::emergency, "emergency.csv", kEmergency},
    {Feed::rural_revitalization, "rural_revitalization.csv", kRural},
    {Feed::income, "income.csv", kIncome},
}};

}  // namespace jiuzhu::discovery::schema
