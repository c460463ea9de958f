// Staff accounts and kiosks of the county, managed by its administrator (county_admin only; the
// console's 账号与自助机, docs/console.md, docs/api.md):
//   GET  /api/v1/staff                         → {items: [{login, role, township, county, department,
//   created_at, active}]} POST /api/v1/staff {login, role, township?, department?}
//                                              → 201 {login, role, township, county, department, active,
//                                              password}
//   POST /api/v1/staff/{login}/disable|enable  → {login, active}
//   POST /api/v1/staff/{login}/password        → {login, password}
//   POST /api/v1/kiosks/enrol-codes {kiosk_id, township, valid_hours?} → 201 {kiosk_id, township, code,
//   expires_at} POST /api/v1/kiosks/{id}/disable|enable    → {kiosk_id, active}
// Passwords are generated (services/staff_accounts.h), shown once in the answer and stored only
// as hashes; kiosk enrolment codes come from the same store as `jiuzhu-server kiosk enrol-code`
// (store/enrolment_store.h). Accounts and kiosks of another county are 404. Every change is
// audited.
#include <algorithm>
#include <cctype>
#include <optional>

#include "backend/auth/password.h"
#include "backend/http/handlers/county_handlers.h"
#include "backend/services/staff_accounts.h"
#include "backend/store/enrolment_store.h"
#include "backend/store/staff_store.h"
#include "backend/util/clock.h"
#include "core/model/json_codec.h"
#include "core/model/role.h"

namespace jiuzhu::backend::handlers {
namespace {

Json account_json(const StaffAccount& a) {
  return {{"login", a.login},           {"role", to_string(a.role)},
          {"township", a.township},     {"county", a.county},
          {"department", a.department}, {"created_at", a.created_at},
          {"active", a.active}};
}

bool valid_kiosk_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
  }
  return true;
}

// Whether kiosk `id` is registered in `county`.
Result<bool> kiosk_in_county(Services& s, const std::string& county, const std::string& id) {
  auto rows = s.kiosks.kiosks(Scope{"", county});
  if (!rows) return rows.error();
  for (const auto& k : *rows) {
    if (k.kiosk_id == id) return true;
  }
  return false;
}

}  // namespace

Response list_staff(Request& req, Services& s) {
  const std::string county = req.principal.county;
  auto rows = s.staff.list(county);
  if (!rows) return error_response(rows.error());
  Json items = Json::array();
  for (const auto& a : *rows) items.push_back(account_json(a));
  if (auto st = s.audit.append_audit(
          audit_entry(req, "list", "user", county, "", "rows=" + std::to_string(rows->size())));
      !st) {
    return error_response(st.error());
  }
  return json_response(200, Json{{"items", items}});
}

Response add_staff(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"login", "role", "township", "department"}); !st)
    return error_response(st.error());
  services::StaffRequest r;
  for (auto [key, into] : {std::pair<const char*, std::string*>{"login", &r.login},
                           {"role", &r.role},
                           {"township", &r.township},
                           {"department", &r.department}}) {
    auto v = string_field(*j, key, std::string_view(key) == "login" || std::string_view(key) == "role", 100);
    if (!v) return error_response(v.error());
    *into = *v;
  }
  const std::string county = req.principal.county;
  // Every account an administrator makes belongs to the administrator's county.
  r.county = county;
  const std::optional<model::Role> role = model::parse_staff_role(r.role);  // none: staff_account says bad_role
  if (role == model::Role::province_admin) {  // discovery: made with `jiuzhu-server user add`, not by a county
    return error_response(400, "bad_role", "a county administrator makes accounts of the county only", "role");
  }
  if ((role == model::Role::hall_staff || role == model::Role::caseworker) && r.township.substr(0, 6) != county) {
    return error_response(400, "bad_township", "the township must be in your county", "township");
  }
  auto made = services::staff_account(r);
  if (!made) return error_response(made.error());
  UserRecord u = std::move(made).value();
  const std::string password = services::generate_password();
  u.password_hash = hash_password(password);
  u.created_at = now_rfc3339();
  if (auto st = s.accounts.add_user(u); !st) {
    if (st.error().code == "user_exists")
      return error_response(409, "user_exists", "this login is taken", "login");
    return error_response(st.error());
  }
  if (auto st = s.audit.append_audit(audit_entry(req, "create", "user", u.login,
                                                u.township.empty() ? county : u.township, std::string("role=") + to_string(u.role)));
      !st) {
    return error_response(st.error());
  }
  Json out =
      account_json(StaffAccount{u.login, u.role, u.township, u.county, u.department, u.created_at, true});
  out["password"] = password;
  return json_response(201, out);
}

