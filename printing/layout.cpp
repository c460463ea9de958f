#include "printing/layout.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "printing/text_wrap.h"
#include "core/utf8.h"

namespace jiuzhu::printing {
namespace {

constexpr double kFooterSize = 8;

std::string describe(const DrawOp& op) {
  if (std::holds_alternative<TextOp>(op)) return "文字";
  return "线框";
}

}  // namespace

Status Layout::check_bounds(double inset) const {
  const double eps = 0.01;
  for (size_t p = 0; p < pages.size(); ++p) {
    const auto& page = pages[p];
    double x0 = inset - eps, y0 = inset - eps, x1 = page.width - inset + eps, y1 = page.height - inset + eps;
    for (const auto& op : page.ops) {
      double ax = 0, ay = 0, bx = 0, by = 0;
      if (auto* t = std::get_if<TextOp>(&op)) {
        ax = t->x, bx = t->x + t->width;
        ay = t->baseline - ascent_em * t->size, by = t->baseline - descent_em * t->size;
      } else if (auto* r = std::get_if<RectOp>(&op)) {
        ax = r->x, ay = r->y, bx = r->x + r->w, by = r->y + r->h;
      } else if (auto* l = std::get_if<LineOp>(&op)) {
        ax = std::min(l->x1, l->x2), bx = std::max(l->x1, l->x2);
        ay = std::min(l->y1, l->y2), by = std::max(l->y1, l->y2);
      }
      if (ax < x0 || ay < y0 || bx > x1 || by > y1)
        return make_error("layout_overflow",
                          "第 " + std::to_string(p + 1) + " 页有" + describe(op) + "超出可打印区域");
    }
    for (const auto& q : page.qrs) {
      double side = q.module * q.code.size;
      if (q.x < x0 || q.y < y0 || q.x + side > x1 || q.y + side > y1)
        return make_error("layout_overflow", "第 " + std::to_string(p + 1) + " 页有二维码超出可打印区域");
    }
  }
  return Ok{};
}

Flow::Flow(std::shared_ptr<const TrueTypeFace> face, Paper paper, std::string title)
    : face_(std::move(face)), paper_(paper) {
  layout_.title = std::move(title);
  layout_.ascent_em = face_->ascent_em();
  layout_.descent_em = face_->descent_em();
  footer_ = paper_.is_roll() ? 0 : kFooterSize * 2;
  new_page();
}

void Flow::new_page() {
  layout_.pages.push_back({paper_.width, paper_.is_roll() ? 0 : paper_.height, {}, {}});
  y_ = paper_.margin;
}

void Flow::page_break() {
  if (!paper_.is_roll()) new_page();
}

void Flow::keep(double height) {
  if (!paper_.is_roll() && y_ + height > bottom() && y_ > paper_.margin + 0.01) new_page();
}

std::optional<std::u32string> Flow::prepare(std::string_view utf8) {
  auto decoded = utf8::decode(utf8);
  if (!decoded) {
    fail(decoded.error());
    return std::nullopt;
  }
  std::u32string out;
  out.reserve(decoded->size());
  for (char32_t c : *decoded) {
    if (c == U'\t') c = U' ';
    if (c == U'\r') continue;
    if (c != U'\n' && !face_->has_glyph(c)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", unsigned(c));
      // The character itself may be part of a name: name only its code point.
      fail(make_error("unprintable_character", std::string("字体中没有字符 ") + buf + "，无法打印"));
      return std::nullopt;
    }
    out.push_back(c);
  }
  return out;
}

void Flow::put_text(std::u32string line, double x, double baseline, double size) {
  if (line.empty()) return;
  for (char32_t c : line) layout_.code_points.insert(c);
  double w = text_width(*face_, line, size);
  page().ops.push_back(TextOp{std::move(line), x, baseline, size, w});
}

void Flow::text(std::string_view utf8, const TextStyle& style) {
  auto t = prepare(utf8);
  if (!t) return;
  double width = content_width() - style.indent;
  double lh = style.size * style.line_height;
  for (auto& line : wrap_text(*face_, *t, style.size, width)) {
    keep(lh);
    double w = text_width(*face_, line, style.size);
    double x = left() + style.indent;
    if (style.align == Align::center) x = left() + style.indent + (width - w) / 2;
    if (style.align == Align::right) x = left() + style.indent + (width - w);
    // Baseline placed so that the line box [y_, y_+lh) holds the ascent with the leading split.
    double baseline = y_ + (lh - style.size) / 2 + face_->ascent_em() * style.size;
    put_text(std::move(line), x, baseline, style.size);
    y_ += lh;
  }
}

void Flow::field(std::string_view label, std::string_view value, double size) {
  auto l = prepare(std::string(label) + "：");
  auto v = prepare(value);
  if (!l || !v) return;
  double lw = text_width(*face_, *l, size);
  double lh = size * 1.4;
  // A label wider than half the line puts the value on the following lines instead.
  bool hanging = lw <= content_width() / 2;
  // A number or code (no Chinese in it) that would be cut beside the label but fits whole on
  // a line of its own goes below the label: an application or ID number is never split.
  const bool code = std::none_of(v->begin(), v->end(), [](char32_t c) { return c >= 0x2E80; });
  if (hanging && code && text_width(*face_, *v, size) > content_width() - lw &&
      text_width(*face_, *v, size) <= content_width() - size)
    hanging = false;
  double vx = left() + (hanging ? lw : size);
  auto lines = wrap_text(*face_, *v, size, content_width() - (vx - left()));
  if (lines.empty()) lines.emplace_back();
  keep(lh * std::min<size_t>(lines.size() + (hanging ? 0 : 1), 3));
  double baseline = y_ + (lh - size) / 2 + face_->ascent_em() * size;
  put_text(*l, left(), baseline, size);
  if (!hanging) y_ += lh;
  for (auto& line : lines) {
    keep(lh);
    baseline = y_ + (lh - size) / 2 + face_->ascent_em() * size;
    put_text(std::move(line), vx, baseline, size);
    y_ += lh;
  }
}

void Flow::rule(double line_width, bool dashed) {
  keep(6);
  y_ += 3;
  page().ops.push_back(LineOp{left(), y_, left() + content_width(), y_, line_width, dashed});
  y_ += 3;
}

void Flow::space(double points) {
  y_ += points;
  if (!paper_.is_roll() && y_ > bottom()) new_page();
}

void Flow::qr(std::string_view payload, double side, std::string_view caption, double caption_size) {
  auto code = make_qr(payload);
  if (!code) {
    fail(code.error());
    return;
  }
  side = std::min(side, content_width());
  double module = side / (code->size + 8);  // 4-module quiet zone each side
  keep(side + (caption.empty() ? 0 : caption_size * 1.6));
  double x0 = left() + (content_width() - side) / 2 + 4 * module;
  page().qrs.push_back(QrOp{std::move(*code), x0, y_ + 4 * module, module});
  y_ += side;
  if (!caption.empty()) text(caption, {caption_size, Align::center, 0, 1.4});
}

void Flow::boxes(const std::vector<std::pair<std::string, double>>& items, double height, double label_size) {
  if (items.empty()) return;
  keep(height + 4);
  double gap = 8;
  double total = 0;
  for (auto& [label, w] : items) total += w;
  total += gap * (items.size() > 0 ? items.size() - 1 : 0);
  double scale = total > content_width() ? (content_width() - gap * (items.size() - 1)) / (total - gap * (items.size() - 1)) : 1.0;
  double x = left();
  for (auto& [label, w] : items) {
    double bw = w * scale;
    page().ops.push_back(RectOp{x, y_, bw, height, 0.6, false, false});
    if (auto l = prepare(label)) {
      auto lines = wrap_text(*face_, *l, label_size, bw - 6);
      double baseline = y_ + 3 + face_->ascent_em() * label_size;
      for (auto& line : lines) {
        if (baseline - face_->descent_em() * label_size > y_ + height) break;
        put_text(std::move(line), x + 3, baseline, label_size);
        baseline += label_size * 1.3;
      }
    }
    x += bw + gap;
  }
  y_ += height + 4;
}

void Flow::signature_line(std::string_view label, double size, bool with_date) {
  auto l = prepare(label);
  auto d = prepare("日期：");
  if (!l || !d) return;
  double lh = size * 2.4;  // room to sign above the line
  keep(lh);
  double baseline = y_ + lh - size * 0.5;
  double lw = text_width(*face_, *l, size);
  double dw = text_width(*face_, *d, size);
  double date_line = std::min(mm(32), content_width() * 0.3);
  double right_end = left() + content_width();
  double date_x = with_date ? right_end - date_line - dw : right_end + 8;
  put_text(*l, left(), baseline, size);
  double sig_start = left() + lw + 2;
  double sig_end = std::max(sig_start + 10, date_x - 8);
  page().ops.push_back(LineOp{sig_start, baseline + 2, sig_end, baseline + 2, 0.5, false});
  if (with_date) {
    put_text(*d, date_x, baseline, size);
    page().ops.push_back(LineOp{date_x + dw, baseline + 2, right_end, baseline + 2, 0.5, false});
  }
  y_ += lh;
}

void Flow::table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows,
                 const std::vector<double>& weights, double size, double min_row_height) {
  const size_t cols = headers.size();
  if (cols == 0 || weights.size() != cols) {
    fail(make_error("bad_table", "表格的列数与列宽不一致"));
    return;
  }
  double sum = 0;
  for (double w : weights) sum += w;
  std::vector<double> widths(cols), xs(cols);
  double x = left();
  for (size_t c = 0; c < cols; ++c) {
    widths[c] = content_width() * weights[c] / sum;
    xs[c] = x;
    x += widths[c];
  }
  const double pad = 3, lh = size * 1.35;
  auto wrap_row = [&](const std::vector<std::string>& cells) -> std::optional<std::vector<std::vector<std::u32string>>> {
    if (cells.size() != cols) {
      fail(make_error("bad_table", "表格行的列数不对"));
      return std::nullopt;
    }
    std::vector<std::vector<std::u32string>> out(cols);
    for (size_t c = 0; c < cols; ++c) {
      auto t = prepare(cells[c]);
      if (!t) return std::nullopt;
      out[c] = wrap_text(*face_, *t, size, widths[c] - 2 * pad);
    }
    return out;
  };
  auto row_height = [&](const std::vector<std::vector<std::u32string>>& r, bool header) {
    size_t n = 1;
    for (auto& c : r) n = std::max(n, c.size());
    return std::max(double(n) * lh + 2 * pad, header ? 0.0 : min_row_height);
  };
  auto draw_row = [&](std::vector<std::vector<std::u32string>> r, bool header) {
    double h = row_height(r, header);
    for (size_t c = 0; c < cols; ++c) {
      page().ops.push_back(RectOp{xs[c], y_, widths[c], h, header ? 0.8 : 0.5, false, false});
      double baseline = y_ + pad + (lh - size) / 2 + face_->ascent_em() * size;
      for (auto& line : r[c]) {
        put_text(std::move(line), xs[c] + pad, baseline, size);
        baseline += lh;
      }
    }
    y_ += h;
  };
  auto head = wrap_row(headers);
  if (!head) return;
  double head_h = row_height(*head, true);
  std::vector<std::vector<std::vector<std::u32string>>> body;
  for (auto& r : rows) {
    auto w = wrap_row(r);
    if (!w) return;
    if (!paper_.is_roll() && head_h + row_height(*w, false) > bottom() - paper_.margin) {
      fail(make_error("layout_overflow", "表格的一行超过一页的高度"));
      return;
    }
    body.push_back(std::move(*w));
  }
  // The header and at least the first row stay together.
  keep(head_h + (body.empty() ? 0 : row_height(body.front(), false)));
  draw_row(*head, true);
  for (auto& r : body) {
    double h = row_height(r, false);
    if (!paper_.is_roll() && y_ + h > bottom()) {
      new_page();
      draw_row(*head, true);
    }
    draw_row(std::move(r), false);
  }
  y_ += 4;
}

