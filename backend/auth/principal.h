// Who is calling: nobody, a kiosk device, or a staff member with a role and an area.
// Roles and area scoping follow contracts/api.md's table.
//
// Thread-safety: plain values.
#pragma once

#include <string>

#include "backend/store/repository.h"

namespace jiuzhu::backend {

// discovery: province_admin (省级) enters the national working-day calendar notice (api.md, additive).
enum class Role { none, kiosk, hall_staff, caseworker, county_admin, department, province_admin };

const char* to_string(Role r);
// "hall_staff" … "department" (staff roles only; "kiosk" is not a login role).
bool parse_staff_role(const std::string& name, Role& out);

struct Principal {
  Role role = Role::none;
  std::string id;          // kiosk id or staff login
  std::string township;    // kiosk, hall_staff, caseworker
  std::string county;      // county_admin (and department, optional); province_admin: the 2-digit province
  std::string department;  // department role

  bool authenticated() const { return role != Role::none; }
  // The area this principal's reads are limited to (township or county).
  Scope scope() const;
  // "kiosk:K1", "user:wang" — the actor name in audit rows and case history.
  std::string actor() const;
};

}  // namespace jiuzhu::backend
