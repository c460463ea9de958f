// The page detector's working copy of a frame and the candidate quads found on it: the
// preparation (text-free luminance and chroma, their gradients, the ink map) and the two
// candidate generators (Hough line quadruples; bright colourless "paper" regions). Scoring the
// candidates and choosing the page is page_detector.cpp. Internal to peripherals/camera.
//
// Thread-safety: pure functions over caller-owned images.
#pragma once

#include <vector>

#include <opencv2/core.hpp>

#include "peripherals/camera/geometry.h"

namespace jiuzhu::camera::detail {

inline constexpr double kGradFullMax = 40.0;    // Sobel-3 response always counted as a full edge
inline constexpr double kGradFullMin = 6.0;     // never count weaker responses as full edges

struct Work {
  cv::Mat gray;    // text-free luminance of the working copy (CV_8U)
  cv::Mat chroma;  // max−min over B, G, R, likewise closed (CV_8U)
  cv::Mat gx, gy;  // Sobel of gray (CV_16S)
  cv::Mat cx, cy;  // Sobel of chroma (CV_16S)
  cv::Mat ink;     // share (0..255) of the 7×7 neighbourhood covered by fine dark strokes
  double full = kGradFullMax;  // response that counts as a full edge in this image
  unsigned ablate = 0;         // DetectOptions::ablate
};

// A straight line in Hough form.
struct HLine {
  float rho, theta;
};

// The working copy of `small` (the frame at working size).
Work prepare(const cv::Mat& small);
// The strongest distinct straight edges of the working copy (at most 18).
std::vector<HLine> hough_lines(const Work& w);
// Quads from pairs of near-parallel lines crossing another such pair, appended to `out`.
void quads_from_lines(const std::vector<HLine>& lines, cv::Size size, std::vector<Quad>& out);
// Quads around regions that look like paper, appended to `out`.
void quads_from_paper(const Work& w, std::vector<Quad>& out);

}  // namespace jiuzhu::camera::detail
