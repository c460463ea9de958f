#include "peripherals/camera/page_detector.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "peripherals/camera/edge_refine.h"
#include "peripherals/camera/page_candidates.h"

namespace jiuzhu::camera {
namespace {

using detail::hough_lines;
using detail::prepare;
using detail::quads_from_lines;
using detail::quads_from_paper;
using detail::Work;

constexpr double kMinEdgeSupport = 0.3;  // below this the best candidate is not a page

// A document carries writing spread over it: at least this share of the interior grid must
// have fine dark strokes nearby (pages of the outside corpus's tuning half: 0.41–0.84, blurred
// and glared ones lowest; trays, tablets, dark paper and bare desk: ≤ 0.20).
constexpr double kMinInkCover = 0.25;
constexpr int kInkDensityMin = 8;          // of 255: ≥ 3 % of a 7×7 neighbourhood is stroke
// Paper formats and cards are 1.36 (booklet page) to 1.59 (ID card) long over short; allow
// for perspective and a loose measurement. A keyboard, a phone or a strip of desk is not.
constexpr double kMinAspect = 1.2, kMaxAspect = 1.85;
// Edge support below kClearOutline is accepted only for a colourless quad (chroma ≤
// kFaintMaxChroma) within kFaintMaxContrast grey levels of its ring: white paper on a light
// desk (synthetic set: support 0.33) — never for a bright tray or keyboard half outlined by
// the edges of other things (0.33–0.45 on the tuning empties of seeds 37000 and 47000).
constexpr double kClearOutline = 0.45, kFaintMaxChroma = 20, kFaintMaxContrast = 20;
// A page is brighter than what it lies on by this much, or is itself bright (white paper on a
// desk as light as paper); a dark quad that is neither is a phone, a tablet or a keyboard.
constexpr double kMinBrighter = 5, kBrightAlone = 150;

// --- Candidate scoring -------------------------------------------------------------------

struct Score {
  double total = -1;
  double edge = 0;
  double roughness = 0;
};

struct Interior {
  double roughness = 0;  // mean grey step between neighbouring grid samples
  double clipped = 0;    // share of samples at the top of the range (glare)
  double chroma = 0;     // mean chroma: paper is nearly colourless
  double mean = 0;       // mean text-free grey inside
  double ring = -1;      // mean grey just outside the quad (−1: all outside the image)
  double ring_chroma = 0;  // and its mean chroma
  int lit_corners = 0;   // corners with paper inside that differs from what lies just beyond
  double ink = 0;        // share of interior grid points with fine dark strokes nearby
};

// A page, once text is closed away, is smooth inside; a quad that encloses cloth, wood grain
// or part of the desk is not, and one drawn around a glare spot is clipped inside.
Interior interior(const Work& w, const Quad& q) {
  constexpr int N = 10;
  float v[N][N];
  int clipped = 0;
  double chroma = 0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      float u = 0.08f + 0.84f * i / (N - 1), t = 0.08f + 0.84f * j / (N - 1);
      cv::Point2f top = q[0] + (q[1] - q[0]) * u, bottom = q[3] + (q[2] - q[3]) * u;
      cv::Point2f p = top + (bottom - top) * t;
      int x = std::clamp(cvRound(p.x), 0, w.gray.cols - 1), y = std::clamp(cvRound(p.y), 0, w.gray.rows - 1);
      v[i][j] = w.gray.at<uchar>(y, x);
      chroma += w.chroma.at<uchar>(y, x);
      if (v[i][j] >= 250) ++clipped;
    }
  double sum = 0, mean = 0;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) mean += v[i][j];
  for (int i = 0; i < N; ++i)
    for (int j = 0; j + 1 < N; ++j) sum += std::abs(v[i][j] - v[i][j + 1]) + std::abs(v[j][i] - v[j + 1][i]);
  // The ring: points on the quad grown by 12 % about its centre.
  cv::Point2f centre = (q[0] + q[1] + q[2] + q[3]) * 0.25f;
  double ring = 0, ring_chroma = 0;
  int ring_n = 0;
  for (int s = 0; s < 4; ++s)
    for (int k = 0; k < 8; ++k) {
      cv::Point2f p = q[s] + (q[(s + 1) % 4] - q[s]) * ((k + 0.5f) / 8);
      p = centre + (p - centre) * 1.12f;
      int x = cvRound(p.x), y = cvRound(p.y);
      if (x < 0 || y < 0 || x >= w.gray.cols || y >= w.gray.rows) continue;
      ring += w.gray.at<uchar>(y, x);
      ring_chroma += w.chroma.at<uchar>(y, x);
      ++ring_n;
    }
  // A page's corner is a corner of a bright sheet: just inside it paper, just beyond it the
  // surface. A quad strung between the edges of other objects has corners in open desk.
  int lit = 0;
  for (const auto& c : q) {
    cv::Point2f in = centre + (c - centre) * 0.9f, out = centre + (c - centre) * 1.1f;
    int xo = cvRound(out.x), yo = cvRound(out.y);
    if (xo < 0 || yo < 0 || xo >= w.gray.cols || yo >= w.gray.rows) {
      ++lit;  // beyond the frame: no evidence against
      continue;
    }
    int xi = std::clamp(cvRound(in.x), 0, w.gray.cols - 1), yi = std::clamp(cvRound(in.y), 0, w.gray.rows - 1);
    // Brighter inside, or at least a different surface (a page on a desk as light as paper
    // differs a little in grey or in colour).
    const int dg = int(w.gray.at<uchar>(yi, xi)) - int(w.gray.at<uchar>(yo, xo));
    const int dc = int(w.chroma.at<uchar>(yi, xi)) - int(w.chroma.at<uchar>(yo, xo));
    if (dg >= 6 || std::abs(dg) + 2 * std::abs(dc) >= 8) ++lit;
  }
  // A document carries writing spread over it (text, a table, the lines of a card); a tray,
  // a sheet of blank or dark paper, a tablet's glass or a bare patch of desk does not.
  int inked = 0;
  constexpr int M = 8;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j) {
      float u = 0.1f + 0.8f * i / (M - 1), t = 0.1f + 0.8f * j / (M - 1);
      cv::Point2f top = q[0] + (q[1] - q[0]) * u, bottom = q[3] + (q[2] - q[3]) * u;
      cv::Point2f p = top + (bottom - top) * t;
      int x = std::clamp(cvRound(p.x), 0, w.ink.cols - 1), y = std::clamp(cvRound(p.y), 0, w.ink.rows - 1);
      if (w.ink.at<uchar>(y, x) >= kInkDensityMin) ++inked;
    }
  return {sum / (2.0 * N * (N - 1)), clipped / double(N * N), chroma / (N * N), mean / (N * N),
          ring_n >= 8 ? ring / ring_n : -1.0, ring_n ? ring_chroma / ring_n : 0.0, lit,
          inked / double(M * M)};
}

