// Pictograms: the pictures on the kiosk's choices (home tiles, programs, document kinds,
// yes/no answers, 重听's loudspeaker), so that a resident who cannot read can still tell the
// choices apart. The label always stays beside the picture.
//
// The pictures are Noto Color Emoji glyphs (Debian fonts-noto-color-emoji, SIL OFL 1.1),
// rasterised to PNG at build time by kiosk_rasterise_pictograms from the list in
// assets/kiosk/pictograms.txt ("<name> U+<code point>"); nothing drawn by hand and no image
// committed. At start the kiosk loads every PNG of pictograms_dir() into an SDL texture.
// A missing directory or picture leaves the buttons with their words only (and a warning at
// start): pictures help, they never block.
//
// Thread-safety: load and the destructor on the UI thread (SDL renderer); find() is const.
#pragma once

#include <imgui.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

struct SDL_Renderer;

namespace jiuzhu::kiosk {

// Where the PNGs are: $JIUZHU_PICTOGRAMS; else the installed PREFIX/share/jiuzhu/pictograms
// beside the executable's ../share; else the build tree's (BUILD/pictograms).
std::string pictograms_dir();

// The pictogram names listed in a manifest's text (assets/kiosk/pictograms.txt), in order.
// Pure; lines are "<name> U+<hex>", '#' starts a comment.
std::vector<std::string> pictogram_names(std::string_view manifest);

class Pictograms {
 public:
  struct Picture {
    ImTextureID texture = nullptr;
    int w = 0, h = 0;
  };

  Pictograms() = default;
  Pictograms(const Pictograms&) = delete;
  Pictograms& operator=(const Pictograms&) = delete;
  ~Pictograms();

  // Loads DIR/<name>.png for every name (stb_image; straight RGBA, linear filtering) as
  // textures of `renderer`. Returns the names that could not be loaded.
  std::vector<std::string> load(SDL_Renderer* renderer, const std::string& dir, const std::vector<std::string>& names);

  // The picture called `name`, or null.
  const Picture* find(std::string_view name) const;
  size_t size() const { return pictures_.size(); }

 private:
  std::map<std::string, Picture, std::less<>> pictures_;
};

}  // namespace jiuzhu::kiosk
