// The queue item state machine (see workflow.h).
#include "backend/queue/workflow.h"

#include <algorithm>
#include <array>

#include "core/enum_names.h"

namespace jiuzhu::backend::queue {
namespace {

struct Edge {
  ItemState from, to;
};

constexpr std::array kEdges = {
    Edge{ItemState::lead, ItemState::visited},          Edge{ItemState::visited, ItemState::applied},
    Edge{ItemState::visited, ItemState::not_eligible},  Edge{ItemState::visited, ItemState::declined},
    Edge{ItemState::applied, ItemState::followed_up},   Edge{ItemState::not_eligible, ItemState::followed_up},
    Edge{ItemState::declined, ItemState::followed_up},
};

constexpr EnumNames<ItemState, 6> kStateNames = {{
    {ItemState::lead, "lead"},
    {ItemState::visited, "visited"},
    {ItemState::applied, "applied"},
    {ItemState::not_eligible, "not_eligible"},
    {ItemState::declined, "declined"},
    {ItemState::followed_up, "followed_up"},
}};

constexpr EnumNames<ItemStatus, 2> kStatusNames = {{{ItemStatus::open, "open"}, {ItemStatus::closed, "closed"}}};

// "new" for fresh: the queue JSON's and the API's name (feeds.md); `new` is a C++ keyword.
constexpr EnumNames<ChangeKind, 4> kChangeNames = {{
    {ChangeKind::fresh, "new"},
    {ChangeKind::changed, "changed"},
    {ChangeKind::unchanged, "unchanged"},
    {ChangeKind::resolved, "resolved"},
}};

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

const char* to_string(ItemState s) { return name_in(kStateNames, s, "lead"); }

Result<ItemState> parse_item_state(std::string_view name) {
  if (auto s = value_in(kStateNames, name)) return *s;
  return make_error("unknown_state",
                    "state must be one of lead, visited, applied, not_eligible, declined, followed_up", "to");
}

bool is_final(ItemState s) { return s == ItemState::followed_up; }
bool is_open(ItemState s) { return !is_final(s); }

const char* to_string(ItemStatus s) { return name_in(kStatusNames, s, "open"); }

Result<ItemStatus> parse_item_status(std::string_view name) {
  if (auto s = value_in(kStatusNames, name)) return *s;
  return make_error("unknown_status", "status must be open or closed", "status");
}

const char* to_string(ChangeKind c) { return name_in(kChangeNames, c, "new"); }

Result<ChangeKind> parse_change_kind(std::string_view name) {
  if (auto c = value_in(kChangeNames, name)) return *c;
  return make_error("bad_parameter", "change must be new, changed, unchanged or resolved", "change");
}

ItemStatus status_of(ItemState s) { return is_final(s) ? ItemStatus::closed : ItemStatus::open; }

std::vector<ItemState> allowed_transitions(ItemState from) {
  std::vector<ItemState> out;
  for (const auto& e : kEdges) {
    if (e.from == from) out.push_back(e.to);
  }
  return out;
}

Status check_transition(ItemState from, ItemState to, std::string_view reason) {
  const bool legal = std::any_of(kEdges.begin(), kEdges.end(), [&](const Edge& e) { return e.from == from && e.to == to; });
  if (!legal) {
    return make_error("illegal_transition",
                      std::string("a queue item cannot go from ") + to_string(from) + " to " + to_string(to), "to");
  }
  if ((to == ItemState::not_eligible || to == ItemState::declined) && blank(reason)) {
    return make_error("reason_required",
                      to == ItemState::declined ? "a declined item records the household's own words or reason"
                                                : "not eligible needs a written reason for the household",
                      "reason");
  }
  return Ok{};
}

ItemState after_visit(ItemState s) { return s == ItemState::lead ? ItemState::visited : s; }

bool schedules_visits(ItemState s, bool cadence_continues) {
  if (s == ItemState::declined || is_final(s)) return cadence_continues;
  return true;
}

namespace {
constexpr std::array kReasonNames = {"confirmed_applied",      "confirmed_not_eligible",
                                     "declined",               "false_alarm_data_wrong",
                                     "false_alarm_not_in_hardship", "moved_away",
                                     "deceased"};
}  // namespace

const char* to_string(CloseReason r) { return kReasonNames[static_cast<size_t>(r)]; }

Result<CloseReason> parse_close_reason(std::string_view code) {
  for (size_t i = 0; i < kReasonNames.size(); ++i) {
    if (code == kReasonNames[i]) return static_cast<CloseReason>(i);
  }
  return make_error("unknown_reason_code",
                    "reason_code must be one of confirmed_applied, confirmed_not_eligible, declined, "
                    "false_alarm_data_wrong, false_alarm_not_in_hardship, moved_away, deceased",
                    "reason_code");
}

const std::vector<CloseReason>& all_close_reasons() {
  static const std::vector<CloseReason> all = [] {
    std::vector<CloseReason> v;
    for (size_t i = 0; i < kReasonNames.size(); ++i) v.push_back(static_cast<CloseReason>(i));
    return v;
  }();
  return all;
}

bool is_false_alarm(CloseReason r) {
  return r == CloseReason::false_alarm_data_wrong || r == CloseReason::false_alarm_not_in_hardship;
}

Status check_close(ItemState from, CloseReason reason, std::string_view note, bool has_application) {
  if (is_final(from)) return make_error("illegal_transition", "the item is already closed", "reason_code");
  if (blank(note)) return make_error("note_required", "closing an item needs a note", "note");
  if (reason == CloseReason::confirmed_applied && !has_application) {
    return make_error("application_required", "confirmed_applied needs the application number", "application_no");
  }
  return Ok{};
}

}  // namespace jiuzhu::backend::queue