// Support of one border: at samples along it, the gradient component across the border (best
// of brightness and chroma, best of a few offsets), counted only with the sign that most of the
// border agrees on, so texture that flips sign along the line earns little.
double side_support(const Work& w, cv::Point2f a, cv::Point2f b, cv::Point2f centre, int max_samples) {
  cv::Point2f d = b - a;
  float len = std::hypot(d.x, d.y);
  if (len < 4) return 0;
  cv::Point2f t = d / len, n(-t.y, t.x);
  if ((a + b) * 0.5f - centre == cv::Point2f()) return 0;
  if (n.dot((a + b) * 0.5f - centre) < 0) n = -n;
  int samples = std::clamp(static_cast<int>(len / 3), 10, max_samples);
  const int W = w.gray.cols, H = w.gray.rows;
  double pos[2] = {0, 0}, neg[2] = {0, 0};
  // The strip just inside a page border is plain margin; just inside a line of a checked
  // cloth or a plank seam it keeps changing. Track how much it changes along the border.
  double strip_change = 0, prev_inside = -1;
  // A paper border is a sharp step; the edge of a cast shadow (or of a soft light patch) is a
  // wide ramp. Compare the steepest slope at the border with the step across ±5 px.
  double slope_sum = 0, step_sum = 0;
  for (int i = 0; i < samples; ++i) {
    cv::Point2f p = a + d * (0.06f + 0.88f * (i + 0.5f) / samples);
    {
      int x = std::clamp(cvRound(p.x - n.x * 3), 0, W - 1), y = std::clamp(cvRound(p.y - n.y * 3), 0, H - 1);
      double v = w.gray.at<uchar>(y, x);
      if (prev_inside >= 0) strip_change += std::abs(v - prev_inside);
      prev_inside = v;
    }
    double best[2] = {0, 0};
    for (int off = -2; off <= 2; ++off) {
      int x = cvRound(p.x + n.x * off), y = cvRound(p.y + n.y * off);
      if (x < 1 || y < 1 || x >= W - 1 || y >= H - 1) continue;
      const cv::Mat* gs[2][2] = {{&w.gx, &w.gy}, {&w.cx, &w.cy}};
      for (int c = 0; c < 2; ++c) {
        double gx = gs[c][0]->at<short>(y, x), gy = gs[c][1]->at<short>(y, x);
        double proj = gx * n.x + gy * n.y;
        double mag = std::hypot(gx, gy);
        if (mag < 1) continue;
        double v = proj * std::abs(proj) / mag;  // |proj|·cos: oblique texture counts less
        if (std::abs(v) > std::abs(best[c])) best[c] = v;
      }
    }
    {
      int x0 = std::clamp(cvRound(p.x - n.x * 5), 0, W - 1), y0 = std::clamp(cvRound(p.y - n.y * 5), 0, H - 1);
      int x1 = std::clamp(cvRound(p.x + n.x * 5), 0, W - 1), y1 = std::clamp(cvRound(p.y + n.y * 5), 0, H - 1);
      step_sum += std::abs(double(w.gray.at<uchar>(y1, x1)) - w.gray.at<uchar>(y0, x0));
      slope_sum += std::abs(best[0]) / 8.0;  // Sobel-3 responds 8× the slope
    }
    for (int c = 0; c < 2; ++c) {
      pos[c] += std::min(1.0, std::max(0.0, best[c]) / w.full);
      neg[c] += std::min(1.0, std::max(0.0, -best[c]) / w.full);
    }
  }
  double gray = std::max(pos[0], neg[0]) / samples;
  double chroma = std::max(pos[1], neg[1]) / samples;
  strip_change /= std::max(1, samples - 1);
  // Slope over step: ≈ 0.3 for a paper border on the working copy, ≤ 0.17 for a ramp of
  // σ ≥ 2.5 px. Only the grey support is discounted: a shadow has no chroma edge.
  const double steepness = step_sum > 1e-6 ? slope_sum / step_sum : 1.0;
  if (!(w.ablate & ablate_ramp_discount)) gray *= std::clamp((steepness - 0.08) / 0.14, 0.25, 1.0);
  // Nor is a line with the same surface on both sides (a faint seam, light falling off): a
  // page border separates two surfaces, a grey step of some levels at least.
  if (!(w.ablate & ablate_step_discount)) gray *= std::min(1.0, step_sum / samples / 6.0);
  return std::max(gray, chroma) * std::exp(-strip_change / 12.0);
}

