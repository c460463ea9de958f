#include "peripherals/camera/rectify.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace jiuzhu::camera {

cv::Size rectified_size(const Quad& corners, PageKind kind, int max_long_side) {
  cv::Size2d m = measured_size(corners);
  double lo = std::min(m.width, m.height), hi = std::max(m.width, m.height);
  if (lo < 2) return {};
  if (kind == PageKind::unknown) kind = nearest_page_kind(hi / lo, 0.05);
  double aspect = kind == PageKind::unknown ? hi / lo : page_aspect(kind);
  double long_px = std::min<double>(hi, max_long_side);
  int L = std::max(2, static_cast<int>(std::lround(long_px)));
  int S = std::max(2, static_cast<int>(std::lround(long_px / aspect)));
  return m.width >= m.height ? cv::Size(L, S) : cv::Size(S, L);
}

cv::Mat rectify_page(const cv::Mat& image, const Quad& corners, PageKind kind, int max_long_side) {
  if (image.empty() || !quad_is_convex(corners)) return {};
  cv::Size out = rectified_size(corners, kind, max_long_side);
  if (out.area() == 0) return {};
  const float w = static_cast<float>(out.width), h = static_cast<float>(out.height);
  // Page edges lie half a pixel outside the first and last pixel centres.
  std::vector<cv::Point2f> dst{{-0.5f, -0.5f}, {w - 0.5f, -0.5f}, {w - 0.5f, h - 0.5f}, {-0.5f, h - 0.5f}};
  std::vector<cv::Point2f> src(corners.begin(), corners.end());
  cv::Mat H = cv::getPerspectiveTransform(src, dst);
  cv::Mat page;
  cv::warpPerspective(image, page, H, out, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return page;
}

cv::Mat enhance_page(const cv::Mat& page) {
  if (page.empty()) return {};
  // Paper brightness: on a copy ~128 px long, a max filter wider than any stroke removes
  // the ink; blurring smooths the estimate; upsampling brings it back to full size.
  double k = 128.0 / std::max(page.cols, page.rows);
  cv::Mat small, bg;
  cv::resize(page, small, {}, std::min(1.0, k), std::min(1.0, k), cv::INTER_AREA);
  cv::dilate(small, small, cv::getStructuringElement(cv::MORPH_RECT, {7, 7}));
  cv::GaussianBlur(small, small, {0, 0}, 3);
  cv::resize(small, bg, page.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat pf, bf, flat;
  page.convertTo(pf, CV_32F);
  bg.convertTo(bf, CV_32F);
  cv::max(bf, 1.0, bf);
  cv::divide(pf, bf, flat, 255.0);  // paper ≈ 255 everywhere

  // Contrast stretch: the darkest 1 % (ink) to black, the paper level to white.
  cv::Mat luma;
  if (flat.channels() == 3) cv::cvtColor(flat, luma, cv::COLOR_BGR2GRAY);
  else luma = flat;
  cv::Mat l8;
  luma.convertTo(l8, CV_8U);
  int hist[256] = {0};
  for (int y = 0; y < l8.rows; ++y) {
    const uchar* r = l8.ptr<uchar>(y);
    for (int x = 0; x < l8.cols; ++x) ++hist[r[x]];
  }
  const double total = static_cast<double>(l8.total());
  int black = 0;
  for (double acc = 0; black < 255; ++black) {
    acc += hist[black];
    if (acc >= 0.01 * total) break;
  }
  black = std::min(black, 110);      // a page without ink must not turn its paper grey
  const double white = 245.0;        // slightly below the paper level so it prints as white
  cv::Mat out;
  flat.convertTo(out, page.type(), 255.0 / (white - black), -black * 255.0 / (white - black));
  return out;
}

}  // namespace jiuzhu::camera
