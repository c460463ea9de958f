// A generic table document (花名册, rosters, lists): a title, optional subtitle lines, column
// headers and rows, paginated on A4 (portrait or landscape) with the header row repeated on
// every page and "第 i 页 / 共 n 页" at the foot. For discovery queues, key-group rosters and
// any other list the backend prints. Cells wrap by measured width; a row taller than a page
// is an error (layout_overflow), never a clipped row.
//
// Callers decide what goes in the cells: mask ID numbers (core mask_id_number) and names
// (mask_name) for anything that leaves the office.
//
// Thread-safety: reentrant; the font face is shared read-only.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace jiuzhu::printing {

struct TableDocument {
  std::string title;                       // also the PDF title: keep personal data out
  std::vector<std::string> subtitle;       // lines under the title (area, date, source)
  std::vector<std::string> headers;
  std::vector<double> weights;             // relative column widths; empty = equal
  std::vector<std::vector<std::string>> rows;
  bool landscape = false;
  double font_size = 9;
};

// Lays out and renders with the document face. Errors: bad_table (no headers, a row with the
// wrong number of cells, weights not matching), missing_field (no title), and the layout
// engine's (unprintable_character, layout_overflow).
Result<std::string> render_table_document(const TableDocument& doc);

}  // namespace jiuzhu::printing
