// Handlers the staff console added after handlers.h's list (kept apart so that adding one does not
// rebuild every handler). Same conventions as handlers.h.
#pragma once

#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response me(Request&, Services&);

}  // namespace jiuzhu::backend::handlers
