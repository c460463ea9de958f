// Use case: a staff member prints one of a case's forms (打印表格) or reprints its receipt (补打回执)
// as a PDF made by printing/ — the same layouts the kiosk and jiuzhu-print use, never a second one.
//
// The print data of a stored application is built here and nowhere else on the server: the
// application as submitted (ApplicationRecord::body), the backend's answer (number, current
// status, received_at, due date) and the township's hall as its county entered it
// (store/hall_store.h; "（未登记）" in each field when it has not), decoded by printing's own
// decode_print_data — the same JSON the kiosk hands its printer (kiosk App::print_data), so the
// mapping from an application to paper is printing's and is written once.
//
// Each PDF is a staff read of a person's record: the audit row (action "print", record_type
// "case", detail "form=KIND paper=P") is written before the document is made; if it cannot be
// written there is no PDF. ID numbers are masked on every document (printing/documents.h).
//
// Thread-safety: free functions over the thread-safe stores they are given.
#pragma once

#include <optional>
#include <string>

#include "backend/auth/principal.h"
#include "backend/store/hall_store.h"
#include "backend/store/application_store.h"
#include "backend/store/audit_store.h"
#include "core/result.h"
#include "printing/documents.h"
#include "printing/print_data.h"

namespace jiuzhu::backend::services {

// The hall printed on `township`'s paper: as entered, or printing::not_registered_hall().
Result<printing::Hall> printed_hall(HallStore& halls, const std::string& township);

// The print data of a stored application with `hall`. Errors: print_data_invalid (the stored
// application does not decode as print data; field names the part), with printing's message.
Result<printing::PrintData> case_print_data(const ApplicationRecord& record, const printing::Hall& hall);

struct PrintedForm {
  std::string pdf;       // the PDF bytes
  std::string filename;  // ASCII: "visit-record_450326101-20261124-0001.pdf"
};

// Prints `kind` on `paper` for case `application_no` as `staff` sees it.
// Errors: not_found (no such case in the staff's area), no_proxy (the proxy authorization of a
// case without a proxy), unsupported_paper (80 mm for anything but the receipt), the store's
// (the audit row could not be written: no PDF), print_data_invalid, and printing's layout errors.
Result<PrintedForm> print_case_form(ApplicationStore& applications, HallStore& halls, AuditStore& audit_log,
                                    const Principal& staff, const std::string& application_no,
                                    printing::DocumentKind kind, printing::PaperSize paper);

}  // namespace jiuzhu::backend::services
