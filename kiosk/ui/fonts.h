// The CJK font atlas, built from the glyphs the kiosk actually needs, per size.
//
// Noto Sans CJK SC has ~21,000 glyphs per size; an atlas of all of them at kiosk sizes would
// be hundreds of MB. Instead the atlas holds the code points seen so far: every UI string,
// the policy catalog, the resident's data and the handwriting candidates. Drawing code calls
// need() with each text it shows; a new code point marks the atlas dirty and the app rebuilds
// it between frames (rebuild_if_dirty), so at most one frame shows a placeholder glyph.
// The font file is read once into memory and shared by all sizes.
//
// Thread-safety: UI thread only (it owns ImGui's font atlas).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/result.h"

struct ImFont;

namespace jiuzhu::kiosk {

enum class FontSize { small, body, large, title, huge };

class FontAtlas {
 public:
  // Reads the font collection (face `face_index`). Error: font_unreadable.
  Status open(const std::string& path, int face_index);

  // Records the code points of `text` at `size` (each size has its own glyph set: the huge
  // size only needs the few glyphs of titles and numbers); returns true if one was new.
  bool need(std::string_view text, FontSize size);
  // Forgets every glyph but ASCII and common punctuation (session end: the resident's name
  // and address leave the atlas); the UI re-adds what it draws next.
  void reset_dynamic();
  // need() at every size.
  void need_all(std::string_view text);
  bool dirty() const { return dirty_; }
  // Sets the pixel sizes (theme change); marks dirty when they differ.
  void set_sizes(float small, float body, float large, float title, float huge);

  // Rebuilds ImGui's atlas when dirty. The caller re-creates the renderer's font texture
  // when this returns true (ImGui_ImplSDLRenderer_DestroyFontsTexture/CreateFontsTexture).
  bool rebuild_if_dirty();

  ImFont* font(FontSize s) const { return fonts_[static_cast<size_t>(s)]; }
  size_t glyph_count() const;
  int atlas_width() const { return atlas_w_; }
  int atlas_height() const { return atlas_h_; }
  double last_build_ms() const { return last_build_ms_; }

 private:
  std::vector<unsigned char> data_;
  int face_ = 0;
  std::unordered_set<char32_t> glyphs_[5];
  float sizes_[5] = {32, 40, 52, 64, 96};
  ImFont* fonts_[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
  bool dirty_ = true;
  int atlas_w_ = 0, atlas_h_ = 0;
  double last_build_ms_ = 0;
};

}  // namespace jiuzhu::kiosk
