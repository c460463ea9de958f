// services/reveal_id_number.h
#include "backend/services/reveal_id_number.h"

#include <charconv>
#include <nlohmann/json.hpp>

namespace jiuzhu::backend::services {
namespace {

using Json = nlohmann::json;

// The JSON object `person` names inside the stored application, or null.
const Json* person_of(const Json& app, const std::string& person) {
  if (person == "applicant" || person == "proxy") {
    auto it = app.find(person);
    return it != app.end() && it->is_object() ? &*it : nullptr;
  }
  size_t index = 0;
  const char* begin = person.data() + 7;
  const char* end = person.data() + person.size();
  auto [p, ec] = std::from_chars(begin, end, index);
  if (ec != std::errc() || p != end) return nullptr;
  auto household = app.find("household");
  if (household == app.end() || !household->is_object()) return nullptr;
  auto members = household->find("members");
  if (members == household->end() || !members->is_array() || index >= members->size()) return nullptr;
  return &(*members)[index];
}

bool valid_person(const std::string& p) {
  if (p == "applicant" || p == "proxy") return true;
  if (p.size() < 8 || p.size() > 11 || p.compare(0, 7, "member:") != 0) return false;
  for (size_t i = 7; i < p.size(); ++i) {
    if (p[i] < '0' || p[i] > '9') return false;
  }
  return true;
}

}  // namespace

Result<std::string> reveal_id_number(ApplicationStore& applications, AuditStore& audit_log, const Principal& staff,
                                     const std::string& application_no, const std::string& person) {
  if (!valid_person(person)) {
    return make_error("bad_person", "person must be applicant, proxy or member:N", "person");
  }
  auto app = applications.application(application_no, staff.scope());
  if (!app) return app.error();
  if (!*app) return make_error("not_found", "no such case");
  const Json body = Json::parse((*app)->body, nullptr, false);
  const Json* who = body.is_object() ? person_of(body, person) : nullptr;
  if (!who) return make_error("not_found", "no such person in this case");
  auto id = who->find("id_number");
  if (id == who->end() || !id->is_string() || id->get<std::string>().empty()) {
    return make_error("not_found", "this person has no ID number on record");
  }
  // Audit first: if the read cannot be recorded, it does not happen.
  AuditEntry audit{staff.actor(),          to_string(staff.role), "reveal_id",       "case",
                   (*app)->application_no, (*app)->township,      "person=" + person};
  if (auto st = audit_log.append_audit(audit); !st) return st.error();
  return id->get<std::string>();
}

}  // namespace jiuzhu::backend::services
