// QR decoding through libzbar, loaded at run time.
//
// Debian's OpenCV 4.6 is built without its QR decoding back end (quirc): QRCodeDetector finds
// codes but decodes nothing ("Library QUIRC is not linked"). zbar decodes them well and ships
// as libzbar0 (a dependency of zbar-tools, in deploy/packages.txt). It is opened with dlopen so
// the peripherals library needs no build-time zbar headers; when it is missing, decoding
// reports itself unavailable instead of failing to link.
//
// Thread-safety: the library is loaded once (std::call_once); each decode uses its own zbar
// scanner and image, so concurrent calls are safe.
#pragma once

#include <optional>
#include <string>

#include <opencv2/core.hpp>

namespace jiuzhu::camera {

// True when libzbar could be loaded.
bool zbar_available();
// The text of the first QR code zbar finds in an 8-bit grey image, or nullopt.
std::optional<std::string> zbar_decode_qr(const cv::Mat& gray);

}  // namespace jiuzhu::camera
