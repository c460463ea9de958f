// The document camera worker: frames → page detection → quality gate → stability → automatic
// capture, or frames → QR decoding; on a thread of its own, results handed to the UI through
// a queue (previews at most ~12 per second, downscaled for drawing).
//
// Frame source: with --devices sim the "camera" shows the last image given to feed() (the
// --script step "camera IMAGE", or the newest file in DATA_DIR/camera/), as a steady stream of
// frames, so the real detector, quality gate and rectifier run on real photos; with
// --devices real, peripherals' FrameSource on the first camera (open_real). Page finding,
// quality, stability (auto-capture), rectification and QR reading are all peripherals/camera.
//
// Thread-safety: public methods may be called from the UI thread while the worker runs.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "kiosk/devices/queue.h"

namespace jiuzhu::camera {
class FrameSource;
}

namespace jiuzhu::kiosk {

struct CameraEvent {
  enum Kind { preview, captured, qr, error } kind = preview;
  std::vector<unsigned char> rgba;  // preview pixels
  int w = 0, h = 0;
  bool found = false;
  float corners[8] = {};            // preview pixels
  std::vector<std::string> problems;
  double stable = 0;
  double no_page_ms = 0;            // how long the document mode has gone without a page
  std::vector<unsigned char> png;   // captured page (rectified, enhanced)
  std::string text;                 // QR text, or error code
};

class CameraWorker {
 public:
  // `hold_ms`: how long a good page must stay still before the automatic capture.
  explicit CameraWorker(double hold_ms = 600);
  ~CameraWorker();
  // Real camera (V4L2 via peripherals' FrameSource); "" = the first camera. Call before start().
  Status open_real(const std::string& device);
  CameraWorker(const CameraWorker&) = delete;
  CameraWorker& operator=(const CameraWorker&) = delete;

  // mode "doc:<kind>" or "qr". Starts the worker thread if needed.
  void start(const std::string& mode);
  void stop();                       // stops analysing (thread parks)
  // Manual shutter: the next frame is captured — its page when one is found, else (or always
  // with `whole_frame`, the screen's 直接拍) the whole frame, so a page the detector cannot
  // find never traps the resident.
  void capture_now(bool whole_frame = false);
  // Simulated camera: the image shown from now on. Error text when unreadable (empty = ok).
  std::string feed(const std::string& image_path);
  bool running() const { return active_.load(); }
  bool has_frame() const;

  ResultQueue<CameraEvent>& events() { return events_; }

 private:
  void loop();
  double hold_ms_;
  std::unique_ptr<camera::FrameSource> real_;
  std::thread thread_;
  std::atomic<bool> quit_{false}, active_{false}, capture_{false}, whole_{false};
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string mode_;
  std::string image_path_;
  unsigned generation_ = 0;          // bumps when a new image is fed
  ResultQueue<CameraEvent> events_;
};

}  // namespace jiuzhu::kiosk
