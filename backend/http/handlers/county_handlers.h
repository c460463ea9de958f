// Handlers of the county view of the staff console (docs/console.md, 县级): kept apart from
// handlers.h and console_handlers.h so that adding one rebuilds only these. Same conventions as
// handlers.h: thin layers over the stores and services; county_admin only, scoped to the
// caller's county.
#pragma once

#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response county_overview(Request&, Services&);        // GET /api/v1/county/overview
Response county_overdue_cases(Request&, Services&);   // GET /api/v1/county/overdue
Response discovery_run_history(Request&, Services&);  // GET /api/v1/discovery/runs
// handlers/staff.cpp: staff accounts and kiosks of the county.
Response list_staff(Request&, Services&);            // GET /api/v1/staff
Response add_staff(Request&, Services&);             // POST /api/v1/staff
Response set_staff_active(Request&, Services&);      // POST /api/v1/staff/{login}/disable|enable
Response reset_staff_password(Request&, Services&);  // POST /api/v1/staff/{login}/password
Response issue_kiosk_code(Request&, Services&);      // POST /api/v1/kiosks/enrol-codes
Response set_kiosk_active(Request&, Services&);      // POST /api/v1/kiosks/{id}/disable|enable
// handlers/calendar.cpp: the working-day calendar entered from the State Council notice.
Response get_calendar(Request&, Services&);  // GET /api/v1/calendar/{year}
Response put_calendar(Request&, Services&);  // PUT /api/v1/calendar/{year}

}  // namespace jiuzhu::backend::handlers
