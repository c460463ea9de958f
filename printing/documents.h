// The printed documents, one source file each, all made from PrintData (print_data.h):
//
//   receipt                     申请回执 — 80 mm roll (page cut to the content) or A4
//   application-form            社会救助申请书, pre-filled, with signature and fingerprint boxes (A4)
//   proxy-authorization         委托书 (A4; needs a proxy in the data)
//   verification-authorization  居民家庭经济状况核对授权书, a signature line per counted member (A4)
//   materials-checklist         申请材料清单: received and still missing (A4)
//   visit-record                入户调查记录 for caseworkers' home visits (A4)
//
// ID numbers are printed masked (core mask_id_number) on every document: GB/T 35273 asks that
// what is shown on paper be de-identified, and the full number is in the electronic record.
// A document either lays out completely or returns an error; no PDF exists for bad data.
//
// Thread-safety: all functions are reentrant; the font face is shared read-only.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "printing/layout.h"
#include "printing/print_data.h"
#include "printing/ttf_face.h"

namespace jiuzhu::printing {

enum class DocumentKind {
  receipt,
  application_form,
  proxy_authorization,
  verification_authorization,
  materials_checklist,
  visit_record,
};
enum class PaperSize { roll80, a4 };

// "receipt" ↔ DocumentKind::receipt, as on the command line.
std::optional<DocumentKind> parse_document_kind(std::string_view name);
std::string_view document_kind_name(DocumentKind kind);
std::optional<PaperSize> parse_paper(std::string_view name);  // "80mm" | "a4"

// The CJK face documents use: $JIUZHU_FONT (a .ttf/.ttc path, face 0) or WenQuanYi Micro Hei.
// Loaded once per process. Errors: font_unreadable, font_invalid.
Result<std::shared_ptr<const TrueTypeFace>> document_face();

// Lays out a document. Errors: missing_field (what the kind needs is absent),
// unsupported_paper (only the receipt has an 80 mm form), unprintable_character,
// layout_overflow, and the layout engine's others.
Result<Layout> layout_document(DocumentKind kind, const PrintData& data, PaperSize paper,
                               std::shared_ptr<const TrueTypeFace> face);
// layout_document + render_pdf with document_face(): the PDF bytes.
Result<std::string> render_document(DocumentKind kind, const PrintData& data, PaperSize paper);

// One per kind (each in its own .cpp).
Result<Layout> layout_receipt(const PrintData&, Paper, std::shared_ptr<const TrueTypeFace>);
Result<Layout> layout_application_form(const PrintData&, Paper, std::shared_ptr<const TrueTypeFace>);
Result<Layout> layout_proxy_authorization(const PrintData&, Paper, std::shared_ptr<const TrueTypeFace>);
Result<Layout> layout_verification_authorization(const PrintData&, Paper, std::shared_ptr<const TrueTypeFace>);
Result<Layout> layout_materials_checklist(const PrintData&, Paper, std::shared_ptr<const TrueTypeFace>);
Result<Layout> layout_visit_record(const PrintData&, Paper, std::shared_ptr<const TrueTypeFace>);

}  // namespace jiuzhu::printing
