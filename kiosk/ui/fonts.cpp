#include "kiosk/ui/fonts.h"

#include <imgui.h>

#include <chrono>
#include <fstream>

#include "kiosk/text/utf8.h"

namespace jiuzhu::kiosk {

Status FontAtlas::open(const std::string& path, int face_index) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("font_unreadable", "cannot open the font file", path);
  in.seekg(0, std::ios::end);
  auto n = static_cast<size_t>(in.tellg());
  in.seekg(0);
  data_.resize(n);
  if (!in.read(reinterpret_cast<char*>(data_.data()), static_cast<std::streamsize>(n)))
    return make_error("font_unreadable", "cannot read the font file", path);
  face_ = face_index;
  // Printable ASCII and the punctuation the keypad and numbers use, always.
  reset_dynamic();
  return Ok{};
}

void FontAtlas::reset_dynamic() {
  for (auto& g : glyphs_) {
    g.clear();
    for (char32_t c = 0x20; c < 0x7F; ++c) g.insert(c);
  }
  need_all("，。、：；？！（）“”《》…—·✓×←→↓☐");
  dirty_ = true;
}

bool FontAtlas::need(std::string_view text, FontSize size) {
  bool added = false;
  auto& set = glyphs_[static_cast<size_t>(size)];
  for (char32_t cp : code_points(text)) {
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

bool FontAtlas::rebuild_if_dirty() {
  if (!dirty_ || data_.empty()) return false;
  auto t0 = std::chrono::steady_clock::now();
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  // Ranges must outlive the build: the atlas keeps the pointers.
  static ImVector<ImWchar> ranges_by_size[5];
  for (int i = 0; i < 5; ++i) {
    ImFontGlyphRangesBuilder builder;
    for (char32_t cp : glyphs_[i]) builder.AddChar(static_cast<ImWchar>(cp));
    ImVector<ImWchar>& ranges = ranges_by_size[i];
    ranges.clear();
    builder.BuildRanges(&ranges);
    ImFontConfig cfg;
    cfg.FontNo = face_;
    cfg.FontDataOwnedByAtlas = false;  // data_ lives as long as this object
    cfg.OversampleH = 1;               // CJK at ≥ 32 px needs no horizontal oversampling
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    fonts_[i] = atlas->AddFontFromMemoryTTF(data_.data(), static_cast<int>(data_.size()),
                                           sizes_[i], &cfg, ranges.Data);
  }
  atlas->Build();
  unsigned char* px = nullptr;
  atlas->GetTexDataAsRGBA32(&px, &atlas_w_, &atlas_h_);
  dirty_ = false;
  last_build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return true;
}

}  // namespace jiuzhu::kiosk
