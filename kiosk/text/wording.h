// Due dates in a year whose holiday calendar is provisional (core/calendar.h: the make-up
// working days are not announced yet, so the date is an estimate and must say so).
//
// Thread-safety: pure functions (the calendar is immutable).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace jiuzhu::kiosk {

// True when `iso_date` (YYYY-MM-DD) falls in a year the calendar marks provisional; false for
// anything else (including a malformed date, which is shown as it is).
bool due_date_provisional(const std::string& iso_date, const WorkingCalendar& cal = WorkingCalendar::builtin());

// The self-check's result in plain words (issue #15 "Plain result"): per program worth
// applying for, the verdict first, the one main reason, and the full trace for 为什么.
struct ResultItem {
  std::string program;             // id
  bool likely = false;             // likely_eligible; else needs_review
  std::string main_reason;         // needs_review: the first thing still unknown, in words
  std::vector<std::string> reasons;  // every rule's sentence, with its numbers (为什么)
  std::string next_steps;
};
struct ResultSummary {
  std::vector<ResultItem> items;   // likely_eligible first, then needs_review; not_eligible left out
};
// From the engine's result JSON (contracts/eligibility.md "Result"). Pure.
ResultSummary summarise_result(const nlohmann::json& result);

}  // namespace jiuzhu::kiosk
