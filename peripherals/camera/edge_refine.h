// Sub-pixel refinement of a page quadrilateral against the image's edges.
//
// For each side, profiles across the border at evenly spaced samples give the position of the
// strongest brightness step (sign agreed by the majority of samples, parabolic sub-pixel
// peak); a Huber line fit through those points replaces the side, and adjacent sides meet at
// the new corners. Text near a border, glare crossing it or a shadow beside it only produce
// outliers that the robust fit down-weights. Sides with too few edge points are kept as given.
//
// Thread-safety: pure functions; the sampler must be safe to call from the calling thread.
#pragma once

#include <functional>

#include <opencv2/core.hpp>

#include "peripherals/camera/geometry.h"

namespace jiuzhu::camera {

// Bilinear sample of an 8-bit single-channel image; coordinates are clamped to the image.
float sample_bilinear(const cv::Mat& gray, float x, float y);
// Bilinear luminance (BT.601 weights) of an 8-bit BGR or grey image, clamped likewise.
float sample_luma(const cv::Mat& image, float x, float y);

using Sampler = std::function<float(float, float)>;

// Moves each side of `q` (clockwise order) to the edge found within ±reach pixels of it,
// using `samples` profiles per side. Returns the quad in clockwise order.
Quad refine_quad(const Quad& q, const Sampler& sample, float reach, int samples);

}  // namespace jiuzhu::camera
