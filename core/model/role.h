// Who a caller is to the office (contracts/api.md "Credentials and roles"): the roles in one table
// for the backend (access rules, staff accounts, the login answer's "role") and the kiosk (which
// roles a staff login opens its staff menu for). JSON carries the name; the backend's store keeps
// it as text (backend/store/sql_support.cpp converts).
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace jiuzhu::model {

// none: not authenticated. kiosk: a registered kiosk device (never a login). The rest are staff;
// province_admin (省级) enters the national working-day calendar notice (api.md, additive).
enum class Role { none, kiosk, hall_staff, caseworker, county_admin, department, province_admin };

// "none" | "kiosk" | "hall_staff" | "caseworker" | "county_admin" | "department" | "province_admin".
const char* to_string(Role r);
// The staff role named `name` (hall_staff … province_admin), or none for anything else —
// including "kiosk" and "none", which no account may hold.
std::optional<Role> parse_staff_role(std::string_view name);
// JSON carries a role by its name, as to_string; never the enum's number.
void to_json(nlohmann::json& j, Role r);

}  // namespace jiuzhu::model
