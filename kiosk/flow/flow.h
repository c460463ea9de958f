// The kiosk's screen flow as an explicit state machine: a pure function from (state, event)
// to (state, effects). No SDL, no I/O, no clocks: the app feeds it events (a tap, a card read,
// an idle timer firing) and carries out the effects it returns (wipe the session, submit,
// print, speak). Because it is pure, every journey is unit-tested without a window.
//
// Journeys are sequences of screens; Next/Back walk the sequence, Home and Finish leave it.
// The idle countdown is a flag on the state, not a screen: the screen under it is kept so that
// "还需要更多时间吗？" → 需要 returns exactly where the resident was.
//
// Thread-safety: values and pure functions.
#pragma once

#include <string>
#include <vector>

namespace jiuzhu::kiosk {

enum class Screen {
  attract,         // 请放身份证
  id_entry,        // typing the ID number on the keypad
  home,
  policy_list,
  policy_detail,
  check_question,  // 看看我能申请什么: one question per screen
  check_result,
  apply_program,   // which programs
  proxy_applicant, // 代人申请: the applicant's card or number
  proxy_relation,
  members,         // household members
  member_add,      // adding one member: card or number, relation
  income,
  assets,
  situation,       // in the resident's own words
  consent,
  documents,       // scanning
  review,
  submitting,
  receipt,
  progress,        // 进度查询: card or receipt QR
  progress_result,
  lead,            // 困难求助/反映情况
  lead_done,
  help,            // 找工作人员帮忙
  staff_pin,
  staff_menu,
  out_of_service,
};

const char* screen_name(Screen s);  // "attract", "home", ... (used by --script "wait")
bool screen_from_name(const std::string& name, Screen& out);

enum class Journey { none, policy, check, apply_self, apply_proxy, progress, lead, staff };

enum class EventKind {
  card_identified,    // the resident's card was read, or their number typed and valid
  type_number,        // attract → keypad entry
  go_policy, go_check, go_apply_self, go_apply_proxy, go_progress, go_lead, go_help,
  open_detail,        // policy list → one program
  next, back, home,
  add_member,         // members → member_add
  member_done,        // member_add → members
  submitted,          // the outbox holds the application: show the receipt
  finish,             // 完成/退出: wipe and return to the attract screen
  idle_warning,       // no touch for the idle limit
  more_time,          // 还需要更多时间
  idle_expired,       // the countdown reached 0
  staff_gesture,      // the hidden corner gesture
  staff_login_ok,
  staff_set_out_of_service,
  staff_clear_out_of_service,
};

struct Event {
  EventKind kind;
};

enum class Effect {
  wipe_session,     // overwrite and drop the resident's data, scans, temp files
  submit,           // hand the application to the outbox
  speak_prompt,     // read the new screen's prompt (elderly mode)
};

struct FlowState {
  Screen screen = Screen::attract;
  Journey journey = Journey::none;
  bool countdown = false;         // the idle countdown covers the screen
  bool out_of_service = false;    // staff put the kiosk out of service
  std::vector<Screen> history;    // for Back outside fixed sequences
  // Screens of the journey whose every question is already answered (the self-check's answers
  // carried into the application): Next passes over them and the step counter leaves them
  // out, so nothing is asked twice. Set by the app when an application starts.
  std::vector<Screen> answered;
};

struct Transition {
  FlowState state;
  std::vector<Effect> effects;
};

// The fixed screen sequence of a journey (empty for free-form journeys).
const std::vector<Screen>& sequence(Journey j);
// The steps the resident actually goes through: the sequence less the answered screens.
std::vector<Screen> steps(const FlowState& s);

// Pure transition. Events that make no sense on the current screen leave the state unchanged
// (no effects): a stray tap can never skip a step.
Transition step(const FlowState& s, const Event& e);

}  // namespace jiuzhu::kiosk
