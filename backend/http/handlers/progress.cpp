// GET /api/v1/progress?application_no=N&check=LAST4 (anyone): the status of one application and
// nothing more. Rate-limited per client address so the 4-character check cannot be guessed.
#include "backend/http/handlers/handlers.h"
#include "backend/intake/workflow.h"
#include "backend/util/crypto.h"

namespace jiuzhu::backend::handlers {

Response progress(Request& req, Services& s) {
  if (!s.progress_limiter.take(req.client_address)) {
    auto r = error_response(429, "rate_limited", "too many progress queries; try again later");
    r.headers.emplace_back("Retry-After", std::to_string(std::max(1, s.progress_limiter.retry_after_seconds(req.client_address))));
    return r;
  }
  auto no = req.query.find("application_no");
  auto check = req.query.find("check");
  if (no == req.query.end() || no->second.empty() || no->second.size() > 64) {
    return error_response(400, "missing_parameter", "application_no is required", "application_no");
  }
  if (check == req.query.end() || check->second.size() != 4) {
    return error_response(400, "bad_parameter", "check must be the last 4 characters of the ID number", "check");
  }
  std::string last4 = check->second;
  for (auto& c : last4) c = static_cast<char>(c == 'x' ? 'X' : c);
  auto app = s.applications.application(no->second, Scope{});
  if (!app) return error_response(app.error());
  // One answer for "no such number" and "wrong check": nothing about existence leaks.
  if (!*app || !constant_time_equal((*app)->id_last4, last4)) {
    return error_response(404, "not_found", "no application matches this number and check");
  }
  const CaseState st = (*app)->status;
  return json_response(200, Json{{"application_no", (*app)->application_no},
                                 {"status", to_string(st)},
                                 {"status_text", status_text_zh(st)},
                                 {"updated_at", (*app)->updated_at},
                                 {"next_step", next_step_zh(st)}});
}

}  // namespace jiuzhu::backend::handlers
