// camera-synth: writes synthetic document photos and their true corners.
//   camera-synth --out DIR [--count N] [--seed S] [--width W] [--height H] [--qr TEXT]
// Files: DIR/scene_NNNN.png and DIR/truth.jsonl (one {"file","corners","kind","background",
// "blur","glare"} per line). The same seed gives the same files.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "tests/camera/synth_scene.h"

int main(int argc, char** argv) {
  std::string out;
  std::string qr;  // print this QR code on every page when not empty
  int count = 20, width = 1920, height = 1080;
  unsigned long long seed = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) { std::cerr << "camera-synth: " << a << " needs a value\n"; std::exit(2); }
      return argv[++i];
    };
    try {
      if (a == "--help") {
        std::cout << "usage: camera-synth --out DIR [--count N] [--seed S] [--width W] [--height H] [--qr TEXT]\n";
        return 0;
      } else if (a == "--out") out = next();
      else if (a == "--count") count = std::stoi(next());
      else if (a == "--seed") seed = std::stoull(next());
      else if (a == "--width") width = std::stoi(next());
      else if (a == "--height") height = std::stoi(next());
      else if (a == "--qr") qr = next();
      else { std::cerr << "camera-synth: unknown argument " << a << "\n"; return 2; }
    } catch (const std::exception&) {
      std::cerr << "camera-synth: bad number for " << a << "\n";
      return 2;
    }
  }
  if (out.empty() || count < 1 || width < 64 || height < 64) {
    std::cerr << "usage: camera-synth --out DIR [--count N] [--seed S] [--width W] [--height H] [--qr TEXT]\n";
    return 2;
  }
  std::filesystem::create_directories(out);
  std::ofstream truth(out + "/truth.jsonl");
  using namespace jiuzhu::camera;
  for (int i = 0; i < count; ++i) {
    synth::SceneOptions opt;
    opt.size = {width, height};
    opt.qr_text = qr;
    synth::Scene s = synth::make_scene(seed * 100000 + i, opt);
    char name[32];
    std::snprintf(name, sizeof name, "scene_%04d.png", i);
    if (!cv::imwrite(out + "/" + name, s.image)) {
      std::cerr << "camera-synth: cannot write " << out << "/" << name << "\n";
      return 1;
    }
    nlohmann::json j{{"file", name}, {"kind", page_kind_name(s.kind)},
                     {"background", synth::background_name(s.background)},
                     {"blur", s.blur_sigma}, {"glare", s.glare}};
    for (const auto& p : s.corners) j["corners"].push_back({p.x, p.y});
    truth << j.dump() << "\n";
  }
  std::cout << "wrote " << count << " scenes to " << out << "\n";
  return 0;
}
