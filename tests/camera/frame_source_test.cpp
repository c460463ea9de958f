// The folder simulator (the kiosk's --devices sim camera), the video file source, and
// opening sources from configuration strings.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

#include "peripherals/camera/frame_source.h"

namespace jiuzhu::camera {
namespace {

namespace fs = std::filesystem;

class FolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("jiuzhu_frames_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Each image is flat grey at `level`, so a frame tells which file it came from.
  void write(const std::string& name, int level) {
    cv::imwrite((dir_ / name).string(), cv::Mat(24, 32, CV_8UC3, cv::Scalar::all(level)));
  }
  static int level(const cv::Mat& m) { return m.at<cv::Vec3b>(0, 0)[0]; }
  fs::path dir_;
};

TEST_F(FolderTest, PlaysImagesInNameOrderThenStops) {
  write("b.png", 20);
  write("a.png", 10);
  write("c.jpg", 30);
  std::ofstream(dir_ / "notes.txt") << "not an image";
  auto src = open_image_folder(dir_.string());
  ASSERT_TRUE(src.ok());
  auto& s = *src.value();
  EXPECT_EQ(s.describe(), "folder:" + dir_.string());
  EXPECT_EQ(level(*s.next()), 10);
  EXPECT_EQ(level(*s.next()), 20);
  EXPECT_NEAR(level(*s.next()), 30, 2);  // JPEG
  auto end = s.next();
  ASSERT_FALSE(end.ok());
  EXPECT_EQ(end.error().code, "end_of_stream");
}

TEST_F(FolderTest, PicksUpImagesAddedLater) {
  auto src = open_image_folder(dir_.string());
  ASSERT_TRUE(src.ok());
  EXPECT_EQ(src.value()->next().error().code, "end_of_stream");
  write("page1.png", 50);
  EXPECT_EQ(level(*src.value()->next()), 50);
}

TEST_F(FolderTest, LoopHoldAndRepeat) {
  write("1.png", 1);
  write("2.png", 2);
  auto loop = open_image_folder(dir_.string(), {AtEnd::loop, 1});
  std::vector<int> seen;
  for (int i = 0; i < 5; ++i) seen.push_back(level(*loop.value()->next()));
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 1, 2, 1}));
  auto hold = open_image_folder(dir_.string(), {AtEnd::hold_last, 2});
  seen.clear();
  for (int i = 0; i < 6; ++i) seen.push_back(level(*hold.value()->next()));
  EXPECT_EQ(seen, (std::vector<int>{1, 1, 2, 2, 2, 2}));
}

TEST_F(FolderTest, ErrorsAreValues) {
  EXPECT_EQ(open_image_folder((dir_ / "missing").string()).error().code, "not_found");
  std::ofstream(dir_ / "broken.png") << "this is not a png";
  auto src = open_image_folder(dir_.string());
  auto r = src.value()->next();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "read_failed");
  EXPECT_EQ(open_camera("/dev/no-such-camera").error().code, "not_found");
  EXPECT_EQ(open_video_file((dir_ / "none.avi").string()).error().code, "not_found");
}

TEST_F(FolderTest, OpenFromSpec) {
  write("x.png", 7);
  auto src = open_frame_source(dir_.string());
  ASSERT_TRUE(src.ok());
  EXPECT_EQ(level(*src.value()->next()), 7);
  EXPECT_EQ(level(*src.value()->next()), 7);  // the simulator keeps showing the last page
  EXPECT_FALSE(open_frame_source("").ok());
}

TEST_F(FolderTest, VideoFileFrames) {
  const std::string path = (dir_ / "clip.avi").string();
  cv::VideoWriter w(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10, {64, 48});
  if (!w.isOpened()) GTEST_SKIP() << "no video writer backend in this OpenCV build";
  for (int i = 0; i < 3; ++i) w.write(cv::Mat(48, 64, CV_8UC3, cv::Scalar::all(40 + 80 * i)));
  w.release();
  auto src = open_video_file(path);
  ASSERT_TRUE(src.ok()) << src.error().message;
  int frames = 0;
  while (src.value()->next().ok()) ++frames;
  EXPECT_EQ(frames, 3);
  EXPECT_EQ(src.value()->next().error().code, "end_of_stream");
}

}  // namespace
}  // namespace jiuzhu::camera
