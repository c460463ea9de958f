#include "peripherals/camera/edge_refine.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace jiuzhu::camera {
namespace {

struct FitLine {
  cv::Point2f p, dir;
};

std::optional<cv::Point2f> meet(const FitLine& a, const FitLine& b) {
  float det = a.dir.x * b.dir.y - a.dir.y * b.dir.x;
  if (std::abs(det) < 1e-6f) return std::nullopt;
  cv::Point2f d = b.p - a.p;
  float t = (d.x * b.dir.y - d.y * b.dir.x) / det;
  return a.p + a.dir * t;
}

FitLine refine_side(cv::Point2f a, cv::Point2f b, cv::Point2f centre, const Sampler& sample,
                    float reach, int samples) {
  cv::Point2f d = b - a;
  float len = std::hypot(d.x, d.y);
  FitLine keep{a, len > 0 ? d / len : cv::Point2f(1, 0)};
  if (len < 8) return keep;
  cv::Point2f t = d / len, n(-t.y, t.x);
  if (n.dot((a + b) * 0.5f - centre) < 0) n = -n;
  const int R = std::max(2, static_cast<int>(std::ceil(reach)));
  const int L = 2 * R + 1;
  std::vector<float> deriv(static_cast<size_t>(samples) * L, 0.f);
  std::vector<cv::Point2f> base(samples);
  std::vector<float> prof(L);
  double vote = 0;
  for (int k = 0; k < samples; ++k) {
    cv::Point2f p = a + d * (0.1f + 0.8f * (k + 0.5f) / samples);
    base[k] = p;
    for (int s = -R; s <= R; ++s) {
      cv::Point2f q = p + n * static_cast<float>(s);
      prof[s + R] = (sample(q.x - t.x * 1.5f, q.y - t.y * 1.5f) + sample(q.x, q.y) +
                     sample(q.x + t.x * 1.5f, q.y + t.y * 1.5f)) / 3.f;
    }
    float* dv = &deriv[static_cast<size_t>(k) * L];
    float best = 0;
    for (int s = 1; s < L - 1; ++s) {
      dv[s] = (prof[s + 1] - prof[s - 1]) * 0.5f;
      if (std::abs(dv[s]) > std::abs(best)) best = dv[s];
    }
    vote += best;
  }
  const float sign = vote >= 0 ? 1.f : -1.f;
  std::vector<cv::Point2f> pts;
  for (int k = 0; k < samples; ++k) {
    const float* dv = &deriv[static_cast<size_t>(k) * L];
    int arg = -1;
    float best = 1.5f;  // a step of at least ~3 grey levels over two pixels
    for (int s = 1; s < L - 1; ++s)
      if (sign * dv[s] > best) { best = sign * dv[s]; arg = s; }
    if (arg < 0) continue;
    float off = 0;
    if (arg > 1 && arg < L - 2) {
      float l = sign * dv[arg - 1], c = sign * dv[arg], r = sign * dv[arg + 1];
      float den = l - 2 * c + r;
      if (den < 0) off = std::clamp(0.5f * (l - r) / den, -0.5f, 0.5f);
    }
    pts.push_back(base[k] + n * (static_cast<float>(arg - R) + off));
  }
  if (static_cast<int>(pts.size()) < std::max(6, samples / 3)) return keep;
  cv::Vec4f line;
  cv::fitLine(pts, line, cv::DIST_HUBER, 0, 0.01, 0.01);
  return FitLine{{line[2], line[3]}, {line[0], line[1]}};
}

}  // namespace

float sample_bilinear(const cv::Mat& gray, float x, float y) {
  x = std::clamp(x, 0.f, static_cast<float>(gray.cols - 1));
  y = std::clamp(y, 0.f, static_cast<float>(gray.rows - 1));
  int x0 = std::min(static_cast<int>(x), gray.cols - 2 < 0 ? 0 : gray.cols - 2);
  int y0 = std::min(static_cast<int>(y), gray.rows - 2 < 0 ? 0 : gray.rows - 2);
  int x1 = std::min(x0 + 1, gray.cols - 1), y1 = std::min(y0 + 1, gray.rows - 1);
  float fx = x - x0, fy = y - y0;
  const uchar* r0 = gray.ptr<uchar>(y0);
  const uchar* r1 = gray.ptr<uchar>(y1);
  return (r0[x0] * (1 - fx) + r0[x1] * fx) * (1 - fy) + (r1[x0] * (1 - fx) + r1[x1] * fx) * fy;
}

float sample_luma(const cv::Mat& image, float x, float y) {
  if (image.channels() == 1) return sample_bilinear(image, x, y);
  x = std::clamp(x, 0.f, static_cast<float>(image.cols - 1));
  y = std::clamp(y, 0.f, static_cast<float>(image.rows - 1));
  int x0 = std::min(static_cast<int>(x), std::max(0, image.cols - 2));
  int y0 = std::min(static_cast<int>(y), std::max(0, image.rows - 2));
  int x1 = std::min(x0 + 1, image.cols - 1), y1 = std::min(y0 + 1, image.rows - 1);
  float fx = x - x0, fy = y - y0;
  auto luma = [&](int xx, int yy) {
    const uchar* p = image.ptr<uchar>(yy) + 3 * xx;
    return 0.114f * p[0] + 0.587f * p[1] + 0.299f * p[2];
  };
  return (luma(x0, y0) * (1 - fx) + luma(x1, y0) * fx) * (1 - fy) +
         (luma(x0, y1) * (1 - fx) + luma(x1, y1) * fx) * fy;
}

Quad refine_quad(const Quad& q, const Sampler& sample, float reach, int samples) {
  cv::Point2f centre = (q[0] + q[1] + q[2] + q[3]) * 0.25f;
  FitLine sides[4];
  for (int i = 0; i < 4; ++i)
    sides[i] = refine_side(q[i], q[(i + 1) % 4], centre, sample, reach, samples);
  Quad out;
  for (int i = 0; i < 4; ++i) {
    auto c = meet(sides[(i + 3) % 4], sides[i]);
    if (!c) return q;
    out[i] = *c;
  }
  return order_clockwise(out);
}

}  // namespace jiuzhu::camera
