// kiosk_test_photo OUT.jpg [SEED] [empty]: a camera photo of a document page for the kiosk's journey
// tests — a printed-looking page (text lines, a table) lying in perspective on a textured
// desk, with uneven light and sensor noise, the way the document camera sees a hukou page.
// The kiosk's real detector, quality gate and rectifier then have to work on it.
#include <cstdio>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fputs("usage: kiosk_test_photo OUT.jpg [SEED] [empty]\n", stderr);
    return 2;
  }
  unsigned seed = argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 1;
  std::mt19937 rng(seed);
  const int W = 1280, H = 960;
  // Desk: brown wood-like stripes with noise.
  cv::Mat desk(H, W, CV_8UC3);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) {
      double s = 0.5 + 0.5 * std::sin(x * 0.02 + std::sin(y * 0.01) * 3);
      desk.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(40 + 20 * s), static_cast<uchar>(70 + 25 * s),
                                           static_cast<uchar>(110 + 30 * s));
    }
  // Page: booklet page 143×105 mm at 5 px/mm, with text lines and a table.
  cv::Mat page(525, 715, CV_8UC3, cv::Scalar(245, 245, 242));
  std::uniform_int_distribution<int> len(200, 600);
  for (int y = 40; y < 500; y += 34) {
    int l = len(rng);
    cv::rectangle(page, cv::Rect(40, y, l, 12), cv::Scalar(40, 40, 40), cv::FILLED);
  }
  cv::rectangle(page, cv::Rect(30, 30, 655, 465), cv::Scalar(60, 60, 60), 2);
  cv::line(page, cv::Point(30, 250), cv::Point(685, 250), cv::Scalar(60, 60, 60), 2);
  // Perspective: the page lies slightly rotated and tilted in the middle of the frame.
  std::vector<cv::Point2f> src{{0, 0}, {715, 0}, {715, 525}, {0, 525}};
  std::vector<cv::Point2f> dst{{330, 210}, {985, 250}, {950, 745}, {300, 700}};
  cv::Mat M = cv::getPerspectiveTransform(src, dst);
  cv::Mat warped, mask;
  cv::warpPerspective(page, warped, M, desk.size(), cv::INTER_LINEAR);
  cv::warpPerspective(cv::Mat(page.size(), CV_8UC1, cv::Scalar(255)), mask, M, desk.size(), cv::INTER_LINEAR);
  // "empty": the desk alone, as the camera sees it before the resident puts the page down.
  if (!(argc > 3 && std::string(argv[3]) == "empty")) warped.copyTo(desk, mask);
  // Uneven light and noise.
  cv::Mat img;
  desk.convertTo(img, CV_32FC3);
  for (int y = 0; y < H; ++y)
    for (int x = 0; x < W; ++x) img.at<cv::Vec3f>(y, x) *= static_cast<float>(0.85 + 0.15 * x / W);
  cv::Mat noise(img.size(), CV_32FC3);
  cv::randn(noise, 0, 4);
  img += noise;
  img.convertTo(desk, CV_8UC3);
  cv::GaussianBlur(desk, desk, cv::Size(3, 3), 0.6);
  if (!cv::imwrite(argv[1], desk, {cv::IMWRITE_JPEG_QUALITY, 92})) {
    std::fprintf(stderr, "cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
