#include "printing/qr.h"

#include <qrencode.h>

#include <memory>

namespace jiuzhu::printing {

Result<QrCode> make_qr(std::string_view text) {
  if (text.empty() || text.size() > 1000)
    return make_error("qr_failed", "二维码内容为空或过长");
  std::string z(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(z.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return make_error("qr_failed", "无法生成二维码");
  QrCode out;
  out.size = code->width;
  out.dark.resize(size_t(code->width) * size_t(code->width));
  for (size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = (code->data[i] & 1) != 0;
  return out;
}

}  // namespace jiuzhu::printing
