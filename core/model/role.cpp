#include "core/model/role.h"

#include <nlohmann/json.hpp>

#include "core/enum_names.h"

namespace jiuzhu::model {
namespace {

constexpr EnumNames<Role, 7> kNames = {{
    {Role::none, "none"},
    {Role::kiosk, "kiosk"},
    {Role::hall_staff, "hall_staff"},
    {Role::caseworker, "caseworker"},
    {Role::county_admin, "county_admin"},
    {Role::department, "department"},
    {Role::province_admin, "province_admin"},
}};

}  // namespace

const char* to_string(Role r) { return name_in(kNames, r, "none"); }

std::optional<Role> parse_staff_role(std::string_view name) {
  const std::optional<Role> r = value_in(kNames, name);
  if (r == Role::none || r == Role::kiosk) return std::nullopt;  // no account holds these
  return r;
}

void to_json(nlohmann::json& j, Role r) { j = to_string(r); }

}  // namespace jiuzhu::model
