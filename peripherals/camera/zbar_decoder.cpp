#include "peripherals/camera/zbar_decoder.h"

#include <dlfcn.h>

#include <mutex>

namespace jiuzhu::camera {
namespace {

// The parts of zbar.h used here (zbar 0.23 C API; stable since 0.10).
constexpr int kZbarNone = 0, kZbarQrCode = 64, kZbarCfgEnable = 0;
constexpr unsigned long kY800 = 'Y' | ('8' << 8) | ('0' << 16) | (static_cast<unsigned long>('0') << 24);

struct Zbar {
  void* (*scanner_create)() = nullptr;
  void (*scanner_destroy)(void*) = nullptr;
  int (*scanner_set_config)(void*, int, int, int) = nullptr;
  void* (*image_create)() = nullptr;
  void (*image_destroy)(void*) = nullptr;
  void (*image_set_format)(void*, unsigned long) = nullptr;
  void (*image_set_size)(void*, unsigned, unsigned) = nullptr;
  void (*image_set_data)(void*, const void*, unsigned long, void*) = nullptr;
  int (*scan_image)(void*, void*) = nullptr;
  const void* (*image_first_symbol)(const void*) = nullptr;
  const void* (*symbol_next)(const void*) = nullptr;
  int (*symbol_get_type)(const void*) = nullptr;
  const char* (*symbol_get_data)(const void*) = nullptr;
  unsigned (*symbol_get_data_length)(const void*) = nullptr;
  bool ok = false;
};

template <typename F>
bool bind(void* lib, const char* name, F& fn) {
  fn = reinterpret_cast<F>(dlsym(lib, name));
  return fn != nullptr;
}

const Zbar& zbar() {
  static Zbar z;
  static std::once_flag once;
  std::call_once(once, [] {
    void* lib = dlopen("libzbar.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    z.ok = bind(lib, "zbar_image_scanner_create", z.scanner_create) &&
           bind(lib, "zbar_image_scanner_destroy", z.scanner_destroy) &&
           bind(lib, "zbar_image_scanner_set_config", z.scanner_set_config) &&
           bind(lib, "zbar_image_create", z.image_create) &&
           bind(lib, "zbar_image_destroy", z.image_destroy) &&
           bind(lib, "zbar_image_set_format", z.image_set_format) &&
           bind(lib, "zbar_image_set_size", z.image_set_size) &&
           bind(lib, "zbar_image_set_data", z.image_set_data) &&
           bind(lib, "zbar_scan_image", z.scan_image) &&
           bind(lib, "zbar_image_first_symbol", z.image_first_symbol) &&
           bind(lib, "zbar_symbol_next", z.symbol_next) &&
           bind(lib, "zbar_symbol_get_type", z.symbol_get_type) &&
           bind(lib, "zbar_symbol_get_data", z.symbol_get_data) &&
           bind(lib, "zbar_symbol_get_data_length", z.symbol_get_data_length);
    // The handle stays open for the life of the process: the function pointers point into it.
  });
  return z;
}

}  // namespace

bool zbar_available() { return zbar().ok; }

std::optional<std::string> zbar_decode_qr(const cv::Mat& gray_in) {
  const Zbar& z = zbar();
  if (!z.ok || gray_in.empty() || gray_in.type() != CV_8UC1) return std::nullopt;
  cv::Mat gray = gray_in.isContinuous() ? gray_in : gray_in.clone();
  void* scanner = z.scanner_create();
  if (!scanner) return std::nullopt;
  z.scanner_set_config(scanner, kZbarNone, kZbarCfgEnable, 0);
  z.scanner_set_config(scanner, kZbarQrCode, kZbarCfgEnable, 1);
  void* image = z.image_create();
  std::optional<std::string> text;
  if (image) {
    z.image_set_format(image, kY800);
    z.image_set_size(image, static_cast<unsigned>(gray.cols), static_cast<unsigned>(gray.rows));
    z.image_set_data(image, gray.data, gray.total(), nullptr);  // no cleanup: we own the pixels
    if (z.scan_image(scanner, image) > 0) {
      for (const void* s = z.image_first_symbol(image); s; s = z.symbol_next(s)) {
        if (z.symbol_get_type(s) != kZbarQrCode) continue;
        text = std::string(z.symbol_get_data(s), z.symbol_get_data_length(s));
        break;
      }
    }
    z.image_destroy(image);
  }
  z.scanner_destroy(scanner);
  return text;
}

}  // namespace jiuzhu::camera
