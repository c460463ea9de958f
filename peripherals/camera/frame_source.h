// Where preview frames come from: a V4L2 camera, a video file, or a folder of images.
//
// FrameSource is the one interface the kiosk's camera worker reads from; the folder source is
// the simulator behind `--devices sim`: it plays the images in name order and, when it runs
// out, looks again for files added since (a test or the kiosk's script drops a photo in the
// folder to "put a page under the camera"). What happens at the end is configurable: stop,
// loop, or keep returning the last image as a real camera keeps seeing a page left on the tray.
//
// Errors are values with stable codes: "camera_unavailable", "not_found", "read_failed",
// "end_of_stream". OpenCV exceptions never leave this layer.
//
// Thread-safety: a FrameSource is NOT thread-safe; one thread (the camera worker) owns it and
// calls next(). Distinct sources are independent and may run on different threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/result.h"

namespace jiuzhu::camera {

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // The next frame (8-bit BGR). Blocks for a camera until the frame arrives.
  virtual Result<cv::Mat> next() = 0;
  // For logs: "v4l2:/dev/video0", "video:FILE", "folder:DIR".
  virtual std::string describe() const = 0;
};

struct CameraOptions {
  int width = 1920;
  int height = 1080;
  double fps = 30;
};

enum class AtEnd { stop, loop, hold_last };

struct FolderOptions {
  AtEnd at_end = AtEnd::stop;
  int repeat_each = 1;  // deliver each image this many times (a steady page over several frames)
};

// A V4L2 camera by index (0 → /dev/video0) or device path. Asks for MJPEG at the given size;
// the driver may pick the nearest mode it has.
Result<std::unique_ptr<FrameSource>> open_camera(int index, const CameraOptions& options = {});
Result<std::unique_ptr<FrameSource>> open_camera(const std::string& device,
                                                 const CameraOptions& options = {});
// A video file, frame by frame; "end_of_stream" after the last frame.
Result<std::unique_ptr<FrameSource>> open_video_file(const std::string& path);
// A folder of .png/.jpg/.jpeg/.bmp/.tif/.tiff/.webp images; the folder must exist but may be
// empty at first.
Result<std::unique_ptr<FrameSource>> open_image_folder(const std::string& dir,
                                                       const FolderOptions& options = {});
// From a configuration string: a directory → folder, digits → camera index, "/dev/..." →
// camera device, anything else → video file.
Result<std::unique_ptr<FrameSource>> open_frame_source(const std::string& spec);

// The image files of a folder in name order (exposed for tests and tools).
std::vector<std::string> list_images(const std::string& dir);

}  // namespace jiuzhu::camera
