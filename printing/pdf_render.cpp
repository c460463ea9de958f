#include "printing/pdf_render.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/utf8.h"

namespace jiuzhu::printing {
namespace {

struct HpdfError {
  HPDF_STATUS code = 0, detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* e = static_cast<HpdfError*>(user);
  if (e->code == 0) e->code = code, e->detail = detail;
}

Error pdf_error(const HpdfError& e, const char* step) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "PDF 生成失败（%s，libharu 错误 0x%04X/%u）", step, unsigned(e.code),
                unsigned(e.detail));
  return make_error("pdf_failed", buf);
}

// A subset-font tag (six capitals, as PDF subsets are named) derived from the characters used.
std::string subset_tag(const std::set<char32_t>& cps) {
  uint64_t h = 1469598103934665603ull;
  for (char32_t c : cps) h = (h ^ c) * 1099511628211ull;
  std::string tag(6, 'A');
  for (auto& ch : tag) ch = char('A' + (h % 26)), h /= 26;
  return tag;
}

// What HPDF_LoadTTFontFromFile does, from a memory buffer: parse the font definition from a
// libharu memory stream (owned by the definition afterwards), register it, tag it as a subset.
const char* load_font_from_memory(HPDF_Doc pdf, const std::string& ttf, const std::string& tag) {
  HPDF_Stream stream = HPDF_MemStream_New(pdf->mmgr, HPDF_UINT(ttf.size()) + 16);
  if (!stream) return nullptr;
  if (HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(ttf.data()), HPDF_UINT(ttf.size())) != HPDF_OK) {
    HPDF_Stream_Free(stream);
    return nullptr;
  }
  HPDF_FontDef def = HPDF_TTFontDef_Load(pdf->mmgr, stream, HPDF_TRUE);  // frees the stream on failure
  if (!def) return nullptr;
  if (HPDF_Doc_RegisterFontDef(pdf, def) != HPDF_OK) return nullptr;  // frees def on failure
  std::string t = tag;
  HPDF_TTFontDef_SetTagName(def, t.data());
  return def->base_font;
}

// libharu 2.3.0 gives its UTF-8 fonts a ToUnicode "CMap" that uses cidrange operators, which
// is invalid there (poppler warns and guesses) and would be wrong for our remapped codes anyway:
// write the real map, code → the character it stands for.
// Codes given to a document's characters, in order (see TrueTypeFace::subset_remapped).
constexpr char32_t kFirstCode = 0x100;

bool replace_to_unicode(HPDF_Doc pdf, HPDF_Font font, const std::vector<char32_t>& cps) {
  auto* attr = static_cast<HPDF_FontAttr>(font->attr);
  HPDF_Dict cmap = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
  if (!cmap) return false;
  std::string t =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (size_t i = 0; i < cps.size(); i += 100) {  // at most 100 entries per block
    size_t n = std::min<size_t>(100, cps.size() - i);
    t += std::to_string(n) + " beginbfchar\n";
    for (size_t k = i; k < i + n; ++k) {
      char buf[24];
      std::snprintf(buf, sizeof buf, "<%04X> <%04X>\n", unsigned(kFirstCode + k), unsigned(cps[k]));
      t += buf;
    }
    t += "endbfchar\n";
  }
  t += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  if (HPDF_Stream_Write(cmap->stream, reinterpret_cast<const HPDF_BYTE*>(t.data()), HPDF_UINT(t.size())) != HPDF_OK)
    return false;
  if (HPDF_Dict_Add(font, "ToUnicode", cmap) != HPDF_OK) return false;
  if (attr->cmap_stream) HPDF_MemStream_FreeData(attr->cmap_stream->stream);  // the old one stays empty
  attr->cmap_stream = cmap;  // so libharu compresses it like the rest
  return true;
}

}  // namespace

