// Input helpers shared by handlers: strict parsing of small JSON bodies and query parameters.
#include <charconv>

#include "backend/http/handlers/handlers.h"
#include "core/model/json_codec.h"

namespace jiuzhu::backend::handlers {

Result<Json> parse_body(const Request& req, const Services& services) {
  return model::parse_json(req.body, 32, services.config.max_json_bytes);
}

Status only_fields(const Json& j, std::initializer_list<const char*> allowed, const std::string& prefix) {
  if (!j.is_object()) return make_error("not_object", "expected a JSON object", prefix.empty() ? "body" : prefix);
  for (const auto& [key, value] : j.items()) {
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) return make_error("unknown_field", "unknown field '" + key + "'", prefix + key);
  }
  return Ok{};
}

Result<std::string> string_field(const Json& j, const char* key, bool required, size_t max_len, bool secret) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) return make_error("missing_field", std::string("field '") + key + "' is required", key);
    return std::string();
  }
  if (!it->is_string()) return make_error("wrong_type", std::string("field '") + key + "' must be a string", key);
  auto s = it->get<std::string>();
  if (s.size() > max_len) return make_error("too_long", std::string("field '") + key + "' is too long", key);
  if (!secret && !model::readable_text(s, /*multiline=*/max_len >= 1000)) {
    return make_error("control_character", std::string("field '") + key + "' contains a control or direction-override character", key);
  }
  return s;
}

Result<int> int_param(const Request& req, const char* key, int fallback, int lo, int hi) {
  auto it = req.query.find(key);
  if (it == req.query.end()) return fallback;
  int v = 0;
  const auto& s = it->second;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi) {
    return make_error("bad_parameter", std::string(key) + " must be an integer from " + std::to_string(lo) + " to " +
                                           std::to_string(hi), key);
  }
  return v;
}

AuditEntry audit_entry(const Request& req, const std::string& action, const std::string& record_type,
                       const std::string& record_id, const std::string& township, const std::string& detail) {
  return AuditEntry{req.principal.actor(), to_string(req.principal.role), action, record_type, record_id, township, detail};
}

}  // namespace jiuzhu::backend::handlers
