#include "kiosk/ui/fonts.h"

#include <imgui.h>
#include <stb/stb_truetype.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include "core/utf8.h"
#include "kiosk/text/wipe.h"

namespace jiuzhu::kiosk {
namespace {

// The font mapping, which ImGui's atlas believes it owns and must never free.
const char* g_font_begin = nullptr;
const char* g_font_end = nullptr;

void* imgui_alloc(size_t n, void*) { return std::malloc(n); }
void imgui_free(void* p, void*) {
  auto* c = static_cast<const char*>(p);
  if (c >= g_font_begin && c < g_font_end) return;
  std::free(p);
}

}  // namespace

struct FontAtlas::FaceInfo {
  stbtt_fontinfo info{};
  int ascent = 0, descent = 0, line_gap = 0;  // unscaled
};

FontAtlas::~FontAtlas() {
  if (data_) {
    munmap(data_, size_);
    g_font_begin = g_font_end = nullptr;
  }
}

Status FontAtlas::open(const std::string& path, int face_index) {
  if (data_) return make_error("font_unreadable", "the font is already open", path);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return make_error("font_unreadable", "cannot open the font file", path);
  struct stat st {};
  void* p = fstat(fd, &st) == 0 && st.st_size > 0
                ? mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0)
                : MAP_FAILED;
  ::close(fd);
  if (p == MAP_FAILED) return make_error("font_unreadable", "cannot read the font file", path);
  data_ = p;
  size_ = static_cast<size_t>(st.st_size);
  g_font_begin = static_cast<const char*>(data_);
  g_font_end = g_font_begin + size_;
  ImGui::SetAllocatorFunctions(imgui_alloc, imgui_free, nullptr);
  face_ = face_index;
  auto fi = std::make_shared<FaceInfo>();
  auto* bytes = static_cast<const unsigned char*>(data_);
  int offset = stbtt_GetFontOffsetForIndex(bytes, face_index);
  if (offset < 0 || !stbtt_InitFont(&fi->info, bytes, offset))
    return make_error("font_unreadable", "the font file has no such face", path);
  stbtt_GetFontVMetrics(&fi->info, &fi->ascent, &fi->descent, &fi->line_gap);
  face_info_ = std::move(fi);
  // Printable ASCII and the punctuation the keypad and numbers use, always.
  reset_dynamic();
  return Ok{};
}

void FontAtlas::reset_dynamic() {
  for (auto& g : glyphs_) {
    g.clear();
    for (char32_t c = 0x20; c < 0x7F; ++c) g.insert(c);
  }
  need_all("，。、：；？！（）“”《》…—·✓×←→↓");
  dirty_ = true;
}

bool FontAtlas::need(std::string_view text, FontSize size) {
  bool added = false;
  auto& set = glyphs_[static_cast<size_t>(size)];
  for (char32_t cp : utf8::decode_lossy(text)) {
    if (cp < 0x20 || cp > 0xFFFF) continue;  // ImWchar is 16-bit in Debian's build
    if (set.insert(cp).second) added = true;
  }
  if (added) dirty_ = true;
  return added;
}

void FontAtlas::need_all(std::string_view text) {
  for (int i = 0; i < 5; ++i) need(text, static_cast<FontSize>(i));
}

size_t FontAtlas::glyph_count() const {
  size_t n = 0;
  for (const auto& g : glyphs_) n += g.size();
  return n;
}

void FontAtlas::set_sizes(float small, float body, float large, float title, float huge) {
  float n[5] = {small, body, large, title, huge};
  for (int i = 0; i < 5; ++i)
    if (n[i] != sizes_[i]) {
      sizes_[i] = n[i];
      dirty_ = true;
    }
}

