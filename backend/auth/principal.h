// Who is calling: nobody, a kiosk device, or a staff member with a role and an area.
// Roles (core/model/role.h) and area scoping follow contracts/api.md's table.
//
// Thread-safety: plain values.
#pragma once

#include <string>

#include "backend/store/repository.h"
#include "core/model/role.h"

namespace jiuzhu::backend {

struct Principal {
  model::Role role = model::Role::none;
  std::string id;          // kiosk id or staff login
  std::string township;    // kiosk, hall_staff, caseworker
  std::string county;      // county_admin (and department, optional); province_admin: the 2-digit province
  std::string department;  // department role

  bool authenticated() const { return role != model::Role::none; }
  // The area this principal's reads are limited to (township or county).
  Scope scope() const;
  // "kiosk:K1", "user:wang" — the actor name in audit rows and case history.
  std::string actor() const;
};

}  // namespace jiuzhu::backend
