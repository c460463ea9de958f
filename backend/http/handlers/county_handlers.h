// Handlers of the county view of the staff console (docs/console.md, 县级): kept apart from
// handlers.h and console_handlers.h so that adding one rebuilds only these. Same conventions as
// handlers.h: thin layers over the stores and services; county_admin only, scoped to the
// caller's county.
#pragma once

#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response county_overview(Request&, Services&);       // GET /api/v1/county/overview
Response county_overdue_cases(Request&, Services&);  // GET /api/v1/county/overdue
Response discovery_run_history(Request&, Services&);  // GET /api/v1/discovery/runs

}  // namespace jiuzhu::backend::handlers
