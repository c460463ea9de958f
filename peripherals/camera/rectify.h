// Perspective correction and enhancement of a detected page.
//
// rectify_page maps the page quadrilateral to an upright rectangle with the page's real
// proportions: the format's aspect when the kiosk knows what it asked for (A4, booklet page,
// ID card) or when the measured shape is close to one, the measured aspect otherwise. The
// output never upsamples: its long side is the page's long side in the photo (capped).
//
// enhance_page makes the result readable and printable: it divides each channel by an estimate
// of the paper's own brightness (a smooth surface fitted to the bright level of a grid of
// cells, ignoring cells that are content or glare), which removes uneven light and colour
// cast without washing out photos, then stretches contrast so that paper is white and ink is
// dark. Colour is kept: red seals on a hukou page are part of the evidence.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <opencv2/core.hpp>

#include "peripherals/camera/geometry.h"

namespace jiuzhu::camera {

// The rectified size for `corners`: orientation follows the photo (side 0-1 is the top edge).
cv::Size rectified_size(const Quad& corners, PageKind kind, int max_long_side);

// `image` is 8-bit BGR or grey; `corners` clockwise from top-left. Empty output if the quad
// is degenerate.
cv::Mat rectify_page(const cv::Mat& image, const Quad& corners, PageKind kind = PageKind::unknown,
                     int max_long_side = 2480);

// Same type in and out (8-bit, 1 or 3 channels).
cv::Mat enhance_page(const cv::Mat& page);

}  // namespace jiuzhu::camera
