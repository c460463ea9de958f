// QR codes from libqrencode as a module matrix, for drawing as vector rectangles.
//
// Thread-safety: libqrencode's QRcode_encodeString is reentrant (it keeps no global state
// beyond constant tables); QrCode values are plain data.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace jiuzhu::printing {

struct QrCode {
  int size = 0;                 // modules per side, without the quiet zone
  std::vector<bool> dark;       // size*size, row-major, row 0 at the top
  bool at(int x, int y) const { return dark[size_t(y) * size_t(size) + size_t(x)]; }
};

// Encodes 8-bit text at error-correction level M. Errors: qr_failed (empty or too long text).
Result<QrCode> make_qr(std::string_view text);

}  // namespace jiuzhu::printing
