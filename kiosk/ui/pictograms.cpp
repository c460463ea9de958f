#include "kiosk/ui/pictograms.h"

#include <SDL.h>
#include <stb/stb_image.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace jiuzhu::kiosk {

std::string pictograms_dir() {
  if (const char* env = std::getenv("JIUZHU_PICTOGRAMS"); env && *env) return env;
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "jiuzhu" / "pictograms";
    if (std::filesystem::is_directory(installed, ec)) return installed.string();
  }
  return JIUZHU_BUILD_PICTOGRAMS;
}

std::vector<std::string> pictogram_names(std::string_view manifest) {
  std::vector<std::string> names;
  std::istringstream in{std::string(manifest)};
  std::string line;
  while (std::getline(in, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string name, cp;
    if (words >> name >> cp && cp.rfind("U+", 0) == 0) names.push_back(name);
  }
  return names;
}

Pictograms::~Pictograms() {
  for (auto& [name, pic] : pictures_) SDL_DestroyTexture(static_cast<SDL_Texture*>(pic.texture));
}

std::vector<std::string> Pictograms::load(SDL_Renderer* renderer, const std::string& dir,
                                          const std::vector<std::string>& names) {
  std::vector<std::string> missing;
  for (const auto& name : names) {
    int w = 0, h = 0, n = 0;
    unsigned char* px = stbi_load((dir + "/" + name + ".png").c_str(), &w, &h, &n, 4);
    SDL_Texture* tex = nullptr;
    if (px) {
      tex = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ABGR8888, SDL_TEXTUREACCESS_STATIC, w, h);
      if (tex) {
        SDL_UpdateTexture(tex, nullptr, px, w * 4);
        SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
        SDL_SetTextureScaleMode(tex, SDL_ScaleModeLinear);
      }
      stbi_image_free(px);
    }
    if (!tex) {
      missing.push_back(name);
      continue;
    }
    if (auto old = pictures_.find(name); old != pictures_.end())
      SDL_DestroyTexture(static_cast<SDL_Texture*>(old->second.texture));
    pictures_[name] = {reinterpret_cast<ImTextureID>(tex), w, h};
  }
  return missing;
}

const Pictograms::Picture* Pictograms::find(std::string_view name) const {
  auto it = pictures_.find(name);
  return it == pictures_.end() ? nullptr : &it->second;
}

}  // namespace jiuzhu::kiosk
