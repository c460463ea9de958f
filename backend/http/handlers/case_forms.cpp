// GET /api/v1/cases/{no}/forms/{kind}?paper=a4|80mm (caseworker, county_admin) and the PDF form of
// GET /api/v1/applications/{no}/receipt?format=pdf (hall staff, caseworker): a case's forms and
// receipt as PDFs from printing/ (services/case_forms.h; audited there).
#include "backend/http/handlers/console_handlers.h"
#include "backend/services/case_forms.h"

namespace jiuzhu::backend::handlers {
namespace {

Response pdf_response(const services::PrintedForm& form) {
  Response r;
  r.status = 200;
  r.content_type = "application/pdf";
  r.body = form.pdf;
  r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + form.filename + "\"");
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response print_error(const Error& e) {
  const std::string& c = e.code;
  // What the stored case cannot give: the request is well-formed, the case is not printable so.
  if (c == "no_proxy" || c == "print_data_invalid" || c == "missing_field" || c == "unprintable_character" ||
      c == "layout_overflow" || c == "field_too_long") {
    return error_response(409, c, e.message, e.field);
  }
  if (c == "unsupported_paper") return error_response(400, c, e.message, "paper");
  if (c.rfind("font_", 0) == 0) return error_response(500, "internal", "the document font is not available");
  return error_response(e);
}

Result<printing::PaperSize> paper_param(const Request& req, printing::PaperSize fallback) {
  auto it = req.query.find("paper");
  if (it == req.query.end() || it->second.empty()) return fallback;
  auto paper = printing::parse_paper(it->second);
  if (!paper) return make_error("bad_parameter", "paper must be a4 or 80mm", "paper");
  return *paper;
}

}  // namespace

Response case_form(Request& req, Services& s) {
  auto kind = printing::parse_document_kind(req.path_params.at(1));
  if (!kind) return error_response(404, "unknown_form", "no such form", "kind");
  auto paper = paper_param(req, printing::PaperSize::a4);
  if (!paper) return error_response(paper.error());
  auto form = services::print_case_form(s.applications, s.halls, s.audit, req.principal, req.path_params.at(0),
                                        *kind, *paper);
  if (!form) return print_error(form.error());
  return pdf_response(*form);
}

Response receipt_pdf(Request& req, Services& s) {
  auto paper = paper_param(req, printing::PaperSize::roll80);
  if (!paper) return error_response(paper.error());
  auto form = services::print_case_form(s.applications, s.halls, s.audit, req.principal, req.path_params.at(0),
                                        printing::DocumentKind::receipt, *paper);
  if (!form) return print_error(form.error());
  return pdf_response(*form);
}

}  // namespace jiuzhu::backend::handlers
