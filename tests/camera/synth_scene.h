// Synthetic document photos with known ground truth, for the camera tests and benchmark.
//
// A page (A4 form, hukou booklet page or ID card) is rendered with a title, text lines and a
// table, placed in 3-D under a pinhole camera (in-plane rotation, a few degrees of tilt),
// projected onto one of several backgrounds, and then degraded the way a kiosk camera degrades
// it: a drop shadow, uneven light, glare blobs, defocus blur, sensor noise and JPEG. The page's
// true corners in the output image are returned with it.
//
// Everything is drawn with OpenCV primitives from a cv::RNG seeded by the caller, so the same
// seed and options give the same pixels on every run.
//
// Thread-safety: pure functions; scenes may be generated concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <opencv2/core.hpp>

#include "peripherals/camera/geometry.h"

namespace jiuzhu::camera::synth {

enum class Background { wood, light_desk, dark_desk, cloth };

std::string_view background_name(Background b);

// Anything left unset is drawn at random from the seed.
struct SceneOptions {
  cv::Size size{1920, 1080};
  std::optional<Background> background;
  std::optional<PageKind> kind;
  std::optional<double> blur_sigma;   // Gaussian defocus, in pixels of a 1920-wide frame
  std::optional<bool> glare;          // a clipped highlight on the page
  std::optional<double> max_tilt_deg; // camera tilt off vertical (default 12)
  std::string qr_text;                // print this QR code on the page when not empty
};

struct Scene {
  cv::Mat image;            // BGR, options.size
  Quad corners;             // true page corners, clockwise from top-left
  PageKind kind = PageKind::a4;
  Background background = Background::wood;
  double blur_sigma = 0;    // as applied, in this image's pixels
  bool glare = false;       // whether a clipped highlight lies on the page
  double noise_sigma = 0;
  std::string describe() const;
};

Scene make_scene(std::uint64_t seed, const SceneOptions& options = {});

// A flat, axis-aligned rendering of a page of the given kind (BGR), `long_side` pixels long.
cv::Mat render_page(PageKind kind, int long_side, cv::RNG& rng, const std::string& qr_text = {});

}  // namespace jiuzhu::camera::synth
