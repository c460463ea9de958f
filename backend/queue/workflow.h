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

// The item's coarse status, stored beside its state (discovery_queue.status) so lists can filter
// on it: open while the township still works the item, closed once its state is final.
enum class ItemStatus { open, closed };

const char* to_string(ItemStatus s);
// Errors: unknown_status (field "status").
Result<ItemStatus> parse_item_status(std::string_view name);
// The status an item in state `s` has: closed exactly when `s` is final.
ItemStatus status_of(ItemState s);

// How a discovery run saw a household against the county's previous run (the queue JSON's
// "change", contracts/feeds.md): fresh is "new" (a C++ keyword). Leads have none.
enum class ChangeKind { fresh, changed, unchanged, resolved };

const char* to_string(ChangeKind c);
// Errors: bad_parameter (field "change").
Result<ChangeKind> parse_change_kind(std::string_view name);

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

// console: why an item was closed, as a code the ledger counts (never free text). An open item of
// any state can be closed with one of them and a note; closing makes it followed_up.
//   confirmed_applied          确认困难，已申请 (needs the application number on the item or given)
//   confirmed_not_eligible     核实后不符合条件
//   declined                   本人不愿申请（救助自愿）
//   false_alarm_data_wrong     误报：数据有误
//   false_alarm_not_in_hardship 误报：并无困难
//   moved_away                 已迁出
//   deceased                   已去世
enum class CloseReason {
  confirmed_applied,
  confirmed_not_eligible,
  declined,
  false_alarm_data_wrong,
  false_alarm_not_in_hardship,
  moved_away,
  deceased
};

const char* to_string(CloseReason r);
// Errors: unknown_reason_code (field "reason_code").
Result<CloseReason> parse_close_reason(std::string_view code);
// Every code, in the order above.
const std::vector<CloseReason>& all_close_reasons();
bool is_false_alarm(CloseReason r);

// Checks closing an item in state `from`. Errors: illegal_transition (409) for a final item;
// note_required (400, field "note") without a note; application_required (400, field
// "application_no") for confirmed_applied when the item has no application and none is given.
Status check_close(ItemState from, CloseReason reason, std::string_view note, bool has_application);

}  // namespace jiuzhu::backend::queue
