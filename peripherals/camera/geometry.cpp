#include "peripherals/camera/geometry.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace jiuzhu::camera {

double page_aspect(PageKind kind) {
  switch (kind) {
    case PageKind::a4: return 297.0 / 210.0;
    case PageKind::booklet: return 143.0 / 105.0;
    case PageKind::id_card: return 85.6 / 54.0;
    case PageKind::unknown: break;
  }
  return 0.0;
}

std::string_view page_kind_name(PageKind kind) {
  switch (kind) {
    case PageKind::a4: return "a4";
    case PageKind::booklet: return "booklet";
    case PageKind::id_card: return "id_card";
    case PageKind::unknown: break;
  }
  return "unknown";
}

std::optional<PageKind> parse_page_kind(std::string_view name) {
  if (name == "a4") return PageKind::a4;
  if (name == "booklet") return PageKind::booklet;
  if (name == "id_card" || name == "card") return PageKind::id_card;
  if (name == "unknown" || name == "auto") return PageKind::unknown;
  return std::nullopt;
}

PageKind nearest_page_kind(double aspect, double tolerance) {
  if (aspect < 1.0 && aspect > 0.0) aspect = 1.0 / aspect;
  PageKind best = PageKind::unknown;
  double best_diff = tolerance;
  for (PageKind k : {PageKind::a4, PageKind::booklet, PageKind::id_card}) {
    double diff = std::abs(aspect / page_aspect(k) - 1.0);
    if (diff <= best_diff) {
      best_diff = diff;
      best = k;
    }
  }
  return best;
}

Quad order_clockwise(const Quad& q) {
  cv::Point2f c(0, 0);
  for (const auto& p : q) c += p;
  c *= 0.25f;
  std::array<int, 4> idx{0, 1, 2, 3};
  // With y pointing down, increasing atan2 runs clockwise on screen.
  std::sort(idx.begin(), idx.end(), [&](int a, int b) {
    return std::atan2(q[a].y - c.y, q[a].x - c.x) < std::atan2(q[b].y - c.y, q[b].x - c.x);
  });
  int start = 0;
  for (int i = 1; i < 4; ++i) {
    const auto& a = q[idx[i]];
    const auto& b = q[idx[start]];
    if (a.x + a.y < b.x + b.y) start = i;
  }
  Quad out;
  for (int i = 0; i < 4; ++i) out[i] = q[idx[(start + i) % 4]];
  return out;
}

double quad_area(const Quad& q) {
  double s = 0;
  for (int i = 0; i < 4; ++i) {
    const auto& a = q[i];
    const auto& b = q[(i + 1) % 4];
    s += static_cast<double>(a.x) * b.y - static_cast<double>(b.x) * a.y;
  }
  return std::abs(s) * 0.5;
}

bool quad_is_convex(const Quad& q) {
  int sign = 0;
  for (int i = 0; i < 4; ++i) {
    cv::Point2d a = q[i], b = q[(i + 1) % 4], c = q[(i + 2) % 4];
    double cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
    if (std::abs(cross) < 1e-9) return false;
    int s = cross > 0 ? 1 : -1;
    if (sign == 0) sign = s;
    else if (s != sign) return false;
  }
  return true;
}

double max_angle_deviation_deg(const Quad& q) {
  double worst = 0;
  for (int i = 0; i < 4; ++i) {
    cv::Point2d p = q[i], prev = q[(i + 3) % 4], next = q[(i + 1) % 4];
    cv::Point2d u = prev - p, v = next - p;
    double nu = std::hypot(u.x, u.y), nv = std::hypot(v.x, v.y);
    if (nu < 1e-9 || nv < 1e-9) return 90.0;
    double cosang = std::clamp((u.x * v.x + u.y * v.y) / (nu * nv), -1.0, 1.0);
    worst = std::max(worst, std::abs(std::acos(cosang) * 180.0 / CV_PI - 90.0));
  }
  return worst;
}

cv::Size2d measured_size(const Quad& q) {
  auto len = [&](int i, int j) { return cv::norm(q[i] - q[j]); };
  return {(len(0, 1) + len(2, 3)) * 0.5, (len(1, 2) + len(3, 0)) * 0.5};
}

double measured_aspect(const Quad& q) {
  cv::Size2d s = measured_size(q);
  double lo = std::min(s.width, s.height), hi = std::max(s.width, s.height);
  return lo > 0 ? hi / lo : 0.0;
}

Quad scale_quad(const Quad& q, double s) {
  Quad out;
  for (int i = 0; i < 4; ++i) out[i] = q[i] * static_cast<float>(s);
  return out;
}

double max_corner_distance(const Quad& a, const Quad& b) {
  double worst = 0;
  for (int i = 0; i < 4; ++i) worst = std::max(worst, static_cast<double>(cv::norm(a[i] - b[i])));
  return worst;
}

}  // namespace jiuzhu::camera
