// TrueTypeFace: one TrueType (glyf) face parsed from a .ttf or a .ttc collection, with the
// metrics layout needs and a subsetter that writes a small standalone TrueType font.
//
// Why this exists: libharu embeds a TrueType font by copying every table except glyf whole,
// so WenQuanYi Micro Hei's 540 KB post table, 200 KB loca and 200 KB hmtx end up in every
// receipt (~90 KB compressed) and libharu spends ~50 ms walking its large cmap. We measure
// text ourselves from the parsed face, and give libharu a font that holds only the glyphs a
// document uses (renumbered 0..n-1, composite components included, a small format-4 cmap,
// a version-3 post table). See docs/printing.md for the figures.
//
// Thread-safety: a TrueTypeFace is immutable after load(); all const methods may be called
// from any thread. cached() loads each (path, index) once and is thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace jiuzhu::printing {

class TrueTypeFace {
 public:
  // Reads the whole file and parses face `face_index` (0 for a plain .ttf). Errors:
  // font_unreadable (I/O), font_invalid (not TrueType/glyf, truncated or inconsistent tables).
  static Result<std::shared_ptr<const TrueTypeFace>> load(const std::string& path, int face_index);
  // Parses from bytes already in memory (tests; fonts shipped in a bundle).
  static Result<std::shared_ptr<const TrueTypeFace>> parse(std::string bytes, int face_index);
  // load(), memoised per (path, face_index) for the life of the process; failures are not cached.
  static Result<std::shared_ptr<const TrueTypeFace>> cached(const std::string& path, int face_index);

  // Glyph id for a Unicode code point, 0 (.notdef) when the face has none. BMP only, as the
  // PDF side (libharu's UTF-8 encoder, cmap format 4) is BMP only.
  uint16_t glyph_for(char32_t cp) const;
  bool has_glyph(char32_t cp) const { return glyph_for(cp) != 0; }
  // Advance width of a glyph in font units.
  uint16_t advance(uint16_t glyph) const;
  // Advance of a code point as a fraction of the em (multiply by the font size in points).
  double advance_em(char32_t cp) const { return advance(glyph_for(cp)) / double(units_per_em_); }
  int units_per_em() const { return units_per_em_; }
  double ascent_em() const { return ascent_ / double(units_per_em_); }
  double descent_em() const { return descent_ / double(units_per_em_); }  // negative
  uint16_t glyph_count() const { return num_glyphs_; }

  // Writes a standalone TrueType font holding .notdef and the glyphs of `code_points` (and the
  // components of composite glyphs), with the tables libharu embeds. Code points the face lacks
  // are ignored. Errors: font_invalid when a glyph record is malformed.
  Result<std::string> subset(const std::set<char32_t>& code_points) const;
  // Like subset(), but the new font's cmap maps code `first_code + i` to the glyph of
  // `code_points[i]` (code_points sorted, distinct). The PDF renderer uses this to give the
  // characters of a document consecutive codes: libharu's per-font work (a CIDToGIDMap up to
  // the highest code, a lookup for each of 65536 codes) then stays small. Requires
  // first_code + size ≤ U+D800.
  Result<std::string> subset_remapped(const std::vector<char32_t>& code_points, char32_t first_code) const;

 private:
  TrueTypeFace() = default;
  struct Table { uint32_t offset = 0, length = 0; bool present = false; };
  Status parse_tables(int face_index);
  std::string_view table(const Table& t) const { return std::string_view(bytes_).substr(t.offset, t.length); }
  // Byte range of a glyph inside glyf (empty for blank glyphs).
  std::string_view glyph_data(uint16_t glyph) const;
  // (code in the new font, code point in this face), sorted by code.
  Result<std::string> subset_codes(const std::vector<std::pair<char32_t, char32_t>>& code_to_cp) const;

  std::string bytes_;
  Table os2_, cmap_, cvt_, fpgm_, glyf_, head_, hhea_, hmtx_, loca_, maxp_, name_, post_, prep_;
  std::vector<uint16_t> bmp_to_glyph_;  // 65536 entries
  std::vector<uint32_t> loca_offsets_;  // num_glyphs_ + 1
  uint16_t num_glyphs_ = 0;
  uint16_t num_hmetrics_ = 0;
  int units_per_em_ = 1000;
  int ascent_ = 800, descent_ = -200;
};

}  // namespace jiuzhu::printing
