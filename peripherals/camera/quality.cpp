#include "peripherals/camera/quality.h"

#include <algorithm>
#include <cmath>

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
  q.glare = cv::countNonZero(lo_gray >= 250) / static_cast<double>(lo_gray.total());

  // Sharpness: the central 60 % of the page (where the text is; the border edge would count
  // as detail), at the photo's own resolution capped at 512 px.
  double ks = std::min(1.0, 512.0 / std::max({m.width * 0.6, m.height * 0.6, 1.0}));
  cv::Size sharp_size(std::max(16, int(m.width * 0.6 * ks)), std::max(16, int(m.height * 0.6 * ks)));
  cv::Mat centre = warp_region(image, c, 0.2f, 0.8f, sharp_size);
  cv::Mat cg, lap;
  if (centre.channels() == 3) cv::cvtColor(centre, cg, cv::COLOR_BGR2GRAY);
  else cg = centre;
  cv::Laplacian(cg, lap, CV_16S, 1);
  cv::Scalar mean, stddev;
  cv::meanStdDev(lap, mean, stddev);
  q.sharpness = stddev[0] * stddev[0];

  bool cut = false;
  const double margin = t.border_margin * diag;
  for (const auto& p : c)
    if (p.x < margin || p.y < margin || p.x > image.cols - 1 - margin || p.y > image.rows - 1 - margin)
      cut = true;
  if (cut) q.problems.push_back(make_problem("out_of_frame"));
  if (q.coverage < t.min_coverage) q.problems.push_back(make_problem("too_small"));
  if (q.skew_deg > t.max_skew_deg) q.problems.push_back(make_problem("not_flat"));
  if (q.glare > t.max_glare) q.problems.push_back(make_problem("glare"));
  if (q.sharpness < t.min_sharpness) q.problems.push_back(make_problem("blurry"));
  q.ok = q.problems.empty();
  return q;
}

}  // namespace jiuzhu::camera