// `max_samples` per side: a coarse pass ranks all candidates cheaply, a fine pass the best.
Score score_quad(const Work& w, const Quad& q, PageKind expected, int max_samples = 60) {
  Score s;
  if (!quad_is_convex(q)) return s;
  const double img_area = static_cast<double>(w.gray.cols) * w.gray.rows;
  double frac = quad_area(q) / img_area;
  if (frac < 0.03 || frac > 0.995) return s;
  const float mx = w.gray.cols * 0.03f, my = w.gray.rows * 0.03f;
  for (const auto& p : q)
    if (p.x < -mx || p.y < -my || p.x > w.gray.cols + mx || p.y > w.gray.rows + my) return s;
  double dev = max_angle_deviation_deg(q);
  if (dev > 40) return s;
  double min_side = 1e9;
  for (int i = 0; i < 4; ++i) min_side = std::min<double>(min_side, cv::norm(q[i] - q[(i + 1) % 4]));
  if (min_side < 0.08 * std::min(w.gray.cols, w.gray.rows)) return s;

  cv::Point2f centre = (q[0] + q[1] + q[2] + q[3]) * 0.25f;
  double sides[4], sum = 0, lo = 1;
  for (int i = 0; i < 4; ++i) {
    sides[i] = side_support(w, q[i], q[(i + 1) % 4], centre, max_samples);
    sum += sides[i];
    lo = std::min(lo, sides[i]);
  }
  s.edge = 0.5 * sum / 4 + 0.5 * lo;
  double aspect = measured_aspect(q);
  double aspect_fit = 0;
  for (PageKind k : {PageKind::a4, PageKind::booklet, PageKind::id_card}) {
    if (expected != PageKind::unknown && k != expected) continue;
    double e = std::log(aspect / page_aspect(k)) / 0.08;
    aspect_fit = std::max(aspect_fit, std::exp(-e * e));
  }
  double angle_pen = std::max(0.0, dev - 15) / 50;
  Interior in = interior(w, q);
  // Paper is colourless and not darker than what it lies on: a red book, a blue folder or a
  // black phone on the desk is not a page, however straight its edges.
  // (Tinted paper under coloured light is less coloured than the desk around it.)
  const bool gates = !(w.ablate & ablate_paper_gates);
  if (gates && in.chroma > 60) return s;
  if (gates && in.ring >= 0 && in.mean < in.ring - 8) return s;
  // Small quads (a card, a far page — or a gap between objects on the desk) need three such
  // corners, and so does a quad that stands out from its surround by more than
  // kFaintMaxContrast levels (a page's corners then contrast too; a quad strung across other
  // things has some in open desk). Only a large sheet about as light as its desk may show one:
  // there the corners barely differ.
  const bool contrasted = !(w.ablate & ablate_corner_contrast) && in.ring >= 0 &&
                          std::abs(in.mean - in.ring) > kFaintMaxContrast;
  if (gates && in.lit_corners < (frac < 0.10 || contrasted ? 3 : 1)) return s;
  if (!(w.ablate & ablate_ink_gate) && in.ink < kMinInkCover) return s;
  if (!(w.ablate & ablate_aspect_gate) && (aspect < kMinAspect || aspect > kMaxAspect)) return s;
  if (!(w.ablate & ablate_brighter_gate) && in.ring >= 0 && in.mean < in.ring + kMinBrighter &&
      in.mean < kBrightAlone)
    return s;
  double smooth = std::exp(-in.roughness / 20.0);
  // Only a quad that is mostly clipped inside *and* barely outlined is a glare spot; white
  // paper under a bright lamp is clipped too and must not be refused here (the quality gate
  // judges glare relative to the paper).
  double not_glare = 1.0 - 0.5 * std::min(1.0, in.clipped) * std::max(0.0, 1.0 - s.edge);
  if (w.ablate & ablate_clipped_paper) not_glare = 1.0 - std::min(1.0, 2.0 * in.clipped);
  double colourless = std::exp(-std::max(0.0, in.chroma - 30.0) / 30.0);
  s.total = s.edge * (1 - angle_pen) * (0.8 + 0.2 * aspect_fit) * (0.7 + 0.3 * std::sqrt(frac)) *
            (0.4 + 0.6 * smooth) * not_glare * (0.5 + 0.5 * colourless);
  s.roughness = in.roughness;
  return s;
}


