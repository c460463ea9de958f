// The discovery queue item's workflow (主动发现 → 入户走访 → 申请 / 不符合条件 / 自愿放弃 → 跟进)
// as a pure state machine.
//
//   lead ─▶ visited ─▶ applied ──────┐
//              │  └──▶ not_eligible ─┼─▶ followed_up
//              └─────▶ declined ─────┘
//
// not_eligible needs a written reason (永民发〔2022〕3号: 对于不符合条件的，书面说明相关情况);
// declined needs one too, because 救助自愿 means the household's own choice is recorded, and
// after it the township stops pushing applications (no further visit is scheduled) unless the
// household is a key household whose cadence keeps follow-up visits (cadence.h). followed_up
// is final. A visit recorded on a lead moves it to visited (the visit *is* that step).
//
// Thread-safety: pure functions over constant tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace jiuzhu::backend::queue {

enum class ItemState { lead, visited, applied, not_eligible, declined, followed_up };

const char* to_string(ItemState s);
// Errors: unknown_state (field "to").
Result<ItemState> parse_item_state(std::string_view name);
bool is_final(ItemState s);
// Still to be worked by the township (due visits are listed): not final.
bool is_open(ItemState s);

// The states reachable from `from`.
std::vector<ItemState> allowed_transitions(ItemState from);

// Checks one transition. Errors: illegal_transition (409) when the workflow does not allow it;
// reason_required (400, field "reason") for not_eligible or declined without a written reason
// (a reason of only spaces is no reason).
Status check_transition(ItemState from, ItemState to, std::string_view reason);

// The state after a home visit is recorded (lead → visited; otherwise unchanged).
ItemState after_visit(ItemState s);

// Whether the township schedules further visits after entering `s`: not after declined (救助自愿)
// or a final state, unless the household is a key household whose cadence continues
// (`cadence_continues`, cadence.h).
bool schedules_visits(ItemState s, bool cadence_continues);

}  // namespace jiuzhu::backend::queue
