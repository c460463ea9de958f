// Finding the page in a camera frame.
//
// The textbook detector (Canny, the largest contour that approxPolyDP reduces to four points)
// fails on about half of realistic kiosk scenes: a white page on a light desk has too little
// contrast, glare breaks the border, wood grain and cloth produce long edges, and text and
// table rules inside the page are mistaken for borders. This detector instead:
//   1. works on a copy downscaled to ~480 px (speed; the refinement restores precision);
//   2. erases text and rules with a grey-level closing (dark strokes thinner than the kernel
//      vanish; a convex bright page keeps its outline exactly);
//   3. proposes candidate quadrilaterals from Hough lines of the edges of both brightness and
//      chroma (paper is bright and colourless) and from contours of the page-like pixels after
//      illumination normalisation (dividing by a heavily blurred copy);
//   4. scores every candidate by the edge support along its four borders (gradient across the
//      border, consistent in sign, at every sample), its area, its angles and how close its
//      aspect is to a known format (A4, booklet page, ID card), after gates that a page must
//      pass (colourless; brighter than what it lies on, or bright itself; writing spread over
//      it; the aspect of a paper format or card) so that a tray, a phone, a tablet, a
//      keyboard, a book or a framed picture is not taken for one;
//   5. refines the winner at full resolution: along each border, a 1-D search across the edge
//      gives sub-pixel edge points, a robust line fit gives the side, and the corners are the
//      intersections of adjacent sides.
//
// Thread-safety: detect_page is a pure function of its arguments; call it from any thread.
#pragma once

#include <opencv2/core.hpp>

#include "peripherals/camera/geometry.h"

namespace jiuzhu::camera {

// Stages that can be switched off to measure what each adds (docs/scanning.md, ablation);
// never set in production.
enum Ablate : unsigned {
  ablate_line_candidates = 1,    // quads from Hough lines
  ablate_paper_candidates = 2,   // quads from the paper-like pixel masks
  ablate_ramp_discount = 4,      // soft ramps (shadow edges) count less as borders
  ablate_step_discount = 8,      // lines with the same surface on both sides count less
  ablate_paper_gates = 16,       // colourless, not darker than around, corners show paper
  ablate_clipped_paper = 32,     // the old rule: a clipped interior is glare, not paper
  ablate_enclosing = 64,         // prefer a convincing quad enclosing the winner
  ablate_ink_gate = 128,         // a page carries writing spread over it
  ablate_aspect_gate = 256,      // a page's aspect is that of a paper format or card
  ablate_brighter_gate = 512,    // a page is brighter than what it lies on
  ablate_faint_outline = 1024,   // a faint outline only for white paper on a light desk
  ablate_corner_contrast = 2048, // a quad that stands out from its surround needs 3 paper corners
};

struct DetectOptions {
  int work_size = 480;                     // long side of the downscaled working copy
  PageKind expected = PageKind::unknown;   // the format the kiosk asked for, if any
  bool refine = true;                      // full-resolution sub-pixel refinement
  unsigned ablate = 0;                     // Ablate bits, for measurements only
};

struct PageDetection {
  bool found = false;
  Quad corners{};                          // input pixels, clockwise from top-left
  double score = 0;                        // the winning candidate's score (for comparisons)
  double edge_support = 0;                 // 0..1, share of the border backed by an edge (≥ 0.3 when found)
  PageKind kind = PageKind::unknown;       // nearest format by measured aspect, if any
};

// Accepts 8-bit BGR or grey images of any size; an empty image yields found = false.
PageDetection detect_page(const cv::Mat& image, const DetectOptions& options = {});

}  // namespace jiuzhu::camera
