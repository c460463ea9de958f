// QR round trip: a code printed on a page in a photo-like scene is read back.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "peripherals/camera/qr_reader.h"
#include "tests/camera/synth_scene.h"

namespace jiuzhu::camera {
namespace {

TEST(Qr, ReadsAReceiptHeldUnderTheCamera) {
  const std::string text = "JZ-450326-20261124-000123";
  int read = 0;
  for (std::uint64_t seed = 20; seed < 24; ++seed) {
    synth::SceneOptions opt;
    opt.size = {1280, 720};
    opt.kind = PageKind::a4;
    opt.qr_text = text;
    opt.glare = false;
    opt.blur_sigma = 0.5;
    synth::Scene s = synth::make_scene(seed, opt);
    auto got = read_qr(s.image);
    if (got) {
      EXPECT_EQ(*got, text);
      ++read;
    }
  }
  EXPECT_GE(read, 3);
}

TEST(Qr, NoCodeIsAnError) {
  synth::SceneOptions opt;
  opt.size = {960, 540};
  synth::Scene s = synth::make_scene(1, opt);
  auto got = read_qr(s.image);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "no_qr_code");
  EXPECT_EQ(read_qr(cv::Mat()).error().code, "empty_image");
}

TEST(Qr, ReadsAPlainCodeInGrey) {
  cv::Mat modules;
  cv::QRCodeEncoder::create()->encode("https://example.org/q?id=42", modules);
  ASSERT_FALSE(modules.empty());
  cv::Mat big, canvas(600, 800, CV_8UC1, cv::Scalar(170));
  cv::resize(modules, big, {300, 300}, 0, 0, cv::INTER_NEAREST);
  big.copyTo(canvas(cv::Rect(250, 150, 300, 300)));
  auto got = read_qr(canvas);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "https://example.org/q?id=42");
}

}  // namespace
}  // namespace jiuzhu::camera
