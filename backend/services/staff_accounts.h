// What makes a staff account valid — one rule for `jiuzhu-server user add` (cli/admin_commands.cpp)
// and the console's POST /api/v1/staff (handlers/staff.cpp) — and the one-time passwords the
// console issues for new accounts and resets.
//
// Thread-safety: pure functions (generate_password reads the system's random source).
#pragma once

#include <string>

#include "backend/store/repository.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

struct StaffRequest {
  std::string login, role, township, county, department;
  std::string province;  // province_admin: a 2-digit province code of GB/T 2260
};

// The account (without its password hash) for `r`: hall_staff and caseworker need a township
// (9 digits of a known county; the county is taken from it), county_admin a known county,
// department one of education, housing, employment, medical_insurance and optionally a county,
// province_admin a known province (2 digits; kept in the account's county field).
// Errors (code, field): bad_login (login: 1–100 characters, no spaces or control characters),
// bad_role (role), bad_township (township), bad_county (county), bad_department (department),
// bad_province (province).
Result<UserRecord> staff_account(const StaffRequest& r);

// A fresh password of 12 characters from an alphabet without look-alikes (no 0/O, 1/l/I), about
// 68 bits from the system's random source; shown once, stored only as a hash.
std::string generate_password();

}  // namespace jiuzhu::backend::services
