#include "backend/auth/principal.h"

namespace jiuzhu::backend {

const char* to_string(Role r) {
  switch (r) {
    case Role::none: return "none";
    case Role::kiosk: return "kiosk";
    case Role::hall_staff: return "hall_staff";
    case Role::caseworker: return "caseworker";
    case Role::county_admin: return "county_admin";
    case Role::department: return "department";
    case Role::province_admin: return "province_admin";
  }
  return "none";
}

bool parse_staff_role(const std::string& name, Role& out) {
  for (Role r : {Role::hall_staff, Role::caseworker, Role::county_admin, Role::department, Role::province_admin}) {
    if (name == to_string(r)) {
      out = r;
      return true;
    }
  }
  return false;
}

Scope Principal::scope() const {
  if (role == Role::county_admin || role == Role::department) return Scope{"", county};
  // A province administrator reads no county's records (no 6-digit county equals its 2 digits).
  if (role == Role::province_admin) return Scope{"", county};
  return Scope{township, ""};
}

std::string Principal::actor() const {
  return (role == Role::kiosk ? "kiosk:" : "user:") + id;
}

}  // namespace jiuzhu::backend
