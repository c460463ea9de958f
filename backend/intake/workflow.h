// The case workflow (一门受理、协同办理) as a pure state machine.
//
//   received ─▶ investigating ─▶ under_review ─▶ public_notice ─▶ approved
//       │             │               │  ▲             │
//       │             │               └──┘(sent back)  └─▶ under_review (objection upheld)
//       └─▶ referred ◀┘   (special assistance handled by a department; back to investigating)
//   any open state ─▶ rejected (a written reason is required) | withdrawn
//   先行救助 (urgent temporary assistance): received/investigating ─▶ approved directly, because
//   the 2018 临时救助 opinion lets the township assist first and complete the paperwork after.
//
// approved, rejected and withdrawn are final. Everything else is an illegal transition (HTTP 409).
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/result.h"

namespace jiuzhu::backend {

enum class CaseState { received, investigating, under_review, public_notice, approved, rejected, withdrawn, referred };

const char* to_string(CaseState s);
// Parses a state name; error code unknown_state (field "to").
Result<CaseState> parse_case_state(std::string_view name);
// JSON carries a state by its workflow name ("approved"), the same as to_string. Without these
// nlohmann would write the enum's number (and read one back), which the console, the print data
// and the contracts all refuse. from_json throws nlohmann::json::type_error (302) for anything
// but the string name of a state.
void to_json(nlohmann::json& j, CaseState s);
void from_json(const nlohmann::json& j, CaseState& s);
bool is_final(CaseState s);

// The states reachable from `from` (for an urgent 先行救助 case when `urgent`).
std::vector<CaseState> allowed_transitions(CaseState from, bool urgent);

// Checks one transition. Errors: illegal_transition (409) when the workflow does not allow it;
// reason_required (400, field "note") for a rejection without a written reason.
Status check_transition(CaseState from, CaseState to, bool urgent, std::string_view note);

// Plain-Chinese status and next step for residents (progress query, receipts).
const char* status_text_zh(CaseState s);
const char* next_step_zh(CaseState s);

}  // namespace jiuzhu::backend
