// Scope: the area a caller may see, applied by every store as a filter so that a record outside
// it is simply "not found" (the HTTP layer answers 404 and existence does not leak).
//
// Thread-safety: a plain value.
#pragma once

#include <string>

namespace jiuzhu::backend {

// A township (9 digits), a county (6 digits), or everything (both empty; used by kiosks' own
// submissions and by tools, never by staff).
struct Scope {
  std::string township;
  std::string county;
};

}  // namespace jiuzhu::backend
