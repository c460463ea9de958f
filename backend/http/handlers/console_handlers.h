// Handlers the staff console added after handlers.h's list (kept apart so that adding one does not
// rebuild every handler). Same conventions as handlers.h.
#pragma once

#include "backend/http/handlers/handlers.h"

namespace jiuzhu::backend::handlers {

Response me(Request&, Services&);
Response close_queue_item(Request&, Services&);  // discovery_close.cpp
Response apply_for_household(Request&, Services&);  // apply_for_household.cpp
Response logout(Request&, Services&);               // logout.cpp
Response case_document(Request&, Services&);        // case_document.cpp
Response accept_referral(Request&, Services&);      // referral_steps.cpp
Response complete_referral(Request&, Services&);    // referral_steps.cpp
Response return_referral(Request&, Services&);      // referral_steps.cpp
// console (#16 forms): a case's forms and receipt as PDFs (case_forms.cpp), the township's hall
// details printed on them (halls.cpp).
Response case_form(Request&, Services&);    // GET /api/v1/cases/{no}/forms/{kind}
Response receipt_pdf(Request&, Services&);  // GET /api/v1/applications/{no}/receipt?format=pdf
Response get_hall(Request&, Services&);     // GET /api/v1/halls/{township}
Response put_hall(Request&, Services&);     // PUT /api/v1/halls/{township}

}  // namespace jiuzhu::backend::handlers
