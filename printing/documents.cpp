#include "printing/documents.h"

#include <cstdlib>

#include "printing/pdf_render.h"

namespace jiuzhu::printing {
namespace {

constexpr const char* kDefaultFont = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

struct KindName {
  DocumentKind kind;
  std::string_view name;
};
constexpr KindName kKinds[] = {
    {DocumentKind::receipt, "receipt"},
    {DocumentKind::application_form, "application-form"},
    {DocumentKind::proxy_authorization, "proxy-authorization"},
    {DocumentKind::verification_authorization, "verification-authorization"},
    {DocumentKind::materials_checklist, "materials-checklist"},
    {DocumentKind::visit_record, "visit-record"},
};

}  // namespace

std::optional<DocumentKind> parse_document_kind(std::string_view name) {
  for (const auto& k : kKinds)
    if (k.name == name) return k.kind;
  return std::nullopt;
}

std::string_view document_kind_name(DocumentKind kind) {
  for (const auto& k : kKinds)
    if (k.kind == kind) return k.name;
  return "unknown";
}

std::optional<PaperSize> parse_paper(std::string_view name) {
  if (name == "80mm") return PaperSize::roll80;
  if (name == "a4" || name == "A4") return PaperSize::a4;
  return std::nullopt;
}

Result<std::shared_ptr<const TrueTypeFace>> document_face() {
  const char* env = std::getenv("JIUZHU_FONT");
  return TrueTypeFace::cached(env && *env ? env : kDefaultFont, 0);
}

Result<Layout> layout_document(DocumentKind kind, const PrintData& data, PaperSize paper,
                               std::shared_ptr<const TrueTypeFace> face) {
  if (paper == PaperSize::roll80 && kind != DocumentKind::receipt)
    return make_error("unsupported_paper", "只有回执可以打印在 80 毫米热敏纸上，其他文书请用 A4");
  const Paper p = paper == PaperSize::roll80 ? Paper::roll80() : Paper::a4();
  switch (kind) {
    case DocumentKind::receipt: return layout_receipt(data, p, std::move(face));
    case DocumentKind::application_form: return layout_application_form(data, p, std::move(face));
    case DocumentKind::proxy_authorization: return layout_proxy_authorization(data, p, std::move(face));
    case DocumentKind::verification_authorization:
      return layout_verification_authorization(data, p, std::move(face));
    case DocumentKind::materials_checklist: return layout_materials_checklist(data, p, std::move(face));
    case DocumentKind::visit_record: return layout_visit_record(data, p, std::move(face));
  }
  return make_error("unknown_document", "未知的文书种类");
}

Result<std::string> render_document(DocumentKind kind, const PrintData& data, PaperSize paper) {
  auto face = document_face();
  if (!face) return face.error();
  auto layout = layout_document(kind, data, paper, *face);
  if (!layout) return layout.error();
  return render_pdf(*layout, **face);
}

}  // namespace jiuzhu::printing