Response set_staff_active(Request& req, Services& s) {
  const std::string& login = req.path_params.at(0);
  const bool enable = req.path.size() >= 7 && req.path.compare(req.path.size() - 7, 7, "/enable") == 0;
  if (!enable && login == req.principal.id) {
    return error_response(409, "cannot_disable_self", "you cannot disable your own account", "login");
  }
  if (auto st = s.staff.set_active(
          req.principal.county, login, enable,
          audit_entry(req, enable ? "enable" : "disable", "user", login, ""));
      !st) {
    return error_response(st.error());
  }
  s.auth.forget_cached();
  return json_response(200, Json{{"login", login}, {"active", enable}});
}

Response reset_staff_password(Request& req, Services& s) {
  const std::string& login = req.path_params.at(0);
  const std::string password = services::generate_password();
  if (auto st = s.staff.set_password(req.principal.county, login, hash_password(password),
                                    audit_entry(req, "reset_password", "user", login, ""));
      !st) {
    return error_response(st.error());
  }
  s.auth.forget_cached();
  return json_response(200, Json{{"login", login}, {"password", password}});
}

Response issue_kiosk_code(Request& req, Services& s) {
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"kiosk_id", "township", "valid_hours"}); !st)
    return error_response(st.error());
  auto id = string_field(*j, "kiosk_id", true, 64);
  if (!id) return error_response(id.error());
  if (!valid_kiosk_id(*id)) {
    return error_response(400, "bad_kiosk_id", "kiosk_id is 1–64 letters, digits, - or _", "kiosk_id");
  }
  auto town = string_field(*j, "township", true, 9);
  if (!town) return error_response(town.error());
  const std::string county = req.principal.county;
  if (town->size() != 9 || town->substr(0, 6) != county ||
      !std::all_of(town->begin(), town->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return error_response(400, "bad_township", "the township must be a 9-digit code in your county",
                          "township");
  }
  int64_t hours = 24;
  if (j->contains("valid_hours")) {
    const auto& v = (*j)["valid_hours"];
    if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 24 * 14) {
      return error_response(400, "bad_valid_hours", "valid_hours is a whole number from 1 to 336",
                            "valid_hours");
    }
    hours = v.get<int64_t>();
  }
  auto issued = s.enrolments.issue(*id, *town, unix_now(), hours * 3600, req.principal.actor());
  if (!issued) {
    const auto& code = issued.error().code;
    if (code == "township_mismatch" || code == "kiosk_disabled") {
      return error_response(409, code, issued.error().message, issued.error().field);
    }
    return error_response(issued.error());
  }
  return json_response(201, Json{{"kiosk_id", *id},
                                 {"township", *town},
                                 {"code", issued->code},
                                 {"expires_at", issued->expires_at}});
}

Response set_kiosk_active(Request& req, Services& s) {
  const std::string& id = req.path_params.at(0);
  const bool enable = req.path.size() >= 7 && req.path.compare(req.path.size() - 7, 7, "/enable") == 0;
  auto mine = kiosk_in_county(s, req.principal.county, id);
  if (!mine) return error_response(mine.error());
  if (!*mine) return error_response(404, "not_found", "no such kiosk in your county");
  if (auto st = s.enrolments.set_active(id, enable, req.principal.actor()); !st) return error_response(st.error());
  s.auth.forget_cached();
  return json_response(200, Json{{"kiosk_id", id}, {"active", enable}});
}

}  // namespace jiuzhu::backend::handlers
