// The township's service hall printed on its receipts and forms (窗口信息, docs/console.md):
//   GET /api/v1/halls/{township} (county_admin of its county; hall_staff and caseworker of the
//       township) → {township, registered, name, address, phone, updated_by, updated_at};
//       registered false (and empty fields) when the county has not entered it: the server's
//       paper then prints "（未登记）".
//   PUT /api/v1/halls/{township} (county_admin of its county) {name, address, phone} → 200 with
//       the same object; replaces the entry; audited (action "update", record_type "hall").
// A township outside the caller's area is 404, as everywhere else.
#include <algorithm>

#include "backend/http/handlers/console_handlers.h"
#include "backend/store/hall_store.h"
#include "backend/util/clock.h"
#include "core/utf8.h"
#include "printing/print_data.h"

namespace jiuzhu::backend::handlers {
namespace {

bool township_code(const std::string& t) {
  return t.size() == 9 && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// The caller may see (and a county administrator change) this township's hall.
bool in_area(const Principal& p, const std::string& township) {
  if (p.role == model::Role::county_admin) return !p.county.empty() && township.compare(0, 6, p.county) == 0;
  return !p.township.empty() && township == p.township;
}

Json hall_json(const std::string& township, const std::optional<HallDetails>& h) {
  if (!h) {
    return {{"township", township}, {"registered", false}, {"name", ""}, {"address", ""}, {"phone", ""},
            {"updated_by", ""}, {"updated_at", ""}};
  }
  return {{"township", township}, {"registered", true},        {"name", h->name},
          {"address", h->address}, {"phone", h->phone},        {"updated_by", h->updated_by},
          {"updated_at", h->updated_at}};
}

// A required text field that fits where the paper prints it (printing/print_data.h's limits).
Result<std::string> hall_field(const Json& j, const char* key, int max_chars) {
  auto v = string_field(j, key, true, size_t(max_chars) * 4);
  if (!v) return v.error();
  std::string text = *v;
  text.erase(0, text.find_first_not_of(' '));
  text.erase(text.find_last_not_of(' ') + 1);
  if (text.empty()) return make_error("missing_field", std::string(key) + " must not be empty", key);
  if (utf8::length(text) > size_t(max_chars)) {
    return make_error("too_long", std::string(key) + " is at most " + std::to_string(max_chars) + " characters", key);
  }
  return text;
}

}  // namespace

Response get_hall(Request& req, Services& s) {
  const std::string& township = req.path_params.at(0);
  if (!township_code(township) || !in_area(req.principal, township)) {
    return error_response(404, "not_found", "no such township in your area");
  }
  auto hall = s.halls.hall_details(township);
  if (!hall) return error_response(hall.error());
  return json_response(200, hall_json(township, *hall));
}

Response put_hall(Request& req, Services& s) {
  const std::string& township = req.path_params.at(0);
  if (!township_code(township) || !in_area(req.principal, township)) {
    return error_response(404, "not_found", "no such township in your area");
  }
  auto j = parse_body(req, s);
  if (!j) return error_response(j.error());
  if (auto st = only_fields(*j, {"name", "address", "phone"}); !st) return error_response(st.error());
  auto name = hall_field(*j, "name", printing::kMaxHallNameChars);
  if (!name) return error_response(name.error());
  auto address = hall_field(*j, "address", printing::kMaxAddressChars);
  if (!address) return error_response(address.error());
  auto phone = hall_field(*j, "phone", printing::kMaxPhoneChars);
  if (!phone) return error_response(phone.error());
  HallDetails h{township, township.substr(0, 6), *name, *address, *phone, req.principal.actor(), now_rfc3339()};
  if (auto st = s.halls.put_hall_details(h, audit_entry(req, "update", "hall", township, township)); !st) {
    return error_response(st.error());
  }
  return json_response(200, hall_json(township, h));
}

}  // namespace jiuzhu::backend::handlers
