// Use case: accept one application into the township's intake — the single path that a kiosk's
// submission (POST /api/v1/applications) and a caseworker's submission on a household's behalf
// (channel "visit", POST /api/v1/discovery/queue/{id}/applications) both take, so that the
// consent rules, the document check, 先行救助 (core/intake is_urgent_first_aid) and the statutory
// due date (core/intake case_deadlines) are decided in one place and never disagree.
//
// Idempotent on (client_id, submitter): the same client_id from the same submitter with the same
// content answers the first record (created = false); another submitter or other content is
// client_id_in_use (the store decides, in one transaction).
//
// Thread-safety: a free function over the thread-safe application store and document store.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backend/documents/document_store.h"
#include "backend/store/application_store.h"
#include "core/calendar.h"
#include "core/model/application.h"
#include "core/result.h"

namespace jiuzhu::backend::services {

struct Submission {
  nlohmann::json* document = nullptr;       // the request body as decoded; re-encoded into the stored form
  const model::Application* app = nullptr;  // its strict decoding (core/model/json_codec.h)
  std::string submitter;                    // who submits: the kiosk id, or "staff:LOGIN" for a caseworker
  AuditEntry audit;  // the "create" audit row (its detail gains "first_aid" for 先行救助)
};

// Errors: bad_client_id, consent_required (field consent.*), missing_documents (the hashes in
// `missing`, when not null), the deadlines' (unknown_program, calendar_not_covered …), and the
// store's (client_id_in_use, db_error …).
Result<SubmitResult> accept_application(ApplicationStore& applications, const DocumentStore& documents,
                                        const WorkingCalendar& calendar, const Submission& submission,
                                        std::vector<std::string>* missing = nullptr);

}  // namespace jiuzhu::backend::services
