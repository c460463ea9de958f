#include "peripherals/camera/qr_reader.h"

#include <algorithm>
#include <vector>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "peripherals/camera/zbar_decoder.h"

namespace jiuzhu::camera {

Result<std::string> read_qr(const cv::Mat& image) {
  if (image.empty()) return make_error("empty_image", "图像为空");
  cv::Mat gray;
  if (image.channels() == 3) cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  else if (image.channels() == 4) cv::cvtColor(image, gray, cv::COLOR_BGRA2GRAY);
  else gray = image;

  std::vector<cv::Mat> attempts{gray};
  const int long_side = std::max(gray.cols, gray.rows);
  for (int target : {1280, 800}) {
    if (long_side > target * 1.2 || long_side < target / 2) {
      cv::Mat r;
      double k = double(target) / long_side;
      cv::resize(gray, r, {}, k, k, k < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
      attempts.push_back(r);
    }
  }
  cv::Mat eq;
  cv::createCLAHE(2.0, {8, 8})->apply(attempts.back(), eq);
  attempts.push_back(eq);

  cv::QRCodeDetector detector;
  if (!zbar_available()) {
    for (const cv::Mat& a : attempts) {
      try {
        std::string text = detector.detectAndDecode(a);
        if (!text.empty()) return text;
      } catch (const cv::Exception&) {
        // A malformed candidate region; try the next variant.
      }
    }
    return make_error("no_qr_code", "没有识别到二维码");
  }
  // With zbar at hand, OpenCV only locates (its decoder is absent from Debian's build and says
  // so on stderr at every call): zbar reads each variant, then the code OpenCV located,
  // straightened to a square with a quiet zone.
  for (const cv::Mat& a : attempts)
    if (auto z = zbar_decode_qr(a)) return *z;
  for (const cv::Mat& a : attempts) {
    std::vector<cv::Point2f> corners;
    try {
      if (!detector.detect(a, corners) || corners.size() != 4) continue;
    } catch (const cv::Exception&) {
      continue;
    }
    const float side = 400, quiet = 40;
    std::vector<cv::Point2f> dst{{quiet, quiet}, {quiet + side, quiet}, {quiet + side, quiet + side}, {quiet, quiet + side}};
    cv::Mat square;
    cv::warpPerspective(a, square, cv::getPerspectiveTransform(corners, dst),
                        {int(side + 2 * quiet), int(side + 2 * quiet)}, cv::INTER_LINEAR,
                        cv::BORDER_CONSTANT, cv::Scalar(255));
    if (auto z = zbar_decode_qr(square)) return *z;
  }
  return make_error("no_qr_code", "没有识别到二维码");
}

}  // namespace jiuzhu::camera
