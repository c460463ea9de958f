#include "kiosk/text/wipe.h"

namespace jiuzhu::kiosk {

void wipe_string(std::string& s) {
  if (!s.empty()) {
    // volatile so the compiler cannot drop a store to memory that is about to be released.
    volatile char* p = s.data();
    for (size_t i = 0; i < s.size(); ++i) p[i] = 0;
  }
  s.clear();
  s.shrink_to_fit();
}

}  // namespace jiuzhu::kiosk
