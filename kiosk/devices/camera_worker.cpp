#include "kiosk/devices/camera_worker.h"

#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include "peripherals/camera/page_detector.h"
#include "peripherals/camera/quality.h"
#include "peripherals/camera/rectify.h"

namespace jiuzhu::kiosk {
namespace {

constexpr int kPreviewW = 480;

camera::PageKind kind_for(const std::string& doc) {
  if (doc == "hukou_booklet") return camera::PageKind::booklet;
  if (doc == "id_card") return camera::PageKind::id_card;
  return camera::PageKind::a4;
}

}  // namespace

CameraWorker::~CameraWorker() {
  quit_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void CameraWorker::start(const std::string& mode) {
  {
    std::lock_guard lock(mu_);
    mode_ = mode;
  }
  active_ = true;
  capture_ = false;
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  cv_.notify_all();
}

void CameraWorker::stop() { active_ = false; }

void CameraWorker::capture_now() { capture_ = true; }

std::string CameraWorker::feed(const std::string& path) {
  // Checked here so that a script names a bad file at once.
  if (cv::imread(path, cv::IMREAD_REDUCED_COLOR_8).empty()) return "camera_image_unreadable";
  std::lock_guard lock(mu_);
  image_path_ = path;
  ++generation_;
  cv_.notify_all();
  return {};
}

bool CameraWorker::has_frame() const {
  std::lock_guard lock(mu_);
  return !image_path_.empty();
}

void CameraWorker::loop() {
  unsigned loaded_gen = ~0u;
  cv::Mat frame;
  std::vector<cv::Point2f> last;
  int still = 0;
  cv::QRCodeDetector qr;
  while (!quit_) {
    std::string mode, path;
    unsigned gen;
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(80), [&] { return quit_.load(); });
      mode = mode_;
      path = image_path_;
      gen = generation_;
    }
    if (quit_) break;
    if (!active_) {
      still = 0;
      continue;
    }
    if (gen != loaded_gen) {
      frame = path.empty() ? cv::Mat() : cv::imread(path, cv::IMREAD_COLOR);
      loaded_gen = gen;
      still = 0;
      last.clear();
    }
    if (frame.empty()) {
      CameraEvent e;
      e.kind = CameraEvent::error;
      e.text = "no_frame";
      events_.push(std::move(e));
      continue;
    }
    CameraEvent pv;
    pv.kind = CameraEvent::preview;
    double k = static_cast<double>(kPreviewW) / frame.cols;
    cv::Mat small, rgba;
    cv::resize(frame, small, cv::Size(kPreviewW, static_cast<int>(frame.rows * k)), 0, 0, cv::INTER_AREA);
    cv::cvtColor(small, rgba, cv::COLOR_BGR2RGBA);
    pv.w = rgba.cols;
    pv.h = rgba.rows;
    pv.rgba.assign(rgba.data, rgba.data + rgba.total() * 4);

    if (mode == "qr") {
      std::string text = qr.detectAndDecode(frame);
      events_.push(std::move(pv));
      if (!text.empty()) {
        CameraEvent q;
        q.kind = CameraEvent::qr;
        q.text = text;
        events_.push(std::move(q));
        active_ = false;
      }
      continue;
    }

    std::string doc = mode.rfind("doc:", 0) == 0 ? mode.substr(4) : "";
    camera::DetectOptions opt;
    opt.expected = kind_for(doc);
    camera::PageDetection det = camera::detect_page(frame, opt);
    camera::Quality q = camera::assess_quality(frame, det);
    pv.found = det.found;
    std::vector<cv::Point2f> now;
    if (det.found) {
      for (int i = 0; i < 4; ++i) {
        pv.corners[2 * i] = static_cast<float>(det.corners[static_cast<size_t>(i)].x * k);
        pv.corners[2 * i + 1] = static_cast<float>(det.corners[static_cast<size_t>(i)].y * k);
        now.emplace_back(static_cast<float>(det.corners[static_cast<size_t>(i)].x),
                         static_cast<float>(det.corners[static_cast<size_t>(i)].y));
      }
    }
    for (const auto& p : q.problems) pv.problems.push_back(p.message);
    // Stability: every corner within 1.5 % of the frame diagonal of the previous frame's.
    double diag = std::hypot(frame.cols, frame.rows);
    bool same = det.found && last.size() == 4;
    for (size_t i = 0; same && i < 4; ++i)
      same = std::hypot(now[i].x - last[i].x, now[i].y - last[i].y) < 0.015 * diag;
    still = (det.found && q.ok) ? (same ? still + 1 : 1) : 0;
    last = now;
    pv.stable = std::min(1.0, static_cast<double>(still) / stable_frames_);
    events_.push(std::move(pv));
    bool manual = capture_.exchange(false) && det.found;
    if (still >= stable_frames_ || manual) {
      cv::Mat page = camera::enhance_page(camera::rectify_page(frame, det.corners, opt.expected));
      std::vector<unsigned char> png;
      if (cv::imencode(".png", page, png)) {
        CameraEvent c;
        c.kind = CameraEvent::captured;
        c.png = std::move(png);
        events_.push(std::move(c));
      }
      active_ = false;
      still = 0;
    }
  }
}

}  // namespace jiuzhu::kiosk