Result<std::string> render_pdf(const Layout& layout, const TrueTypeFace& face) {
  // Each character drawn gets a consecutive code from kFirstCode; the text, the font's cmap and
  // the ToUnicode map all use these codes, so copy-and-paste and pdftotext still give the
  // characters while libharu's per-code work shrinks from 65536 codes to a few hundred.
  const std::vector<char32_t> cps(layout.code_points.begin(), layout.code_points.end());
  std::unordered_map<char32_t, char32_t> code_of;
  for (size_t i = 0; i < cps.size(); ++i) code_of.emplace(cps[i], kFirstCode + char32_t(i));
  auto encode = [&](const std::u32string& text) {
    std::u32string coded;
    coded.reserve(text.size());
    for (char32_t c : text) coded.push_back(code_of.at(c));
    return utf8::encode(coded);
  };
  for (const auto& lp : layout.pages)
    for (const auto& op : lp.ops)
      if (auto* t = std::get_if<TextOp>(&op))
        for (char32_t c : t->text)
          if (!code_of.count(c)) return make_error("layout_invalid", "版面中的文字不在字符集中");
  auto ttf = face.subset_remapped(cps, kFirstCode);
  if (!ttf) return ttf.error();

  HpdfError err;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, decltype(&HPDF_Free)> doc(HPDF_New(on_error, &err), &HPDF_Free);
  if (!doc) return make_error("pdf_failed", "PDF 生成失败（内存不足）");
  HPDF_Doc pdf = doc.get();
  HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf);
  // Info strings are converted by the current encoder: without one libharu writes the UTF-8
  // bytes as they are, which viewers read as PDFDocEncoding (mojibake in Chromium's title bar).
  // With the UTF-8 encoder it writes PDF text strings in UTF-16BE with the byte order mark
  // (<FEFF…>, PDF 32000-1 §7.9.2.2). Fonts name their encoding explicitly, so nothing else changes.
  HPDF_SetCurrentEncoder(pdf, "UTF-8");
  HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "Jiuzhu");
  if (!layout.title.empty()) HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, layout.title.c_str());
  if (err.code) return pdf_error(err, "初始化");

  const char* name = load_font_from_memory(pdf, *ttf, subset_tag(layout.code_points));
  if (!name || err.code) return pdf_error(err, "载入字体");
  HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
  if (!font || err.code) return pdf_error(err, "字体编码");
  if (!replace_to_unicode(pdf, font, cps) || err.code) return pdf_error(err, "ToUnicode");

  for (const auto& lp : layout.pages) {
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetWidth(page, HPDF_REAL(lp.width));
    HPDF_Page_SetHeight(page, HPDF_REAL(lp.height));
    const double H = lp.height;

    // Lines and boxes first, then QR codes (one fill each), then all text in one text object.
    for (const auto& op : lp.ops) {
      if (auto* l = std::get_if<LineOp>(&op)) {
        HPDF_Page_SetLineWidth(page, HPDF_REAL(l->line_width));
        if (l->dashed) {
          static const HPDF_UINT16 dash[] = {3, 2};
          HPDF_Page_SetDash(page, dash, 2, 0);
        }
        HPDF_Page_MoveTo(page, HPDF_REAL(l->x1), HPDF_REAL(H - l->y1));
        HPDF_Page_LineTo(page, HPDF_REAL(l->x2), HPDF_REAL(H - l->y2));
        HPDF_Page_Stroke(page);
        if (l->dashed) HPDF_Page_SetDash(page, nullptr, 0, 0);
      } else if (auto* r = std::get_if<RectOp>(&op)) {
        HPDF_Page_SetLineWidth(page, HPDF_REAL(r->line_width));
        HPDF_Page_Rectangle(page, HPDF_REAL(r->x), HPDF_REAL(H - r->y - r->h), HPDF_REAL(r->w), HPDF_REAL(r->h));
        if (r->fill) HPDF_Page_Fill(page); else HPDF_Page_Stroke(page);
      }
    }
    for (const auto& qr : lp.qrs) {
      const QrOp* q = &qr;
      const double m = q->module;
      // One rectangle per horizontal run of dark modules, all filled at once; a hair of
      // overlap keeps rasterisers from leaving seams between rows.
      for (int y = 0; y < q->code.size; ++y) {
        int x = 0;
        while (x < q->code.size) {
          if (!q->code.at(x, y)) { ++x; continue; }
          int run = x;
          while (run < q->code.size && q->code.at(run, y)) ++run;
          HPDF_Page_Rectangle(page, HPDF_REAL(q->x + x * m), HPDF_REAL(H - q->y - (y + 1) * m - 0.02),
                              HPDF_REAL((run - x) * m), HPDF_REAL(m + 0.04));
          x = run;
        }
      }
      HPDF_Page_Fill(page);
    }
    bool in_text = false;
    double cur_size = 0;
    for (const auto& op : lp.ops) {
      auto* t = std::get_if<TextOp>(&op);
      if (!t) continue;
      if (!in_text) HPDF_Page_BeginText(page), in_text = true;
      if (t->size != cur_size) HPDF_Page_SetFontAndSize(page, font, HPDF_REAL(t->size)), cur_size = t->size;
      HPDF_Page_TextOut(page, HPDF_REAL(t->x), HPDF_REAL(H - t->baseline), encode(t->text).c_str());
    }
    if (in_text) HPDF_Page_EndText(page);
    if (err.code) return pdf_error(err, "绘制页面");
  }

  if (HPDF_SaveToStream(pdf) != HPDF_OK || err.code) return pdf_error(err, "保存");
  HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
  std::string out(size, '\0');
  HPDF_UINT32 got = size;
  if (HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &got) != HPDF_OK && got != size)
    return pdf_error(err, "读出");
  out.resize(got);
  return out;
}

}  // namespace jiuzhu::printing