const FontAtlas::Bitmap& FontAtlas::bitmap(float px, char32_t cp) {
  auto [it, inserted] = cache_.try_emplace({px, cp});
  if (!inserted) return it->second;
  ++last_rasterised_;
  Bitmap& b = it->second;
  const stbtt_fontinfo* info = &face_info_->info;
  int glyph = stbtt_FindGlyphIndex(info, static_cast<int>(cp));
  float scale = stbtt_ScaleForPixelHeight(info, px);
  int advance = 0, lsb = 0;
  stbtt_GetGlyphHMetrics(info, glyph, &advance, &lsb);
  b.advance = std::round(static_cast<float>(advance) * scale);  // PixelSnapH, as ImGui does
  if (glyph == 0 && cp != 0x20) b.advance = 0;  // not in the font: left out (ImGui's fallback draws it)
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  stbtt_GetGlyphBitmapBox(info, glyph, scale, scale, &x0, &y0, &x1, &y1);
  b.w = x1 - x0;
  b.h = y1 - y0;
  b.xoff = static_cast<float>(x0);
  b.yoff = static_cast<float>(y0);
  if (b.w > 0 && b.h > 0) {
    b.alpha.assign(static_cast<size_t>(b.w) * static_cast<size_t>(b.h), 0);
    stbtt_MakeGlyphBitmap(info, b.alpha.data(), b.w, b.h, b.w, scale, scale, glyph);
  }
  return b;
}

bool FontAtlas::rebuild_if_dirty() {
  if (!dirty_ || !data_) return false;
  auto t0 = std::chrono::steady_clock::now();
  last_rasterised_ = 0;
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  // Only the space glyph goes through ImGui's rasteriser: it sets each font's metrics.
  static const ImWchar kSpaceOnly[] = {0x20, 0x20, 0};
  struct Pending {
    int rect;
    const Bitmap* bmp;
  };
  std::vector<Pending> pending;
  std::map<std::pair<float, char32_t>, Bitmap> keep;  // the cache minus the glyphs no longer needed
  double area = 0;
  for (int i = 0; i < 5; ++i) {
    ImFontConfig cfg;
    cfg.FontNo = face_;
    // "Owned" so that ImGui does not copy it; imgui_free() never frees it (see fonts.h).
    cfg.FontDataOwnedByAtlas = true;
    cfg.OversampleH = 1;  // CJK at ≥ 32 px needs no oversampling
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    fonts_[i] = atlas->AddFontFromMemoryTTF(data_, static_cast<int>(size_), sizes_[i], &cfg, kSpaceOnly);
    // ImGui's ascent (imgui_draw.cpp): floor(ascent × scale + 1); glyph tops hang from it.
    float scale = stbtt_ScaleForPixelHeight(&face_info_->info, sizes_[i]);
    float ascent = std::floor(static_cast<float>(face_info_->ascent) * scale + 1);
    for (char32_t cp : glyphs_[i]) {
      if (cp == 0x20) continue;
      const Bitmap& b = bitmap(sizes_[i], cp);
      if (b.advance <= 0) continue;
      // One pixel of padding right and below keeps neighbours from touching.
      int id = atlas->AddCustomRectFontGlyph(fonts_[i], static_cast<ImWchar>(cp), b.w + 1, b.h + 1, b.advance,
                                             ImVec2(b.xoff, b.yoff + ascent));
      pending.push_back({id, &b});
      area += static_cast<double>(b.w + 1) * (b.h + 1);
    }
  }
  // Same width rule as ImGui's builder (which counts only glyphs it rasterises itself).
  double side = std::sqrt(area) + 1;
  atlas->TexDesiredWidth = side >= 4096 * 0.7 ? 4096 : side >= 2048 * 0.7 ? 2048 : side >= 1024 * 0.7 ? 1024 : 512;
  atlas->Build();
  for (const auto& p : pending) {
    const ImFontAtlasCustomRect* r = atlas->GetCustomRectByIndex(p.rect);
    const Bitmap& b = *p.bmp;
    for (int y = 0; y < b.h; ++y)
      std::copy_n(b.alpha.data() + static_cast<size_t>(y) * static_cast<size_t>(b.w), b.w,
                  atlas->TexPixelsAlpha8 + static_cast<size_t>(r->Y + y) * static_cast<size_t>(atlas->TexWidth) + r->X);
  }
  // Forget the bitmaps no longer needed (theme change, or the last resident's glyphs).
  for (int i = 0; i < 5; ++i)
    for (char32_t cp : glyphs_[i])
      if (auto it = cache_.find({sizes_[i], cp}); it != cache_.end()) keep.insert(cache_.extract(it));
  cache_.swap(keep);
  unsigned char* px = nullptr;
  atlas->GetTexDataAsRGBA32(&px, &atlas_w_, &atlas_h_);
  dirty_ = false;
  last_build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return true;
}

}  // namespace jiuzhu::kiosk
