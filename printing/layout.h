// The layout engine: documents are composed top to bottom on a Flow, which measures and
// wraps every line, breaks pages (A4) or grows the page to fit (80 mm roll), and produces a
// Layout — positioned drawing operations per page — that pdf_render turns into a PDF.
//
// Composition never touches libharu, so the geometry is testable on its own and a document
// that cannot be laid out (a character the font lacks, a table row taller than a page,
// anything outside the printable area) fails as a Result before any PDF exists: there is no
// half-drawn page. Coordinates are points (1/72 in), origin at the page's top-left, y downwards.
//
// Thread-safety: a Flow is used by one thread; Layout is a plain value.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "printing/qr.h"
#include "printing/ttf_face.h"

namespace jiuzhu::printing {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double mm(double v) { return v * kPointsPerMm; }

struct Paper {
  double width = 0;   // points
  double height = 0;  // points; 0 = continuous roll, the page is cut to the content
  double margin = 0;  // on every side; also the printable-area inset checked at the end
  static Paper a4() { return {mm(210), mm(297), mm(18)}; }
  // 80 mm thermal roll: the head prints ~72 mm, so 4 mm each side stays blank.
  static Paper roll80() { return {mm(80), 0, mm(4)}; }
  bool is_roll() const { return height == 0; }
};

struct TextOp { std::u32string text; double x = 0, baseline = 0, size = 0, width = 0; };
struct RectOp { double x = 0, y = 0, w = 0, h = 0, line_width = 0.6; bool fill = false; bool dashed = false; };
struct LineOp { double x1 = 0, y1 = 0, x2 = 0, y2 = 0, line_width = 0.5; bool dashed = false; };
struct QrOp { QrCode code; double x = 0, y = 0, module = 0; };  // (x, y) of the first module
using DrawOp = std::variant<TextOp, RectOp, LineOp>;

struct LaidOutPage {
  double width = 0, height = 0;
  std::vector<DrawOp> ops;
  std::vector<QrOp> qrs;  // kept apart: a QR is big and drawn as one fill
};

struct Layout {
  std::string title;  // PDF metadata; never personal data
  std::vector<LaidOutPage> pages;
  std::set<char32_t> code_points;  // every character drawn (the font subset)
  double ascent_em = 0.8, descent_em = -0.2;

  // Checks that every operation lies inside its page's printable area (page minus `inset`
  // on each side). Error layout_overflow naming the page and the item.
  Status check_bounds(double inset) const;
};

enum class Align { left, center, right };

struct TextStyle {
  double size = 10;
  Align align = Align::left;
  double indent = 0;         // from the left content edge
  double line_height = 1.4;  // × size (the age-friendly rule asks ≥ 1.3)
};

class Flow {
 public:
  Flow(std::shared_ptr<const TrueTypeFace> face, Paper paper, std::string title);

  double content_width() const { return paper_.width - 2 * paper_.margin; }
  double left() const { return paper_.margin; }
  const TrueTypeFace& face() const { return *face_; }

  // A wrapped paragraph. Over-long text simply takes more lines (and pages).
  void text(std::string_view utf8, const TextStyle& style);
  // "label：value" with the value wrapped under itself (hanging indent after the label).
  void field(std::string_view label, std::string_view value, double size);
  // A horizontal rule across the content width.
  void rule(double line_width = 0.5, bool dashed = false);
  void space(double points);
  // A QR code `side` points wide (quiet zone of 4 modules included), centred, with an
  // optional caption line below it.
  void qr(std::string_view payload, double side, std::string_view caption = {}, double caption_size = 8);
  // Boxes in a row (signature, fingerprint): each {label, width}; the label sits inside at
  // the top-left. Widths are clamped to the content width.
  void boxes(const std::vector<std::pair<std::string, double>>& boxes, double height, double label_size);
  // "label ______________  日期：________" on one line (without the date part when !with_date).
  void signature_line(std::string_view label, double size, bool with_date = true);
  // A table with a header row repeated on each page. `weights` share the content width.
  // Body rows are at least `min_row_height` points tall (room to sign in a cell).
  void table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
             const std::vector<double>& weights, double size, double min_row_height = 0);
  // Starts a new page when less than `height` points remain (no effect on a roll).
  void keep(double height);
  void page_break();

  // Finishes: cuts a roll to its content, adds "第 i 页 / 共 n 页" on multi-page documents,
  // checks the bounds. Returns the first error met while composing, if any.
  Result<Layout> finish();

  // The first composing error so far (for callers that want to stop early).
  const std::optional<Error>& error() const { return error_; }

 private:
  double bottom() const { return paper_.is_roll() ? 1e9 : paper_.height - paper_.margin - footer_; }
  LaidOutPage& page() { return layout_.pages.back(); }
  void new_page();
  // Decodes, checks every glyph exists, records code points. Sets error_ on failure.
  std::optional<std::u32string> prepare(std::string_view utf8);
  void put_text(std::u32string line, double x, double baseline, double size);
  void fail(Error e) { if (!error_) error_ = std::move(e); }

  std::shared_ptr<const TrueTypeFace> face_;
  Paper paper_;
  Layout layout_;
  double y_ = 0;
  double footer_ = 0;
  std::optional<Error> error_;
};

}  // namespace jiuzhu::printing
