#include "peripherals/camera/frame_source.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/videoio.hpp>

namespace jiuzhu::camera {
namespace {

namespace fs = std::filesystem;

class CaptureSource : public FrameSource {
 public:
  CaptureSource(std::unique_ptr<cv::VideoCapture> cap, std::string name, bool is_file)
      : cap_(std::move(cap)), name_(std::move(name)), is_file_(is_file) {}

  Result<cv::Mat> next() override {
    cv::Mat frame;
    try {
      if (!cap_->read(frame) || frame.empty()) {
        if (is_file_) return make_error("end_of_stream", "视频已结束");
        return make_error("read_failed", "摄像头没有画面");
      }
    } catch (const cv::Exception& e) {
      return make_error("read_failed", std::string("读取摄像头失败: ") + e.what());
    }
    return frame;
  }
  std::string describe() const override { return name_; }

 private:
  std::unique_ptr<cv::VideoCapture> cap_;
  std::string name_;
  bool is_file_;
};

Result<std::unique_ptr<FrameSource>> open_v4l2(std::unique_ptr<cv::VideoCapture> cap,
                                               const std::string& name, const CameraOptions& o) {
  try {
    if (!cap->isOpened()) return make_error("camera_unavailable", "无法打开摄像头 " + name);
    cap->set(cv::CAP_PROP_FOURCC, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'));
    cap->set(cv::CAP_PROP_FRAME_WIDTH, o.width);
    cap->set(cv::CAP_PROP_FRAME_HEIGHT, o.height);
    cap->set(cv::CAP_PROP_FPS, o.fps);
  } catch (const cv::Exception& e) {
    return make_error("camera_unavailable", "无法打开摄像头 " + name + ": " + e.what());
  }
  return std::unique_ptr<FrameSource>(new CaptureSource(std::move(cap), "v4l2:" + name, false));
}

bool is_image_name(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".tif" ||
         ext == ".tiff" || ext == ".webp";
}

class FolderSource : public FrameSource {
 public:
  FolderSource(std::string dir, FolderOptions o) : dir_(std::move(dir)), opt_(o) {
    opt_.repeat_each = std::max(1, opt_.repeat_each);
  }

  Result<cv::Mat> next() override {
    if (repeats_left_ > 0 && !last_.empty()) {
      --repeats_left_;
      return last_.clone();
    }
    if (pos_ >= files_.size()) rescan();
    if (pos_ >= files_.size()) {
      if (opt_.at_end == AtEnd::loop && !files_.empty()) pos_ = 0;
      else if (opt_.at_end == AtEnd::hold_last && !last_.empty()) return last_.clone();
      else return make_error("end_of_stream", "没有更多图像");
    }
    const std::string path = files_[pos_++];
    cv::Mat img;
    try {
      img = cv::imread(path, cv::IMREAD_COLOR);
    } catch (const cv::Exception&) {
      img.release();
    }
    if (img.empty()) return make_error("read_failed", "无法读取图像 " + path, path);
    last_ = img;
    repeats_left_ = opt_.repeat_each - 1;
    return img.clone();
  }
  std::string describe() const override { return "folder:" + dir_; }

 private:
  // Adds files that appeared since the last scan, in name order, after the ones known.
  void rescan() {
    std::vector<std::string> fresh;
    for (const auto& f : list_images(dir_))
      if (seen_.insert(f).second) fresh.push_back(f);
    files_.insert(files_.end(), fresh.begin(), fresh.end());
  }

  std::string dir_;
  FolderOptions opt_;
  std::vector<std::string> files_;
  std::set<std::string> seen_;
  size_t pos_ = 0;
  cv::Mat last_;
  int repeats_left_ = 0;
};

}  // namespace

std::vector<std::string> list_images(const std::string& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file(ec) && is_image_name(e.path())) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::unique_ptr<FrameSource>> open_camera(int index, const CameraOptions& options) {
  std::unique_ptr<cv::VideoCapture> cap;
  try {
    cap = std::make_unique<cv::VideoCapture>(index, cv::CAP_V4L2);
  } catch (const cv::Exception& e) {
    return make_error("camera_unavailable", std::string("无法打开摄像头: ") + e.what());
  }
  return open_v4l2(std::move(cap), "/dev/video" + std::to_string(index), options);
}

Result<std::unique_ptr<FrameSource>> open_camera(const std::string& device, const CameraOptions& options) {
  std::error_code ec;
  if (!fs::exists(device, ec)) return make_error("not_found", "没有这个摄像头设备: " + device, device);
  std::unique_ptr<cv::VideoCapture> cap;
  try {
    cap = std::make_unique<cv::VideoCapture>(device, cv::CAP_V4L2);
  } catch (const cv::Exception& e) {
    return make_error("camera_unavailable", std::string("无法打开摄像头: ") + e.what());
  }
  return open_v4l2(std::move(cap), device, options);
}

Result<std::unique_ptr<FrameSource>> open_video_file(const std::string& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return make_error("not_found", "没有这个视频文件: " + path, path);
  auto cap = std::make_unique<cv::VideoCapture>();
  try {
    if (!cap->open(path)) return make_error("read_failed", "无法打开视频文件: " + path, path);
  } catch (const cv::Exception& e) {
    return make_error("read_failed", "无法打开视频文件: " + path + ": " + e.what(), path);
  }
  return std::unique_ptr<FrameSource>(new CaptureSource(std::move(cap), "video:" + path, true));
}

Result<std::unique_ptr<FrameSource>> open_image_folder(const std::string& dir, const FolderOptions& options) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return make_error("not_found", "没有这个图像文件夹: " + dir, dir);
  return std::unique_ptr<FrameSource>(new FolderSource(dir, options));
}

Result<std::unique_ptr<FrameSource>> open_frame_source(const std::string& spec) {
  std::error_code ec;
  if (spec.empty()) return make_error("not_found", "没有指定摄像头");
  if (fs::is_directory(spec, ec)) return open_image_folder(spec, {AtEnd::hold_last, 1});
  if (spec.size() <= 3 && std::all_of(spec.begin(), spec.end(), [](unsigned char c) { return std::isdigit(c); }))
    return open_camera(std::stoi(spec));
  if (spec.rfind("/dev/", 0) == 0) return open_camera(spec);
  return open_video_file(spec);
}

}  // namespace jiuzhu::camera
