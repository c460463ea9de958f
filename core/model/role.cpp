#include "core/model/role.h"

#include <array>
#include <utility>

#include <nlohmann/json.hpp>

namespace jiuzhu::model {
namespace {

constexpr std::array<std::pair<Role, const char*>, 7> kNames = {{
    {Role::none, "none"},
    {Role::kiosk, "kiosk"},
    {Role::hall_staff, "hall_staff"},
    {Role::caseworker, "caseworker"},
    {Role::county_admin, "county_admin"},
    {Role::department, "department"},
    {Role::province_admin, "province_admin"},
}};

}  // namespace

const char* to_string(Role r) {
  for (const auto& [role, name] : kNames) {
    if (role == r) return name;
  }
  return "none";
}

std::optional<Role> parse_staff_role(std::string_view name) {
  for (const auto& [role, n] : kNames) {
    if (role != Role::none && role != Role::kiosk && name == n) return role;
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, Role r) { j = to_string(r); }

}  // namespace jiuzhu::model