Result<Layout> Flow::finish() {
  if (error_) return *error_;
  // Strip blank trailing pages (a page break right at the end).
  while (layout_.pages.size() > 1 && layout_.pages.back().ops.empty() && layout_.pages.back().qrs.empty()) layout_.pages.pop_back();
  if (paper_.is_roll()) {
    // Cut the roll after the content plus the bottom margin (and a little feed for the cutter).
    page().height = y_ + paper_.margin + mm(4);
  } else if (layout_.pages.size() > 1) {
    const size_t n = layout_.pages.size();
    for (size_t i = 0; i < n; ++i) {
      auto label = utf8::decode("第 " + std::to_string(i + 1) + " 页 / 共 " + std::to_string(n) + " 页");
      double w = text_width(*face_, *label, kFooterSize);
      double baseline = paper_.height - paper_.margin - face_->descent_em() * kFooterSize;
      for (char32_t c : *label) layout_.code_points.insert(c);
      layout_.pages[i].ops.push_back(TextOp{*label, (paper_.width - w) / 2, baseline - 1, kFooterSize, w});
    }
  }
  // Printable area: the margin, less a millimetre of tolerance for rules drawn on the edge.
  if (auto st = layout_.check_bounds(paper_.margin - mm(1)); !st) return st.error();
  return std::move(layout_);
}

}  // namespace jiuzhu::printing
