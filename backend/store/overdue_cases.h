// Open cases past their statutory due date, per county: the gauge jiuzhu_cases_overdue of
// /metrics (docs/operations.md, Health and metrics), for the "overdue cases" alert.
//
// Thread-safety: one read job on the given Database; may be called from any request thread.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "backend/store/database.h"
#include "core/result.h"

namespace jiuzhu::backend {

// County → number of applications not in a final state (intake/workflow.h is_final) whose
// due_date (YYYY-MM-DD) is before `today` (YYYY-MM-DD, China time).
Result<std::map<std::string, int64_t>> overdue_cases(Database& db, const std::string& today);

}  // namespace jiuzhu::backend
