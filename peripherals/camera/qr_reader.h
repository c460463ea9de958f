// Reading a QR code from a camera frame (a resident holds up a receipt to check progress).
//
// Uses OpenCV's QRCodeDetector, and zbar (see zbar_decoder.h) where OpenCV was built without a
// decoder, as Debian's is. Large frames and small codes both trip detectors up, so the frame is
// tried as given, then at standard sizes, then with the contrast normalised; the first decode
// wins.
//
// Thread-safety: read_qr is a pure function; each call uses its own detector.
#pragma once

#include <string>

#include <opencv2/core.hpp>

#include "core/result.h"

namespace jiuzhu::camera {

// The decoded text. Errors: "empty_image", "no_qr_code" (nothing found or nothing decodable).
Result<std::string> read_qr(const cv::Mat& image);

}  // namespace jiuzhu::camera