// Sub-pixel refinement of the quad on the working copy using its text-free luminance.
Quad refine_small(const Work& w, const Quad& q) {
  const cv::Mat& g = w.gray;
  auto luma = [&](float x, float y) { return sample_bilinear(g, x, y); };
  return refine_quad(q, luma, 4.0f, 24);
}

}  // namespace

PageDetection detect_page(const cv::Mat& image, const DetectOptions& options) {
  PageDetection result;
  if (image.empty() || image.depth() != CV_8U || (image.channels() != 3 && image.channels() != 1))
    return result;
  const int long_side = std::max(image.cols, image.rows);
  const double scale = long_side > options.work_size ? double(options.work_size) / long_side : 1.0;
  cv::Mat small;
  if (scale < 1.0) cv::resize(image, small, {}, scale, scale, cv::INTER_AREA);
  else small = image;
  Work w = prepare(small);
  w.ablate = options.ablate;

  std::vector<Quad> candidates;
  if (!(w.ablate & ablate_line_candidates)) quads_from_lines(hough_lines(w), small.size(), candidates);
  if (!(w.ablate & ablate_paper_candidates)) quads_from_paper(w, candidates);

  std::vector<Score> scores(candidates.size());
  size_t best_i = candidates.size();
  // Coarse pass over every candidate, fine pass over the 24 best (ties in the coarse score are
  // common among near-identical quads, and the fine pass separates them).
  for (size_t i = 0; i < candidates.size(); ++i) scores[i] = score_quad(w, candidates[i], options.expected, 14);
  {
    std::vector<size_t> order(candidates.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const size_t keep = std::min<size_t>(24, order.size());
    std::partial_sort(order.begin(), order.begin() + keep, order.end(),
                      [&](size_t a, size_t b) { return scores[a].total > scores[b].total; });
    std::vector<Quad> top;
    for (size_t k = 0; k < keep; ++k)
      if (scores[order[k]].total > 0) top.push_back(candidates[order[k]]);
    candidates = std::move(top);
    scores.assign(candidates.size(), Score{});
    best_i = candidates.size();
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    scores[i] = score_quad(w, candidates[i], options.expected);
    if (scores[i].total > 0 && (best_i == candidates.size() || scores[i].total > scores[best_i].total))
      best_i = i;
  }
  // Documents contain rectangles of their own (a photo, a table, a boxed field). When a
  // well-supported quad encloses the winner, the enclosing one is the page.
  const double winner_total = best_i < candidates.size() ? scores[best_i].total : 0;
  for (int round = 0; round < 3 && best_i < candidates.size() && !(w.ablate & ablate_enclosing); ++round) {
    const Quad& b = candidates[best_i];
    const double barea = quad_area(b);
    size_t outer = candidates.size();
    for (size_t i = 0; i < candidates.size(); ++i) {
      const Score& si = scores[i];
      // The enclosing page must itself be convincing: well outlined and smooth inside.
      if (i == best_i || si.total < 0.7 * winner_total || si.edge < 0.6 || si.roughness > 12) continue;
      const Quad& c = candidates[i];
      if (quad_area(c) < 1.3 * barea) continue;
      std::vector<cv::Point2f> poly(c.begin(), c.end());
      bool inside = true;
      for (const auto& p : b) inside = inside && cv::pointPolygonTest(poly, p, true) > -2.0;
      if (inside && (outer == candidates.size() || si.total > scores[outer].total)) outer = i;
    }
    if (outer == candidates.size()) break;
    best_i = outer;
  }
  Score best;
  Quad best_q{};
  if (best_i < candidates.size()) {
    best = scores[best_i];
    best_q = candidates[best_i];
  }
  if (best.total < 0 || best.edge < kMinEdgeSupport) return result;
  if (!(w.ablate & ablate_faint_outline) && best.edge < kClearOutline) {
    // A faint outline is a page's only where its border is faint for a reason: white paper on a
    // desk about as light and as colourless as itself. A quad much brighter (or darker) than
    // its surround whose sides are not that step, or a coloured one, was strung between the
    // edges of other things.
    Interior in = interior(w, best_q);
    if (in.chroma > kFaintMaxChroma || in.ring < 0 || std::abs(in.mean - in.ring) > kFaintMaxContrast) return result;
  }

  // Refine on the working copy; keep the refinement only if it does not lower the score.
  Quad refined = refine_small(w, best_q);
  Score rs = score_quad(w, refined, options.expected);
  if (rs.total >= best.total * 0.97 && max_corner_distance(refined, best_q) < 8) {
    best_q = refined;
    best = rs;
  }
  Quad full;
  for (int i = 0; i < 4; ++i)
    full[i] = cv::Point2f(static_cast<float>((best_q[i].x + 0.5) / scale - 0.5),
                          static_cast<float>((best_q[i].y + 0.5) / scale - 0.5));
  if (options.refine && scale < 1.0) {
    auto luma = [&](float x, float y) { return sample_luma(image, x, y); };
    float reach = static_cast<float>(std::max(4.0, 1.5 / scale));
    Quad r1 = refine_quad(full, luma, reach, 40);
    Quad r2 = refine_quad(r1, luma, std::max(3.0f, reach / 2), 40);
    if (quad_is_convex(r2) && max_corner_distance(r2, full) < 3.0 / scale) full = r2;
  }
  result.found = true;
  result.corners = order_clockwise(full);
  result.score = best.total;
  result.edge_support = best.edge;
  result.kind = options.expected != PageKind::unknown ? options.expected
                                                      : nearest_page_kind(measured_aspect(full));
  return result;
}

}  // namespace jiuzhu::camera
