// Screens: one function per screen, each a function of state that draws one frame and
// reports what the resident did as flow Events (navigation) and Commands (work for the app:
// read a card, query the backend, submit, print, speak). Screens never block and never do
// I/O; asynchronous results come back in AppView on later frames.
//
// Thread-safety: UI thread only.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/intake/receipt.h"
#include "kiosk/flow/flow.h"
#include "kiosk/session/session.h"
#include "kiosk/ui/chinese_input.h"
#include "kiosk/ui/ui.h"

struct SDL_Texture;

namespace jiuzhu::kiosk {

enum class CommandKind {
  toggle_elderly, text_bigger, text_smaller,
  speak,               // arg: text to read aloud
  replay_prompt,       // 重听: the current screen's prompt again (also in quiet mode)
  staff_quiet,         // staff: switch spoken prompts off/on
  identify_typed,      // arg: "user" | "applicant" | "member": validate session.input as ID number
  run_eligibility,
  submit_lead,
  query_progress,
  staff_login,         // arg: login; session.input holds the PIN
  staff_reprint, staff_selftest, staff_retry_sync,
  camera_start,        // arg: "doc:<kind>" or "qr"
  camera_stop,
  camera_capture,      // take the current frame now (manual shutter); arg "whole": the whole frame (直接拍)
  print_receipt,
};

struct Command {
  CommandKind kind;
  std::string arg;
};

enum class Async { idle, running, done, failed };

struct CameraView {
  bool running = false;
  SDL_Texture* preview = nullptr;  // latest frame, owned by the app
  int preview_w = 0, preview_h = 0;
  bool found = false;
  float corners[8] = {};           // page corners in preview pixels
  std::vector<std::string> problems;  // quality problems, one short sentence each (peripherals/camera)
  double stable = 0;               // 0..1 progress towards auto-capture
  double no_page_ms = 0;           // how long no page has been seen (offer 直接拍 after kOfferWholeFrameMs)
  std::string error;               // camera_unavailable, ...
};

struct AppView {
  const std::vector<nlohmann::json>* programs = nullptr;  // assets/policies program files, in order
  std::string card_message_key;    // strings key of the reader's last message, or empty
  Async eligibility = Async::idle;
  nlohmann::json eligibility_result;
  Async progress = Async::idle;
  std::string progress_error_key;
  nlohmann::json progress_result;
  Async staff_login = Async::idle;
  std::string staff_error_key;
  Async submit = Async::idle;
  std::string submit_error_key;    // submit.failed (not saved) or submit.rejected (saved, refused)
  Async lead = Async::idle;
  Async help_call = Async::idle;   // 找工作人员帮忙: queued (done) or could not even be saved (failed)
  bool help_delivered = false;     // the backend has the call: staff see it now
  bool online = false;
  int64_t clock_off_seconds = 0;   // ops: server − kiosk when more than 5 minutes; 0 when fine or unknown
  size_t outbox_pending = 0, outbox_quarantined = 0, outbox_rejected = 0;
  std::vector<std::pair<std::string, std::string>> device_lines;  // label, state (staff screen)
  std::string selftest_report;
  CameraView camera;
  double countdown_left = 0;       // seconds, while the countdown shows
  std::string typed_error_key;     // why the typed ID number was refused
  std::string print_error_key;
  bool printed = false;
  bool quiet = false;              // spoken prompts off (staff's quiet mode)
  std::optional<intake::ReceiptData> receipt_data;  // what the receipt says (wiped with the session)
  std::string township_name;
  std::string hall_phone;
};

struct ScreenCtx {
  Ui& ui;
  Session& s;
  const FlowState& flow;
  const AppView& view;
  ChineseInput& hw;  // handwriting or pinyin
  std::vector<Event>& events;
  std::vector<Command>& cmds;

  void go(EventKind k) { events.push_back({k}); }
  void cmd(CommandKind k, std::string arg = {}) { cmds.push_back({k, std::move(arg)}); }
};

// Chrome shared by every screen: the top bar (title, 长辈模式 toggle, text size, 找工作人员帮忙)
// and the bottom bar (返回, 首页, and the step's main button). Returns the content height.
float top_bar(ScreenCtx& c, const std::string& title_key, bool help = true);
struct NavSpec {
  bool back = true;
  bool home = true;
  bool next = false;
  bool next_enabled = true;
  std::string next_key = "nav.next";
  // The main button's control name: "nav.next" for a flow step; a screen whose main action is
  // its own (确定 a typed number, 查询, 提交) names it ("check.q2.ok") and takes the event back
  // with take_next(). Either way it is drawn in the same place: the right of the bottom bar.
  std::string next_name = "nav.next";
};
// The bottom action bar: 返回 and 首页 on the left, the screen's main action (下一步, 确定,
// 查询 …) always at its right, on every screen — never inside the content.
void bottom_bar(ScreenCtx& c, const NavSpec& nav);
// Swallows the bottom bar's "next" event (the screen handles its main action itself); true
// when there was one.
bool take_next(ScreenCtx& c);
// The height left between the bars.
float content_height(const Ui& ui);
// "第 3 步，共 8 步" for the apply journeys; empty outside them.
std::string step_label(ScreenCtx& c);

void draw_attract(ScreenCtx& c);
void draw_id_entry(ScreenCtx& c);
void draw_home(ScreenCtx& c);
void draw_policy_list(ScreenCtx& c);
void draw_policy_detail(ScreenCtx& c);
void draw_check_question(ScreenCtx& c);
void draw_check_result(ScreenCtx& c);
void draw_apply_program(ScreenCtx& c);
void draw_proxy_applicant(ScreenCtx& c);
void draw_proxy_relation(ScreenCtx& c);
void draw_members(ScreenCtx& c);
void draw_member_add(ScreenCtx& c);
void draw_income(ScreenCtx& c);
void draw_assets(ScreenCtx& c);
void draw_situation(ScreenCtx& c);
void draw_consent(ScreenCtx& c);
void draw_documents(ScreenCtx& c);
void draw_review(ScreenCtx& c);
void draw_submitting(ScreenCtx& c);
void draw_receipt(ScreenCtx& c);
void draw_progress(ScreenCtx& c);
void draw_progress_result(ScreenCtx& c);
void draw_lead(ScreenCtx& c);
void draw_lead_done(ScreenCtx& c);
void draw_help(ScreenCtx& c);
void draw_staff_pin(ScreenCtx& c);
void draw_staff_menu(ScreenCtx& c);
void draw_out_of_service(ScreenCtx& c);
// The idle countdown, drawn instead of the screen while it runs.
void draw_countdown(ScreenCtx& c);

// Dispatches on c.flow.screen (and the countdown).
void draw_screen(ScreenCtx& c);

// The strings key of the spoken prompt for a screen ("speak.home").
std::string prompt_key(Screen s);

}  // namespace jiuzhu::kiosk
