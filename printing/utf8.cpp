#include "printing/utf8.h"

#include "core/utf8.h"

namespace jiuzhu::printing {

Result<std::u32string> decode_utf8(std::string_view text) { return utf8::decode(text); }

std::string encode_utf8(std::u32string_view text) { return utf8::encode(text); }

long utf8_length(std::string_view text) {
  auto r = utf8::decode(text);
  return r ? long(r->size()) : -1;
}

}  // namespace jiuzhu::printing
