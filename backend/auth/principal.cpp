#include "backend/auth/principal.h"

namespace jiuzhu::backend {

using model::Role;

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
