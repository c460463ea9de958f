// The quality gate: is this frame good enough to keep as the resident's document?
//
// Measured on the detected page, not the whole frame:
//   sharpness — variance of the Laplacian of the page's centre, rectified at the photo's own
//               resolution (so a small page is not rewarded for being upsampled);
//   glare     — share of the page whose brightness is clipped (blurred first, so that sensor
//               noise on bright paper is not counted);
//   coverage  — the page's share of the frame;
//   skew      — largest deviation of a corner angle from 90°, i.e. how far from flat and
//               facing the camera the page lies.
// Each failed check is a Problem with a stable code (for logs and the kiosk's logic) and one
// short Chinese sentence the kiosk shows and speaks. The order of problems is fixed: framing
// first, then flatness, glare and blur, so the first one is the most useful advice.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "peripherals/camera/page_detector.h"

namespace jiuzhu::camera {

struct QualityThresholds {
  double min_sharpness = 16;    // edge steepness (quality.cpp); see docs/scanning.md for calibration
  double min_detail = 60;       // Laplacian variance (quality.cpp)
  double max_glare = 0.004;     // clipped share of the page
  double min_coverage = 0.08;   // page share of the frame
  double max_skew_deg = 15;     // corner angle deviation
  double border_margin = 0.004; // corners this close to the frame edge (× diagonal) are cut off
};

struct Problem {
  std::string code;     // no_page, out_of_frame, too_small, not_flat, glare, blurry
  std::string message;  // one short sentence for the resident
};

struct Quality {
  double sharpness = 0;
  double detail = 0;
  double glare = 0;
  double coverage = 0;
  double skew_deg = 0;
  bool ok = false;
  std::vector<Problem> problems;
};

// The problem for a code, with its sentence; unknown codes get a generic sentence.
Problem make_problem(const std::string& code);

// `image` is the frame `detection` was computed on (8-bit BGR or grey).
Quality assess_quality(const cv::Mat& image, const PageDetection& detection,
                       const QualityThresholds& thresholds = {});

}  // namespace jiuzhu::camera
