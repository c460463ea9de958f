// kiosk_rasterise_pictograms: the build step that turns the kiosk's pictograms into PNG files.
//
//   kiosk_rasterise_pictograms FONT MANIFEST OUT_DIR
//
// MANIFEST (assets/kiosk/pictograms.txt) names one pictogram a line: "<name> U+<hex>", '#'
// comments. Each is the glyph of that code point in FONT — Debian's Noto Color Emoji
// (fonts-noto-color-emoji, OFL-1.1), whose glyphs are colour bitmaps (CBDT) in one strike of
// 136×128 px — rasterised by FreeType (FT_LOAD_COLOR: premultiplied BGRA) and written as
// OUT_DIR/<name>.png (straight RGBA, stb_image_write). The kiosk draws them as textures scaled
// to the size each screen needs (kiosk/ui/pictograms.h). A code point the font lacks is an
// error (exit 1): a pictogram never silently goes missing from a build.
#include <ft2build.h>
#include FT_FREETYPE_H

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: kiosk_rasterise_pictograms FONT MANIFEST OUT_DIR\n";
    return 2;
  }
  // Owned by these, so that every return releases them.
  FT_Library lib_raw = nullptr;
  FT_Face face_raw = nullptr;
  if (FT_Init_FreeType(&lib_raw)) return 1;
  std::unique_ptr<FT_LibraryRec_, decltype(&FT_Done_FreeType)> lib(lib_raw, &FT_Done_FreeType);
  if (FT_New_Face(lib.get(), argv[1], 0, &face_raw)) {
    std::cerr << "kiosk_rasterise_pictograms: cannot open font " << argv[1] << "\n";
    return 1;
  }
  std::unique_ptr<FT_FaceRec_, decltype(&FT_Done_Face)> face_owner(face_raw, &FT_Done_Face);
  FT_Face face = face_raw;
  // A colour bitmap font has fixed strikes only: take the largest.
  if (face->num_fixed_sizes > 0) {
    int best = 0;
    for (int i = 1; i < face->num_fixed_sizes; ++i)
      if (face->available_sizes[i].height > face->available_sizes[best].height) best = i;
    FT_Select_Size(face, best);
  } else {
    FT_Set_Pixel_Sizes(face, 0, 128);
  }
  std::ifstream manifest(argv[2]);
  if (!manifest) {
    std::cerr << "kiosk_rasterise_pictograms: cannot read " << argv[2] << "\n";
    return 1;
  }
  int written = 0, line_no = 0;
  std::string line;
  while (std::getline(manifest, line)) {
    ++line_no;
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream in(line);
    std::string name, cp_text;
    if (!(in >> name)) continue;
    char* end = nullptr;
    unsigned long cp = 0;
    if (in >> cp_text && cp_text.rfind("U+", 0) == 0 && cp_text.size() > 2)
      cp = std::strtoul(cp_text.c_str() + 2, &end, 16);
    if (!end || *end != '\0' || cp == 0) {
      std::cerr << argv[2] << ":" << line_no << ": expected \"<name> U+<hex>\"\n";
      return 1;
    }
    const FT_UInt glyph = FT_Get_Char_Index(face, cp);
    if (glyph == 0 || FT_Load_Glyph(face, glyph, FT_LOAD_COLOR) ||
        FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL)) {
      std::cerr << argv[2] << ":" << line_no << ": the font has no glyph for " << cp_text << "\n";
      return 1;
    }
    const FT_Bitmap& bm = face->glyph->bitmap;
    const int w = static_cast<int>(bm.width), h = static_cast<int>(bm.rows);
    std::vector<unsigned char> rgba(static_cast<size_t>(w) * h * 4);
    for (int y = 0; y < h; ++y) {
      const unsigned char* row = bm.buffer + static_cast<long>(y) * bm.pitch;
      for (int x = 0; x < w; ++x) {
        unsigned char* out = &rgba[(static_cast<size_t>(y) * w + x) * 4];
        if (bm.pixel_mode == FT_PIXEL_MODE_BGRA) {
          // Premultiplied BGRA → straight RGBA.
          const unsigned b = row[x * 4], g = row[x * 4 + 1], r = row[x * 4 + 2], a = row[x * 4 + 3];
          out[0] = static_cast<unsigned char>(a ? std::min(255u, r * 255 / a) : 0);
          out[1] = static_cast<unsigned char>(a ? std::min(255u, g * 255 / a) : 0);
          out[2] = static_cast<unsigned char>(a ? std::min(255u, b * 255 / a) : 0);
          out[3] = static_cast<unsigned char>(a);
        } else {  // a monochrome outline font: black ink with the coverage as alpha
          out[0] = out[1] = out[2] = 0;
          out[3] = row[x];
        }
      }
    }
    const std::string path = std::string(argv[3]) + "/" + name + ".png";
    if (w == 0 || h == 0 || !stbi_write_png(path.c_str(), w, h, 4, rgba.data(), w * 4)) {
      std::cerr << "kiosk_rasterise_pictograms: cannot write " << path << "\n";
      return 1;
    }
    ++written;
  }
  std::cout << "kiosk_rasterise_pictograms: " << written << " pictograms in " << argv[3] << "\n";
  return written > 0 ? 0 : 1;
}
