// The assistance programs Jiuzhu knows (contracts: eligibility.md), by id, with their names.
// Thread-safety: constant data.
#pragma once

#include <array>
#include <string_view>

namespace jiuzhu::model {

struct ProgramName {
  std::string_view id;
  std::string_view name_zh;
};

inline constexpr std::array<ProgramName, 11> kPrograms = {{
    {"dibao", "最低生活保障"},
    {"dibao_separate", "低保单独施保"},
    {"dibao_edge", "低保边缘家庭"},
    {"tekun", "特困人员救助供养"},
    {"rigid_expense", "刚性支出困难家庭"},
    {"temporary_emergency", "临时救助（急难型）"},
    {"temporary_expense", "临时救助（支出型）"},
    {"medical", "医疗救助"},
    {"education", "教育救助"},
    {"employment", "就业救助"},
    {"housing", "住房救助"},
}};

// The Chinese name for a program id, or empty when the id is unknown.
constexpr std::string_view program_name_zh(std::string_view id) {
  for (const auto& p : kPrograms) {
    if (p.id == id) return p.name_zh;
  }
  return {};
}

constexpr bool is_program(std::string_view id) { return !program_name_zh(id).empty(); }

}  // namespace jiuzhu::model
