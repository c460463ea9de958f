#include "peripherals/camera/quality.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace jiuzhu::camera {
namespace {

cv::Mat warp_region(const cv::Mat& gray, const Quad& q, float u0, float u1, cv::Size out) {
  // The sub-rectangle [u0,u1]² of the page, in page coordinates, to an `out` image.
  std::vector<cv::Point2f> unit{{0, 0}, {1, 0}, {1, 1}, {0, 1}};
  std::vector<cv::Point2f> img(q.begin(), q.end());
  cv::Mat page_to_img = cv::getPerspectiveTransform(unit, img);
  const float w = static_cast<float>(out.width), h = static_cast<float>(out.height);
  std::vector<cv::Point2f> sub{{u0, u0}, {u1, u0}, {u1, u1}, {u0, u1}}, sub_img;
  cv::perspectiveTransform(sub, sub_img, page_to_img);
  std::vector<cv::Point2f> dst{{0, 0}, {w, 0}, {w, h}, {0, h}};
  cv::Mat H = cv::getPerspectiveTransform(sub_img, dst);
  cv::Mat r;
  cv::warpPerspective(gray, r, H, out, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return r;
}

int percentile_u8(const cv::Mat& gray, double p) {
  int hist[256] = {0};
  for (int y = 0; y < gray.rows; ++y) {
    const uchar* r = gray.ptr<uchar>(y);
    for (int x = 0; x < gray.cols; ++x) ++hist[r[x]];
  }
  long want = static_cast<long>(p * gray.total()), acc = 0;
  for (int v = 0; v < 256; ++v)
    if ((acc += hist[v]) > want) return v;
  return 255;
}

// 100 × (99.9th percentile of |∇| after σ = 1 smoothing) / (99th − 1st percentile of grey).
// A sharp printed edge scores ~30–60, a defocus of σ ≈ 2 px ~15; a blank page (no contrast to
// judge by) scores 100 so that it is never refused as blurred.
double edge_steepness(const cv::Mat& gray) {
  cv::Mat smooth, gx, gy, mag;
  cv::GaussianBlur(gray, smooth, {0, 0}, 1.0);
  cv::Sobel(smooth, gx, CV_32F, 1, 0, 3, 0.125);
  cv::Sobel(smooth, gy, CV_32F, 0, 1, 3, 0.125);
  cv::magnitude(gx, gy, mag);
  const double contrast = percentile_u8(smooth, 0.99) - percentile_u8(smooth, 0.01);
  if (contrast < 24) return 100;
  std::vector<float> g(mag.begin<float>(), mag.end<float>());
  auto at = g.begin() + static_cast<long>(0.999 * (g.size() - 1));
  std::nth_element(g.begin(), at, g.end());
  return 100.0 * *at / contrast;
}

}  // namespace

Problem make_problem(const std::string& code) {
  if (code == "no_page") return {code, "请把材料放在框内"};
  if (code == "out_of_frame") return {code, "请把材料放在框内"};
  if (code == "too_small") return {code, "请把材料放近一些"};
  if (code == "not_flat") return {code, "请把材料放平"};
  if (code == "glare") return {code, "有反光"};
  if (code == "blurry") return {code, "画面模糊，请拿稳"};
  return {code, "请重新放好材料"};
}

Quality assess_quality(const cv::Mat& image, const PageDetection& det, const QualityThresholds& t) {
  Quality q;
  if (image.empty() || !det.found) {
    q.problems.push_back(make_problem("no_page"));
    return q;
  }
  const Quad& c = det.corners;
  const double diag = std::hypot(image.cols, image.rows);
  q.coverage = quad_area(c) / (static_cast<double>(image.cols) * image.rows);
  q.skew_deg = max_angle_deviation_deg(c);

  // Glare: the whole page at low resolution; blurred so isolated noisy pixels do not count.
  cv::Size2d m = measured_size(c);
  double k = 256.0 / std::max({m.width, m.height, 1.0});
  cv::Size glare_size(std::max(8, int(m.width * k)), std::max(8, int(m.height * k)));
  cv::Mat page_lo = warp_region(image, c, 0.f, 1.f, glare_size);
  cv::Mat lo_gray;
  if (page_lo.channels() == 3) cv::cvtColor(page_lo, lo_gray, cv::COLOR_BGR2GRAY);
  else lo_gray = page_lo;
  cv::GaussianBlur(lo_gray, lo_gray, {3, 3}, 0);
  // Glare is light brighter than the paper: clipped (≥ 250) *and* above the paper's own level.
  // White paper under a bright lamp is clipped all over and is not glare (a spot on paper that
  // is already clipped cannot be seen anyway). The paper level is the 65th percentile of the
  // page with its text closed away, so that a shadow over part of the page does not lower it.
  cv::Mat no_text;
  cv::morphologyEx(lo_gray, no_text, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  const int paper = percentile_u8(no_text, 0.65);
  const int glare_level = std::clamp(paper + 5, 250, 253);
  // Only solid spots count: isolated noisy pixels near the level are eroded away.
  cv::Mat spots = lo_gray >= glare_level;
  cv::erode(spots, spots, cv::getStructuringElement(cv::MORPH_RECT, {5, 5}));
  q.glare = cv::countNonZero(spots) / static_cast<double>(lo_gray.total());

  // Sharpness: the central 60 % of the page (where the text is; the border edge would count
  // as detail), at the photo's own resolution capped at 512 px. The steepest text edges (99.5th
  // percentile of the gradient after a light σ = 1 smoothing that removes sensor noise and JPEG
  // block edges) relative to the text's contrast: a defocused edge is shallow whatever the
  // exposure, while noise, which inflated the older Laplacian variance, is smoothed away.
  double ks = std::min(1.0, 512.0 / std::max({m.width * 0.6, m.height * 0.6, 1.0}));
  cv::Size sharp_size(std::max(16, int(m.width * 0.6 * ks)), std::max(16, int(m.height * 0.6 * ks)));
  cv::Mat centre = warp_region(image, c, 0.2f, 0.8f, sharp_size);
  cv::Mat cg;
  if (centre.channels() == 3) cv::cvtColor(centre, cg, cv::COLOR_BGR2GRAY);
  else cg = centre;
  q.sharpness = edge_steepness(cg);
  {
    cv::Mat lap;
    cv::Laplacian(cg, lap, CV_16S, 1);
    cv::Scalar mean, stddev;
    cv::meanStdDev(lap, mean, stddev);
    q.detail = stddev[0] * stddev[0];
  }

  bool cut = false;
  const double margin = t.border_margin * diag;
  for (const auto& p : c)
    if (p.x < margin || p.y < margin || p.x > image.cols - 1 - margin || p.y > image.rows - 1 - margin)
      cut = true;
  if (cut) q.problems.push_back(make_problem("out_of_frame"));
  if (q.coverage < t.min_coverage) q.problems.push_back(make_problem("too_small"));
  if (q.skew_deg > t.max_skew_deg) q.problems.push_back(make_problem("not_flat"));
  if (q.glare > t.max_glare) q.problems.push_back(make_problem("glare"));
  if (q.sharpness < t.min_sharpness || q.detail < t.min_detail) q.problems.push_back(make_problem("blurry"));
  q.ok = q.problems.empty();
  return q;
}

}  // namespace jiuzhu::camera
