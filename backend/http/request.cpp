#include "backend/http/request.h"

#include <unordered_map>

namespace jiuzhu::backend {

Response json_response(int status, const Json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return r;
}

Response error_response(int status, const std::string& code, const std::string& message, const std::string& field) {
  Json e = {{"code", code}, {"message", message}};
  if (!field.empty()) e["field"] = field;
  return json_response(status, Json{{"error", e}});
}

int status_for(const std::string& code) {
  static const std::unordered_map<std::string, int> table = {
      {"bad_token", 401},          {"unauthenticated", 401},    {"bad_credentials", 401},
      {"forbidden", 403},          {"not_found", 404},          {"illegal_transition", 409},
      {"body_too_large", 413},     {"unsupported_media_type", 415}, {"login_throttled", 429},
      {"rate_limited", 429},       {"db_error", 500},           {"db_closed", 503},
      {"db_unavailable", 503},     {"io_error", 500},           {"calendar_not_covered", 500},
      {"internal", 500},           {"storage_full", 503},
      {"storage_failed", 503},
  };
  auto it = table.find(code);
  return it == table.end() ? 400 : it->second;  // every other code is about the input
}

Response error_response(const Error& e) {
  const int status = status_for(e.code);
  // Faults of the server: do not echo driver messages to clients.
  if (status >= 500) return error_response(status, e.code, "the server could not complete the request");
  return error_response(status, e.code, e.message, e.field);
}

}  // namespace jiuzhu::backend
