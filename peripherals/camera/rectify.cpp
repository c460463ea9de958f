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

namespace {

// The paper's own brightness across the page, per channel. Light on a page varies slowly (a
// ramp, a vignette), so it is modelled as a quadratic surface fitted to the bright level (90th
// percentile) of an 8×8 grid of cells. Cells that stay far from the fit are content (a photo,
// a seal, a table block) or glare and are left out of the next fit, so large dark or shiny
// areas neither wash out nor leave a halo. Returns CV_32F with the page's channel count.
cv::Mat paper_level(const cv::Mat& page) {
  constexpr int G = 8;
  double k = 128.0 / std::max(page.cols, page.rows);
  cv::Mat small;
  cv::resize(page, small, {}, std::min(1.0, k), std::min(1.0, k), cv::INTER_AREA);
  const int nc = small.channels();
  std::vector<cv::Mat> ch;
  cv::split(small, ch);
  std::vector<cv::Mat> level(nc);
  cv::Mat A(G * G, 6, CV_64F);
  for (int gy = 0; gy < G; ++gy)
    for (int gx = 0; gx < G; ++gx) {
      double x = (gx + 0.5) / G, y = (gy + 0.5) / G;
      double* r = A.ptr<double>(gy * G + gx);
      r[0] = 1; r[1] = x; r[2] = y; r[3] = x * x; r[4] = x * y; r[5] = y * y;
    }
  for (int c = 0; c < nc; ++c) {
    cv::Mat b(G * G, 1, CV_64F);
    for (int gy = 0; gy < G; ++gy)
      for (int gx = 0; gx < G; ++gx) {
        cv::Rect cell(gx * small.cols / G, gy * small.rows / G, std::max(1, small.cols / G),
                      std::max(1, small.rows / G));
        cell &= cv::Rect(0, 0, small.cols, small.rows);
        std::vector<uchar> v;
        for (int y = cell.y; y < cell.y + cell.height; ++y)
          for (int x = cell.x; x < cell.x + cell.width; ++x) v.push_back(ch[c].at<uchar>(y, x));
        size_t at = v.empty() ? 0 : v.size() * 9 / 10;
        if (!v.empty()) std::nth_element(v.begin(), v.begin() + static_cast<long>(at), v.end());
        b.at<double>(gy * G + gx) = v.empty() ? 255.0 : v[at];
      }
    std::vector<bool> use(G * G, true);
    cv::Mat coef(6, 1, CV_64F, cv::Scalar(0));
    coef.at<double>(0) = cv::mean(b)[0];
    for (int iter = 0; iter < 3; ++iter) {
      cv::Mat Aw, bw;
      for (int i = 0; i < G * G; ++i)
        if (use[i]) { Aw.push_back(A.row(i)); bw.push_back(b.row(i)); }
      if (Aw.rows < 8) break;
      cv::solve(Aw, bw, coef, cv::DECOMP_SVD);
      cv::Mat fit = A * coef;
      for (int i = 0; i < G * G; ++i) {
        double f = std::max(1.0, fit.at<double>(i));
        use[i] = std::abs(b.at<double>(i) - f) < 0.08 * f;
      }
    }
    // Evaluate on a 64×64 grid and let resize interpolate: the surface is smooth.
    cv::Mat surf(64, 64, CV_32F);
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x) {
        double u = (x + 0.5) / 64, v = (y + 0.5) / 64;
        const double* q = coef.ptr<double>();
        surf.at<float>(y, x) = static_cast<float>(
            std::max(1.0, q[0] + q[1] * u + q[2] * v + q[3] * u * u + q[4] * u * v + q[5] * v * v));
      }
    cv::resize(surf, level[c], page.size(), 0, 0, cv::INTER_LINEAR);
  }
  cv::Mat out;
  cv::merge(level, out);
  return out;
}

}  // namespace

cv::Mat enhance_page(const cv::Mat& page) {
  if (page.empty()) return {};
  cv::Mat pf, flat;
  page.convertTo(pf, CV_32F);
  cv::divide(pf, paper_level(page), flat, 255.0);  // paper ≈ 255 everywhere

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
