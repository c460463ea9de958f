// Page geometry shared by the document-camera pipeline: the quadrilateral a page occupies in a
// frame, the paper formats a township hall scans, and small measurements of a quadrilateral.
//
// A Quad always holds its corners clockwise on screen (image y grows downwards), starting at
// the corner nearest the image's top-left; every function here returns quads in that order
// and the rest of the pipeline relies on it.
//
// Thread-safety: pure functions of their arguments; no shared state.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include <opencv2/core.hpp>

namespace jiuzhu::camera {

using Quad = std::array<cv::Point2f, 4>;

// The materials a resident lays under the camera. `unknown` means "use the measured shape".
enum class PageKind { unknown, a4, booklet, id_card };

// Long side over short side of the physical format: A4 297×210 mm, a hukou booklet page about
// 143×105 mm, an ID card 85.6×54 mm (ISO/IEC 7810 ID-1). Returns 0 for `unknown`.
double page_aspect(PageKind kind);
// "a4", "booklet", "id_card", "unknown".
std::string_view page_kind_name(PageKind kind);
// Inverse of page_kind_name, also accepting "card" and "auto" (= unknown); nullopt otherwise.
std::optional<PageKind> parse_page_kind(std::string_view name);
// The known format whose aspect is nearest to `aspect` (long/short, any value ≥ 1), or
// `unknown` when none is within `tolerance` (relative difference).
PageKind nearest_page_kind(double aspect, double tolerance = 0.06);

// Reorders four points clockwise starting at the one nearest the top-left (smallest x + y).
Quad order_clockwise(const Quad& q);
// Shoelace area, always ≥ 0.
double quad_area(const Quad& q);
// True when the four points in the given order form a strictly convex polygon.
bool quad_is_convex(const Quad& q);
// Largest |interior angle − 90°| over the four corners, in degrees.
double max_angle_deviation_deg(const Quad& q);
// The page's measured long/short ratio from the mean lengths of opposite sides (≥ 1). This is
// a perspective-naive estimate; it is good to a few percent when the camera looks down.
double measured_aspect(const Quad& q);
// Mean length of sides 0-1 and 2-3 ("width") and of sides 1-2 and 3-0 ("height").
cv::Size2d measured_size(const Quad& q);
// Multiplies every coordinate by `s` (to move between a downscaled copy and the input).
Quad scale_quad(const Quad& q, double s);
// Largest distance between corresponding corners; the caller orders both quads alike.
double max_corner_distance(const Quad& a, const Quad& b);

}  // namespace jiuzhu::camera
