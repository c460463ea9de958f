// jiuzhu-scan: the document camera's pipeline on one photo (cli.md).
//   jiuzhu-scan detect IMAGE [--out RECTIFIED.png] [--kind a4|booklet|id_card|auto]
//   jiuzhu-scan qr IMAGE
// Exit codes: 0 done (detect also when no page is found: that is an answer, not a failure),
// 1 runtime failure (unreadable image, cannot write --out, no QR code), 2 usage error.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "peripherals/camera/page_detector.h"
#include "peripherals/camera/qr_reader.h"
#include "peripherals/camera/quality.h"
#include "peripherals/camera/rectify.h"

namespace {

using namespace jiuzhu::camera;

constexpr const char* kUsage =
    "usage: jiuzhu-scan detect IMAGE [--out RECTIFIED.png] [--kind a4|booklet|id_card|auto]\n"
    "       jiuzhu-scan qr IMAGE\n"
    "\n"
    "detect  finds the document in a photo and prints JSON: found, corners (clockwise from\n"
    "        top-left, input pixels), kind, quality {sharpness, detail, glare, coverage, skew, ok,\n"
    "        problems [{code, message}]}. --out writes the perspective-corrected, enhanced page.\n"
    "qr      prints the text of the QR code in the photo; exit 1 when there is none.\n";

int usage_error(const std::string& msg) {
  std::cerr << "jiuzhu-scan: " << msg << " (see --help)\n";
  return 2;
}

double round2(double v) { return std::round(v * 100.0) / 100.0; }

cv::Mat read_image(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return {};  // spares OpenCV's own warning
  try {
    return cv::imread(path, cv::IMREAD_COLOR);
  } catch (const cv::Exception&) {
    return {};
  }
}

int run_detect(const std::string& path, const std::string& out, PageKind kind) {
  cv::Mat image = read_image(path);
  if (image.empty()) {
    std::cerr << "jiuzhu-scan: cannot read image " << path << "\n";
    return 1;
  }
  DetectOptions opt;
  opt.expected = kind;
  PageDetection det = detect_page(image, opt);
  Quality q = assess_quality(image, det);
  nlohmann::json j;
  j["found"] = det.found;
  j["corners"] = nlohmann::json::array();
  if (det.found)
    for (const auto& p : det.corners) j["corners"].push_back({round2(p.x), round2(p.y)});
  j["kind"] = page_kind_name(det.kind);
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : q.problems) problems.push_back({{"code", p.code}, {"message", p.message}});
  j["quality"] = {{"sharpness", round2(q.sharpness)}, {"detail", round2(q.detail)}, {"glare", std::round(q.glare * 1e4) / 1e4},
                  {"coverage", std::round(q.coverage * 1e4) / 1e4}, {"skew", round2(q.skew_deg)},
                  {"ok", q.ok}, {"problems", problems}};
  if (!out.empty()) {
    if (!det.found) {
      std::cout << j.dump() << std::endl;
      std::cerr << "jiuzhu-scan: no page found, " << out << " not written\n";
      return 1;
    }
    cv::Mat page = enhance_page(rectify_page(image, det.corners, det.kind));
    bool written = false;
    try {
      written = !page.empty() && cv::imwrite(out, page);
    } catch (const cv::Exception&) {
      written = false;
    }
    if (!written) {
      std::cout << j.dump() << std::endl;
      std::cerr << "jiuzhu-scan: cannot write " << out << "\n";
      return 1;
    }
  }
  std::cout << j.dump() << std::endl;
  return 0;
}

int run_qr(const std::string& path) {
  cv::Mat image = read_image(path);
  if (image.empty()) {
    std::cerr << "jiuzhu-scan: cannot read image " << path << "\n";
    return 1;
  }
  auto text = read_qr(image);
  if (!text) {
    std::cerr << "jiuzhu-scan: no QR code found in " << path << "\n";
    return 1;
  }
  std::cout << *text << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  if (args.empty()) return usage_error("missing command");
  const std::string cmd = args[0];
  if (cmd == "qr") {
    if (args.size() != 2 || args[1].rfind("--", 0) == 0) return usage_error("qr takes exactly one IMAGE");
    return run_qr(args[1]);
  }
  if (cmd != "detect") return usage_error("unknown command '" + cmd + "'");
  std::string image, out;
  PageKind kind = PageKind::unknown;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--out" || a == "--kind") {
      if (i + 1 >= args.size()) return usage_error(a + " needs a value");
      const std::string& v = args[++i];
      if (a == "--out") {
        out = v;
      } else {
        auto k = parse_page_kind(v);
        if (!k) return usage_error("unknown --kind '" + v + "'");
        kind = *k;
      }
    } else if (a.rfind("--", 0) == 0) {
      return usage_error("unknown option '" + a + "'");
    } else if (image.empty()) {
      image = a;
    } else {
      return usage_error("detect takes one IMAGE");
    }
  }
  if (image.empty()) return usage_error("detect needs an IMAGE");
  return run_detect(image, out, kind);
}
