// console: what a department does with a referral (协同办理), as a pure state machine.
//
//   sent ─accept─▶ accepted ─done─▶ done
//     │                │
//     └────return──────┴──▶ returned
//
// accept may carry a note; done needs one (what was done for the household); return needs a
// reason (why the department gives it back to the township). done and returned are final.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace jiuzhu::backend {

enum class ReferralStep { accept, done, give_back };

// "accept" | "done" | "return". Errors: unknown_step.
Result<ReferralStep> parse_referral_step(std::string_view name);
const char* to_string(ReferralStep step);

// The status after `step` from `status` (sent, accepted, done, returned). Errors:
// illegal_transition (409) when the step is not allowed from that status; note_required (400,
// field "note") for done without a note; reason_required (400, field "reason") for return
// without a reason.
Result<std::string> next_referral_status(std::string_view status, ReferralStep step, std::string_view text);

}  // namespace jiuzhu::backend
