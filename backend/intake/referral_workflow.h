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

#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/result.h"

namespace jiuzhu::backend {

// Where a referral stands. The store keeps it as text (store/sql_support.cpp converts); a
// database of schema v1 may hold "open", which schema v12 renamed to sent (store/migrations.cpp).
enum class ReferralStatus { sent, accepted, done, returned };

// "sent" | "accepted" | "done" | "returned".
const char* to_string(ReferralStatus status);
// The status named `name`, or none for anything else.
std::optional<ReferralStatus> parse_referral_status(std::string_view name);
// JSON carries a status by its name, as to_string; never the enum's number.
void to_json(nlohmann::json& j, ReferralStatus status);

enum class ReferralStep { accept, done, give_back };

// "accept" | "done" | "return". Errors: unknown_step.
Result<ReferralStep> parse_referral_step(std::string_view name);
const char* to_string(ReferralStep step);

// The status after `step` from `status`. Errors: illegal_transition (409) when the step is not
// allowed from that status; note_required (400, field "note") for done without a note;
// reason_required (400, field "reason") for return without a reason.
Result<ReferralStatus> next_referral_status(ReferralStatus status, ReferralStep step, std::string_view text);

}  // namespace jiuzhu::backend
