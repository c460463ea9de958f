#include "tests/camera/corpus.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <ctime>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "peripherals/camera/page_detector.h"
#include "peripherals/camera/quality.h"

namespace jiuzhu::camera::corpus {

std::vector<Scene> load(const std::string& dir, const std::string& split) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".json" && e.path().filename() != "index.json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Scene> out;
  for (const auto& f : files) {
    std::ifstream in(f);
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw std::runtime_error("not a scene description: " + f.string());
    Scene s;
    s.name = f.stem().string();
    s.path = (fs::path(dir) / j.value("file", "")).string();
    s.type = j.value("type", "");
    s.split = j.value("split", "");
    if (split != "all" && s.split != split) continue;
    if (j.contains("kind") && j["kind"].is_string())
      s.kind = parse_page_kind(j["kind"].get<std::string>()).value_or(PageKind::unknown);
    if (j.contains("corners") && j["corners"].is_array()) {
      const auto& c = j["corners"];
      if (c.size() != 4) throw std::runtime_error("corners must be four points: " + f.string());
      Quad q;
      for (size_t i = 0; i < 4; ++i) q[i] = cv::Point2f(c[i].at(0).get<float>(), c[i].at(1).get<float>());
      s.corners = q;
    }
    if (j.contains("expect") && j["expect"].is_array())
      for (const auto& e : j["expect"]) s.expect.push_back(e.get<std::string>());
    out.push_back(std::move(s));
  }
  return out;
}

double corner_error(const Quad& got, const Quad& truth) {
  double best = 1e18;
  for (int shift = 0; shift < 4; ++shift) {
    Quad r;
    for (int i = 0; i < 4; ++i) r[i] = got[(i + shift) % 4];
    best = std::min(best, max_corner_distance(r, truth));
  }
  return best;
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

Outcome evaluate(const Scene& scene, const cv::Mat& image, unsigned ablate) {
  Outcome o;
  const double diag = std::hypot(image.cols, image.rows);
  std::vector<PageKind> asks{scene.kind};
  if (!scene.corners) asks = {PageKind::unknown, PageKind::a4, PageKind::id_card};
  for (PageKind kind : asks) {
    DetectOptions opt;
    opt.expected = kind;
    opt.ablate = ablate;
    auto t0 = std::chrono::steady_clock::now();
    const double c0 = thread_cpu_ms();
    PageDetection d = detect_page(image, opt);
    Quality q = assess_quality(image, d);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (o.ms == 0) o.ms = ms, o.cpu_ms = thread_cpu_ms() - c0;
    if (!d.found) {
      if (o.problems.empty())
        for (const auto& p : q.problems) o.problems.push_back(p.code), o.messages.push_back(p.message);
      continue;
    }
    o.found = true;
    o.sharpness = q.sharpness;
    o.detail = q.detail;
    o.glare = q.glare;
    o.problems.clear();
    o.messages.clear();
    for (const auto& p : q.problems) o.problems.push_back(p.code), o.messages.push_back(p.message);
    if (scene.corners) {
      o.error_px = corner_error(d.corners, *scene.corners);
      o.within = o.error_px <= 0.01 * diag;
    }
    break;
  }
  for (const auto& code : scene.expect) {
    auto it = std::find(o.problems.begin(), o.problems.end(), code);
    if (it == o.problems.end() || o.messages[static_cast<size_t>(it - o.problems.begin())] != make_problem(code).message)
      o.expected_problems = false;
  }
  return o;
}

}  // namespace jiuzhu::camera::corpus
