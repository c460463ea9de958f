#include "kiosk/devices/camera_worker.h"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <chrono>
#include <cmath>
#include <optional>
#include <opencv2/imgproc.hpp>

#include "peripherals/camera/page_detector.h"
#include "peripherals/camera/qr_reader.h"
#include "peripherals/camera/stability.h"
#include "peripherals/camera/quality.h"
#include "peripherals/camera/frame_source.h"
#include "peripherals/camera/rectify.h"

namespace jiuzhu::kiosk {
namespace {

constexpr int kPreviewW = 480;

camera::PageKind kind_for(const std::string& doc) {
  if (doc == "hukou_booklet") return camera::PageKind::booklet;
  if (doc == "id_card") return camera::PageKind::id_card;
  return camera::PageKind::a4;
}

// Image files are decoded and encoded with stb, not OpenCV's imgcodecs: the first imread or
// imencode builds OpenCV's codec registry, which registers every GDAL driver (measured:
// +8.5 MB RSS and a long first call) for formats a kiosk never sees.
cv::Mat load_bgr(const std::string& path) {
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(path.c_str(), &w, &h, &n, 3);
  if (!px) return {};
  cv::Mat bgr;
  cv::cvtColor(cv::Mat(h, w, CV_8UC3, px), bgr, cv::COLOR_RGB2BGR);
  stbi_image_free(px);
  return bgr;
}

bool encode_png(const cv::Mat& page, std::vector<unsigned char>& out) {
  cv::Mat px;
  if (page.type() == CV_8UC3)
    cv::cvtColor(page, px, cv::COLOR_BGR2RGB);
  else if (page.type() == CV_8UC1)
    px = page.isContinuous() ? page : page.clone();
  else
    return false;
  if (!px.isContinuous()) px = px.clone();
  auto append = [](void* ctx, void* data, int size) {
    auto* v = static_cast<std::vector<unsigned char>*>(ctx);
    auto* b = static_cast<unsigned char*>(data);
    v->insert(v->end(), b, b + size);
  };
  out.clear();
  return stbi_write_png_to_func(append, &out, px.cols, px.rows, px.channels(), px.data,
                                static_cast<int>(px.step)) != 0;
}

}  // namespace

CameraWorker::CameraWorker(double hold_ms) : hold_ms_(hold_ms) {}

Status CameraWorker::open_real(const std::string& device) {
  auto src = device.empty() ? camera::open_camera(0) : camera::open_camera(device);
  if (!src) return src.error();
  real_ = std::move(src).value();
  return Ok{};
}

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
  whole_ = false;
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  cv_.notify_all();
}

void CameraWorker::stop() { active_ = false; }

void CameraWorker::capture_now(bool whole_frame) {
  if (whole_frame) whole_ = true;
  capture_ = true;
}

std::string CameraWorker::feed(const std::string& path) {
  // Checked here so that a script names a bad file at once.
  // stbi_info reads the header only: the UI thread does not decode the image.
  int w = 0, h = 0, n = 0;
  if (!stbi_info(path.c_str(), &w, &h, &n) || w <= 0 || h <= 0) return "camera_image_unreadable";
  std::lock_guard lock(mu_);
  image_path_ = path;
  ++generation_;
  cv_.notify_all();
  return {};
}

bool CameraWorker::has_frame() const {
  std::lock_guard lock(mu_);
  return real_ != nullptr || !image_path_.empty();
}

void CameraWorker::loop() {
  unsigned loaded_gen = ~0u;
  cv::Mat frame;
  std::optional<camera::StabilityTracker> tracker;
  camera::StabilityOptions sopt;
  sopt.hold_ms = hold_ms_;
  auto t0 = std::chrono::steady_clock::now();
  std::string last_mode;
  double last_page_ms = 0;  // when the document mode last saw a page (or started)
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
      tracker.reset();
      last_mode.clear();
      continue;
    }
    if (real_) {
      auto f = real_->next();
      frame = f ? *f : cv::Mat();
    } else if (gen != loaded_gen) {
      frame = path.empty() ? cv::Mat() : load_bgr(path);
      loaded_gen = gen;
      tracker.reset();
    }
    const double now_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (mode != last_mode) {
      tracker.reset();
      last_mode = mode;
      last_page_ms = now_ms;
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
      auto text = camera::read_qr(frame);
      events_.push(std::move(pv));
      if (text && !text->empty()) {
        CameraEvent q;
        q.kind = CameraEvent::qr;
        q.text = *text;
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
    if (det.found) last_page_ms = now_ms;
    pv.no_page_ms = now_ms - last_page_ms;
    if (det.found)
      for (int i = 0; i < 4; ++i) {
        pv.corners[2 * i] = static_cast<float>(det.corners[static_cast<size_t>(i)].x * k);
        pv.corners[2 * i + 1] = static_cast<float>(det.corners[static_cast<size_t>(i)].y * k);
      }
    for (const auto& p : q.problems) pv.problems.push_back(p.message);
    // Auto-capture: peripherals' tracker says when a good page has been still long enough.
    if (!tracker) tracker.emplace(frame.size(), sopt);
    double t_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    camera::CaptureState cs = tracker->update(t_ms, det.found ? std::optional<camera::Quad>(det.corners) : std::nullopt,
                                              det.found && q.ok);
    pv.stable = cs == camera::CaptureState::capture ? 1.0 : std::min(1.0, tracker->steady_ms() / sopt.hold_ms);
    events_.push(std::move(pv));
    const bool manual = capture_.exchange(false);
    const bool whole = manual && (whole_.exchange(false) || !det.found);
    if (cs == camera::CaptureState::capture || manual) {
      // Without a page the whole frame is kept as it is: staff can still read it.
      cv::Mat page = whole ? frame : camera::enhance_page(camera::rectify_page(frame, det.corners, opt.expected));
      std::vector<unsigned char> png;
      if (encode_png(page, png)) {
        CameraEvent c;
        c.kind = CameraEvent::captured;
        c.png = std::move(png);
        events_.push(std::move(c));
      }
      active_ = false;
      tracker.reset();
    }
  }
}

}  // namespace jiuzhu::kiosk
