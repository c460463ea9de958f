#include "peripherals/camera/page_candidates.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <opencv2/imgproc.hpp>

namespace jiuzhu::camera::detail {
namespace {

constexpr double kInkLevelDiv = 16;        // a stroke is darker than its paper by ≥ 1/16 of it
constexpr double kInkNoiseMult = 3;        // … and by ≥ 3 × the frame's median "stroke" (noise)

std::optional<cv::Point2f> intersect(const HLine& a, const HLine& b) {
  double ca = std::cos(a.theta), sa = std::sin(a.theta);
  double cb = std::cos(b.theta), sb = std::sin(b.theta);
  double det = ca * sb - sa * cb;
  if (std::abs(det) < 1e-6) return std::nullopt;
  return cv::Point2f(static_cast<float>((a.rho * sb - b.rho * sa) / det),
                     static_cast<float>((ca * b.rho - cb * a.rho) / det));
}

double angle_diff(double a, double b) {  // between undirected lines, in [0, π/2]
  double d = std::fmod(std::abs(a - b), CV_PI);
  return std::min(d, CV_PI - d);
}

}  // namespace

Work prepare(const cv::Mat& small) {
  Work w;
  cv::Mat gray, chroma;
  if (small.channels() == 3) {
    cv::cvtColor(small, gray, cv::COLOR_BGR2GRAY);
    std::vector<cv::Mat> ch;
    cv::split(small, ch);
    cv::Mat hi, lo;
    cv::max(ch[0], ch[1], hi);
    cv::max(hi, ch[2], hi);
    cv::min(ch[0], ch[1], lo);
    cv::min(lo, ch[2], lo);
    cv::subtract(hi, lo, chroma);
  } else {
    gray = small.clone();
    chroma = cv::Mat::zeros(small.size(), CV_8U);
  }
  // Closing removes dark strokes (text, table rules) thinner than the kernel; on the chroma
  // channel an opening removes coloured strokes (a red stamp) the same way.
  cv::Mat k = cv::getStructuringElement(cv::MORPH_RECT, {5, 5});
  cv::morphologyEx(gray, w.gray, cv::MORPH_CLOSE, k);
  cv::morphologyEx(chroma, w.chroma, cv::MORPH_OPEN, k);
  {
    // What the closing removed is ink: strokes thinner than the kernel and darker than the
    // paper around them by at least 1/16 of its brightness (so dim pages keep their text),
    // 6 grey levels, and 3 × the median over the frame (sensor noise is "removed" too,
    // everywhere, so the median measures it).
    cv::Mat removed, level, mask;
    cv::subtract(w.gray, gray, removed);
    int hist[256] = {0};
    for (int y = 0; y < removed.rows; ++y) {
      const uchar* r = removed.ptr<uchar>(y);
      for (int x = 0; x < removed.cols; ++x) ++hist[r[x]];
    }
    int med = 0;
    for (long acc = 0, half = static_cast<long>(removed.total() / 2); med < 255; ++med)
      if ((acc += hist[med]) > half) break;
    level = w.gray / kInkLevelDiv;
    cv::max(level, std::max(6.0, kInkNoiseMult * med), level);
    cv::compare(removed, level, mask, cv::CMP_GE);
    cv::boxFilter(mask, w.ink, -1, {7, 7});
  }
  cv::GaussianBlur(w.gray, w.gray, {5, 5}, 0);
  cv::GaussianBlur(w.chroma, w.chroma, {5, 5}, 0);
  cv::Sobel(w.gray, w.gx, CV_16S, 1, 0);
  cv::Sobel(w.gray, w.gy, CV_16S, 0, 1);
  cv::Sobel(w.chroma, w.cx, CV_16S, 1, 0);
  cv::Sobel(w.chroma, w.cy, CV_16S, 0, 1);
  // What counts as a strong edge depends on the scene: on a white page on a light desk the
  // border is a step of a few grey levels, on wood it must beat the grain. Scale the edge
  // level to the busiest 5 % of the image's gradients.
  int hist[256] = {0};
  for (int y = 0; y < w.gx.rows; ++y) {
    const short* a = w.gx.ptr<short>(y);
    const short* b = w.gy.ptr<short>(y);
    for (int x = 0; x < w.gx.cols; ++x) ++hist[std::min(255, (std::abs(a[x]) + std::abs(b[x])) / 2)];
  }
  int p95 = 0;
  for (long acc = 0, want = static_cast<long>(0.05 * w.gx.total()); p95 < 255; ++p95) {
    acc += hist[255 - p95];
    if (acc >= want) break;
  }
  p95 = 255 - p95;  // half the L1 magnitude at the 95th percentile
  w.full = std::clamp(4.0 * p95, kGradFullMin, kGradFullMax);
  return w;
}

// --- Candidate generation ----------------------------------------------------------------

std::vector<HLine> hough_lines(const Work& w) {
  cv::Mat edges_g, edges_c, edges;
  const double hi = w.full * 0.8, lo = hi * 0.4;
  cv::Canny(w.gx, w.gy, edges_g, lo, hi, true);
  cv::Canny(w.cx, w.cy, edges_c, lo, hi, true);
  cv::bitwise_or(edges_g, edges_c, edges);
  std::vector<cv::Vec2f> raw;
  int votes = std::max(20, std::min(w.gray.cols, w.gray.rows) / 8);
  cv::HoughLines(edges, raw, 1, CV_PI / 180, votes);
  std::vector<HLine> kept;
  for (const auto& l : raw) {  // strongest first; suppress near-duplicates
    bool dup = false;
    for (const auto& k : kept) {
      double dt = angle_diff(l[1], k.theta);
      double dr = std::abs(std::abs(l[0]) - std::abs(k.rho));
      if (dt < 4 * CV_PI / 180 && dr < 8) { dup = true; break; }
    }
    if (!dup) kept.push_back({l[0], l[1]});
    if (kept.size() >= 18) break;
  }
  return kept;
}

void quads_from_lines(const std::vector<HLine>& lines, cv::Size size, std::vector<Quad>& out) {
  struct Pair { int a, b; double theta; };
  std::vector<Pair> pairs;
  const double min_sep = 0.08 * std::min(size.width, size.height);
  for (size_t i = 0; i < lines.size(); ++i)
    for (size_t j = i + 1; j < lines.size(); ++j) {
      if (angle_diff(lines[i].theta, lines[j].theta) > 30 * CV_PI / 180) continue;
      // Distance between the two lines, measured through the image centre.
      cv::Point2f c(size.width * 0.5f, size.height * 0.5f);
      const HLine& li = lines[i];
      const HLine& lj = lines[j];
      cv::Point2f ni(std::cos(li.theta), std::sin(li.theta)), nj(std::cos(lj.theta), std::sin(lj.theta));
      cv::Point2f foot = c - nj * (c.dot(nj) - lj.rho);
      if (std::abs(foot.dot(ni) - li.rho) < min_sep) continue;
      pairs.push_back({static_cast<int>(i), static_cast<int>(j), lines[i].theta});
    }
  for (size_t p = 0; p < pairs.size(); ++p)
    for (size_t r = p + 1; r < pairs.size(); ++r) {
      const Pair& A = pairs[p];
      const Pair& B = pairs[r];
      if (A.a == B.a || A.a == B.b || A.b == B.a || A.b == B.b) continue;
      if (angle_diff(A.theta, B.theta) < 50 * CV_PI / 180) continue;
      auto c0 = intersect(lines[A.a], lines[B.a]), c1 = intersect(lines[A.a], lines[B.b]);
      auto c2 = intersect(lines[A.b], lines[B.b]), c3 = intersect(lines[A.b], lines[B.a]);
      if (!c0 || !c1 || !c2 || !c3) continue;
      out.push_back(order_clockwise({*c0, *c1, *c2, *c3}));
    }
}

namespace {

void quads_from_mask(const cv::Mat& mask, std::vector<Quad>& out) {
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  const double min_area = 0.03 * mask.total();
  for (const auto& c : contours) {
    if (cv::contourArea(c) < min_area) continue;
    std::vector<cv::Point> hull, poly;
    cv::convexHull(c, hull);
    double peri = cv::arcLength(hull, true);
    for (double eps = 0.01; eps <= 0.1; eps += 0.015) {
      cv::approxPolyDP(hull, poly, eps * peri, true);
      if (poly.size() <= 4) break;
    }
    if (poly.size() == 4)
      out.push_back(order_clockwise({cv::Point2f(poly[0]), cv::Point2f(poly[1]),
                                     cv::Point2f(poly[2]), cv::Point2f(poly[3])}));
  }
}

}  // namespace

// Pixels that look like paper: bright and colourless, after dividing out the slow light
// gradient. Two masks (with and without the normalisation) since either can fail alone.
void quads_from_paper(const Work& w, std::vector<Quad>& out) {
  cv::Mat paper;
  cv::Mat chroma2;
  cv::addWeighted(w.chroma, 1.5, w.chroma, 0, 0, chroma2);
  cv::subtract(w.gray, chroma2, paper);
  cv::Mat tiny, light, norm;
  cv::resize(paper, tiny, {16, 9}, 0, 0, cv::INTER_AREA);
  cv::GaussianBlur(tiny, tiny, {0, 0}, 2);
  cv::resize(tiny, light, paper.size(), 0, 0, cv::INTER_LINEAR);
  cv::divide(paper, light, norm, 128.0);
  cv::Mat k = cv::getStructuringElement(cv::MORPH_RECT, {3, 3});
  for (const cv::Mat* src : {&paper, &norm}) {
    cv::Mat mask;
    cv::threshold(*src, mask, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, k);
    quads_from_mask(mask, out);
  }
}

}  // namespace jiuzhu::camera::detail
