#include "backend/services/staff_accounts.h"

#include <algorithm>
#include <optional>
#include <random>

#include "core/model/role.h"
#include "core/regions.h"

namespace jiuzhu::backend::services {
namespace {

bool digits(const std::string& s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool known_county(const std::string& code) {
  return digits(code, 6) && RegionTable::builtin().contains(code);
}

bool valid_login(const std::string& s) {
  if (s.empty() || s.size() > 100) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f;
  });
}

}  // namespace

Result<UserRecord> staff_account(const StaffRequest& r) {
  if (!valid_login(r.login))
    return make_error("bad_login", "login is 1–100 characters without spaces", "login");
  const std::optional<model::Role> role = model::parse_staff_role(r.role);
  if (!role) {
    return make_error("bad_role", "role must be hall_staff, caseworker, county_admin, department or province_admin",
                      "role");
  }
  UserRecord u;
  u.login = r.login;
  u.role = *role;
  if (u.role == model::Role::hall_staff || u.role == model::Role::caseworker) {
    if (!digits(r.township, 9) || !known_county(r.township.substr(0, 6))) {
      return make_error("bad_township", "this role needs a township code (9 digits of a known county)",
                        "township");
    }
    u.township = r.township;
    u.county = r.township.substr(0, 6);
  } else if (u.role == model::Role::province_admin) {
    const Region* p = digits(r.province, 2) ? RegionTable::builtin().find(r.province + "0000") : nullptr;
    if (p == nullptr || p->level != RegionLevel::province) {
      return make_error("bad_province", "province_admin needs a known 2-digit province code", "province");
    }
    u.county = r.province;
  } else if (u.role == model::Role::county_admin) {
    if (!known_county(r.county))
      return make_error("bad_county", "county_admin needs a known 6-digit county", "county");
    u.county = r.county;
  } else {
    const std::string& d = r.department;
    if (d != "education" && d != "housing" && d != "employment" && d != "medical_insurance") {
      return make_error("bad_department",
                        "department must be education, housing, employment or medical_insurance",
                        "department");
    }
    u.department = d;
    if (!r.county.empty()) {
      if (!known_county(r.county))
        return make_error("bad_county", "county must be a known 6-digit county", "county");
      u.county = r.county;
    }
  }
  return u;
}

std::string generate_password() {
  static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::random_device rd;  // the system's random source (getrandom on Linux)
  std::uniform_int_distribution<size_t> pick(0, sizeof(kAlphabet) - 2);
  std::string out;
  for (int i = 0; i < 12; ++i) out.push_back(kAlphabet[pick(rd)]);
  return out;
}

}  // namespace jiuzhu::backend::services
