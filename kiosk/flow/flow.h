// The kiosk's screen flow as an explicit state machine: a pure function from (state, event)
// to (state, effects). No SDL, no I/O, no clocks: the app feeds it events (a tap, a card read,
// an idle timer firing, an answer from the backend) and carries out the effects it returns.
// What an event means on the current screen (a card on the reader is the resident on the
// attract screen, the applicant on 代人申请, a member on 添加家人, nothing elsewhere) and what
// entering a screen sets up (the self-check's answers carried over, the receipt printed, staff
// called) are decided here; the app only does them. Because it is pure, every journey and
// every one of those decisions is unit-tested without a window.
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
  card_identified,    // the resident's number was typed and valid (attract's keypad)
  card_read,          // the reader read a card: its meaning depends on the screen
  qr_read,            // the camera read a receipt's QR code (the app keeps the number)
  progress_found,     // the backend answered the progress query
  lead_saved,         // the outbox holds the 困难求助 report
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

// What the flow needs to know of the resident's answers to decide (the app fills it from the
// session before each step; the flow never sees the answers themselves).
struct Facts {
  bool check_income_answered = false;  // the self-check asked the household income
};

// Where a card read goes.
enum class CardSlot { user, applicant, member };

enum class EffectKind {
  wipe_session,        // overwrite and drop the resident's data, scans, temp files
  submit,              // hand the application to the outbox
  speak_prompt,        // read the new screen's prompt (once it is drawn)
  start_countdown,     // the idle countdown began: start its clock, say 还需要更多时间吗
  restart_idle_timer,  // the resident asked for more time
  store_card,          // keep the card just read in `slot` (replacing the one there)
  query_progress,      // ask the backend about the application number the QR code gave
  // Entering a screen:
  clear_entry,         // typed digits, typed-number error, writing boards (the model unloaded)
  stop_camera,         // the camera runs on the scanning screens only
  begin_check,         // the self-check starts at its first question
  carry_check_answers, // programs the self-check found likely are preselected
  add_applicant_member,// the applicant is the household's first member
  begin_income,        // income sub-questions from the first
  carry_assets,        // the check's asset answers fill the application's; start at the first open one
  begin_progress,      // no number, no answer, no error yet
  begin_staff_login,   // no PIN, no error yet
  refresh_status,      // the staff menu's outbox and device lines
  print_receipt,       // the receipt screen prints at once
  call_help,           // 找工作人员帮忙: ring the hall; `from` is the screen the resident asked on
};

struct Effect {
  EffectKind kind;
  CardSlot slot = CardSlot::user;  // store_card
  Screen from = Screen::attract;   // call_help
  friend bool operator==(const Effect&, const Effect&) = default;
};

struct FlowState {
  Screen screen = Screen::attract;
  Journey journey = Journey::none;
  bool countdown = false;         // the idle countdown covers the screen
  bool out_of_service = false;    // staff put the kiosk out of service
  std::vector<Screen> history;    // for Back outside fixed sequences
  // Screens of the journey whose every question is already answered (the self-check's answers
  // carried into the application): Next passes over them and the step counter leaves them
  // out, so nothing is asked twice. Set on entering apply_program, from Facts.
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
// (no effects): a stray tap can never skip a step. When the screen changes, the new screen's
// entry effects (entry_effects) follow the transition's own, in the order to carry them out.
Transition step(const FlowState& s, const Event& e, const Facts& facts = {});

// What entering `to.screen` from `from` sets up (part of step's answer; exposed for tests).
std::vector<Effect> entry_effects(Screen from, const FlowState& to);

// What the backend's answer to a staff PIN login means at the kiosk. The staff menu opens only
// for the roles that work at a hall (hall_staff, caseworker, county_admin): a department or
// province account logs in to the console, never to a kiosk's menu, so its PIN is refused here
// like a wrong one. `http_status` < 0 is no answer (offline); `role` is the answer's "role".
enum class StaffLogin { ok, bad_pin, throttled, offline };
StaffLogin staff_login_outcome(int http_status, const std::string& role);
// The message key shown for a refused login ("staff.bad_pin" …); "" for ok.
const char* staff_login_error_key(StaffLogin outcome);

}  // namespace jiuzhu::kiosk
