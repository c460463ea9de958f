#include "printing/roster.h"

#include "printing/documents.h"
#include "printing/layout.h"
#include "printing/pdf_render.h"

namespace jiuzhu::printing {

Result<std::string> render_table_document(const TableDocument& doc) {
  if (doc.title.empty()) return make_error("missing_field", "表格文书需要标题", "title");
  if (doc.headers.empty()) return make_error("bad_table", "表格至少需要一列", "headers");
  if (!doc.weights.empty() && doc.weights.size() != doc.headers.size())
    return make_error("bad_table", "列宽的个数与列数不一致", "weights");
  for (size_t i = 0; i < doc.rows.size(); ++i)
    if (doc.rows[i].size() != doc.headers.size())
      return make_error("bad_table", "第 " + std::to_string(i + 1) + " 行的列数与表头不一致",
                        "rows[" + std::to_string(i) + "]");
  if (doc.font_size < 6 || doc.font_size > 20)
    return make_error("bad_value", "字号应在 6 到 20 磅之间", "font_size");
  auto face = document_face();
  if (!face) return face.error();
  Paper paper = Paper::a4();
  if (doc.landscape) std::swap(paper.width, paper.height);
  Flow f(*face, paper, doc.title);
  f.text(doc.title, {doc.font_size * 1.6, Align::center, 0, 1.5});
  for (const auto& line : doc.subtitle) f.text(line, {doc.font_size, Align::center, 0, 1.5});
  f.space(4);
  std::vector<double> weights = doc.weights.empty() ? std::vector<double>(doc.headers.size(), 1.0) : doc.weights;
  f.table(doc.headers, doc.rows, weights, doc.font_size);
  auto layout = f.finish();
  if (!layout) return layout.error();
  return render_pdf(*layout, **face);
}

}  // namespace jiuzhu::printing
