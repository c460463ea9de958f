// console: GET /api/v1/cases/{no}/documents/{sha256} (caseworker, county_admin) — one document of
// a case as its bytes (image/jpeg, image/png or application/pdf), for the case view to show inline.
// Only a document the case lists (documents[].sha256 or the proxy's authorization_document) of a
// case in the caller's area; anything else is 404, so neither a case nor a document outside the
// area is revealed. Each read is audited (action "read", record_type "document", record_id the
// case, detail "sha256=…") before the bytes are sent: if it cannot be recorded, nothing is sent.
// The answer is never cached and cannot run as a page (nosniff, CSP sandbox).
#include "backend/documents/document_file.h"
#include "backend/http/handlers/console_handlers.h"

namespace jiuzhu::backend::handlers {
namespace {

bool lists_document(const Json& app, const std::string& h) {
  if (!app.is_object()) return false;
  if (app.contains("documents") && app["documents"].is_array()) {
    for (const auto& d : app["documents"]) {
      if (d.is_object() && d.contains("sha256") && d["sha256"] == h) return true;
    }
  }
  if (app.contains("proxy") && app["proxy"].is_object() && app["proxy"].contains("authorization_document")) {
    return app["proxy"]["authorization_document"] == h;
  }
  return false;
}

}  // namespace

Response case_document(Request& req, Services& s) {
  const std::string& no = req.path_params.at(0);
  const std::string& hash = req.path_params.at(1);
  auto app = s.applications.application(no, req.principal.scope());
  if (!app) return error_response(app.error());
  if (!*app || !is_document_hash(hash) || !lists_document(Json::parse((*app)->body, nullptr, false), hash)) {
    return error_response(404, "not_found", "no such document in this case");
  }
  if (auto st =
          s.audit.append_audit(audit_entry(req, "read", "document", no, (*app)->township, "sha256=" + hash));
      !st) {
    return error_response(st.error());
  }
  auto bytes = read_document(documents_root(s.config.data_dir), hash);
  if (!bytes) return error_response(bytes.error());
  const std::string type = document_media_type(*bytes);
  if (type.empty()) return error_response(500, "internal", "the stored document has an unknown type");
  Response r;
  r.status = 200;
  r.content_type = type;
  r.body = std::move(*bytes);
  r.headers.emplace_back("Cache-Control", "no-store");
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; sandbox");
  r.headers.emplace_back("Content-Disposition", "inline");
  return r;
}

}  // namespace jiuzhu::backend::handlers
