// The CJK font atlas, built from the glyphs the kiosk actually needs, per size.
//
// Noto Sans CJK SC has ~21,000 glyphs per size; an atlas of all of them at kiosk sizes would
// be hundreds of MB. Instead the atlas holds the code points seen so far: every UI string,
// the policy catalog, the resident's data and the handwriting candidates. Drawing code calls
// need() with each text it shows; a new code point marks the atlas dirty and the app rebuilds
// it between frames (rebuild_if_dirty), so at most one frame shows a placeholder glyph.
// Time: a rebuild must fit in a frame. Dear ImGui's own builder re-rasterises every glyph of
// every size on each Build() (50–110 ms for ~1,400 CJK glyphs, measured), so the atlas keeps
// its own cache of rasterised glyph bitmaps (stb_truetype, the same rasteriser and metrics
// ImGui uses) and hands them to ImGui as custom-rect font glyphs: a rebuild rasterises only
// the new code points, then packs and copies. Only the space glyph of each size goes through
// ImGui's rasteriser (it sets up each font's ascent, descent and fallback).
//
// Memory: the font collection (19.5 MB) is mapped read-only, not read into the heap, so only
// the pages the rasteriser touches count towards RSS; and the five sizes share that one
// mapping. Dear ImGui 1.86 copies the font data of every AddFont() unless the atlas "owns" it
// (five sizes → five 19.5 MB heap copies, ~100 MB, measured with heaptrack), so the atlas is
// told it owns the mapping, and open() installs ImGui allocator functions whose free ignores
// pointers into the mapping. Hence at most one open FontAtlas per process, opened before
// ImGui::CreateContext() and destroyed after ImGui::DestroyContext().
//
// Thread-safety: UI thread only (it owns ImGui's font atlas).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
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
  FontAtlas() = default;
  ~FontAtlas();
  FontAtlas(const FontAtlas&) = delete;
  FontAtlas& operator=(const FontAtlas&) = delete;

  // Maps the font collection (face `face_index`) and installs the ImGui allocator functions
  // (see above). Call once, before ImGui::CreateContext(). Error: font_unreadable.
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
  // Glyphs rasterised by the last rebuild (the others came from the cache).
  size_t last_rasterised() const { return last_rasterised_; }
  int atlas_width() const { return atlas_w_; }
  int atlas_height() const { return atlas_h_; }
  double last_build_ms() const { return last_build_ms_; }

 private:
  struct Bitmap {
    int w = 0, h = 0;
    float xoff = 0, yoff = 0, advance = 0;
    std::vector<unsigned char> alpha;
  };
  struct FaceInfo;  // stb_truetype's font info (kept out of this header)
  // The cached bitmap of `cp` at `px` pixels, rasterised on first use.
  const Bitmap& bitmap(float px, char32_t cp);

  std::shared_ptr<FaceInfo> face_info_;
  std::map<std::pair<float, char32_t>, Bitmap> cache_;
  size_t last_rasterised_ = 0;
  void* data_ = nullptr;  // the read-only mapping of the font file
  size_t size_ = 0;
  int face_ = 0;
  std::unordered_set<char32_t> glyphs_[5];
  float sizes_[5] = {32, 40, 52, 64, 96};
  ImFont* fonts_[5] = {nullptr, nullptr, nullptr, nullptr, nullptr};
  bool dirty_ = true;
  int atlas_w_ = 0, atlas_h_ = 0;
  double last_build_ms_ = 0;
};

}  // namespace jiuzhu::kiosk
