// services/case_forms.h
#include "backend/services/case_forms.h"

#include <nlohmann/json.hpp>

#include "backend/intake/workflow.h"

namespace jiuzhu::backend::services {

Result<printing::Hall> printed_hall(HallStore& halls, const std::string& township) {
  auto hall = halls.hall_details(township);
  if (!hall) return hall.error();
  if (!*hall) return printing::not_registered_hall();
  return printing::Hall{(*hall)->name, (*hall)->address, (*hall)->phone};
}

Result<printing::PrintData> case_print_data(const ApplicationRecord& r, const printing::Hall& hall) {
  nlohmann::json data = nlohmann::json::parse(r.body, nullptr, false);
  if (!data.is_object()) return make_error("print_data_invalid", "the stored application is not a JSON object");
  data["application_no"] = r.application_no;
  data["status"] = to_string(r.status);  // the workflow's name, not the enum's number
  data["received_at"] = r.received_at;
  data["due_date"] = r.due_date;
  data["hall"] = {{"name", hall.name}, {"address", hall.address}, {"phone", hall.phone}};
  auto decoded = printing::decode_print_data(data);
  if (!decoded) {
    return make_error("print_data_invalid", decoded.error().message, decoded.error().field);
  }
  return decoded;
}

Result<PrintedForm> print_case_form(ApplicationStore& applications, HallStore& halls, AuditStore& audit_log,
                                    const Principal& staff, const std::string& application_no,
                                    printing::DocumentKind kind, printing::PaperSize paper) {
  const bool roll = paper == printing::PaperSize::roll80;
  if (roll && kind != printing::DocumentKind::receipt) {
    return make_error("unsupported_paper", "only the receipt is printed on the 80 mm roll", "paper");
  }
  auto app = applications.application(application_no, staff.scope());
  if (!app) return app.error();
  if (!*app) return make_error("not_found", "no such case");
  const ApplicationRecord& r = **app;
  auto hall = printed_hall(halls, r.township);
  if (!hall) return hall.error();
  auto data = case_print_data(r, *hall);
  if (!data) return data.error();
  if (kind == printing::DocumentKind::proxy_authorization && !data->application.proxy) {
    return make_error("no_proxy", "this application was made without a proxy (代办人)", "kind");
  }
  const std::string name(printing::document_kind_name(kind));
  // Audit first: if the read cannot be recorded, it does not happen.
  AuditEntry audit{staff.actor(), to_string(staff.role), "print", "case", r.application_no, r.township,
                   "form=" + name + " paper=" + (roll ? "80mm" : "a4")};
  if (auto st = audit_log.append_audit(audit); !st) return st.error();
  auto pdf = printing::render_document(kind, *data, paper);
  if (!pdf) return pdf.error();
  return PrintedForm{std::move(*pdf), name + "_" + r.application_no + ".pdf"};
}

}  // namespace jiuzhu::backend::services
