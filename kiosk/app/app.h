// App: the kiosk's main loop (SDL2 + Dear ImGui on the SDL_Renderer backend, software
// rendering), and the interpreter of the pure flow's effects over the session, the devices,
// the outbox and the view. The flow (kiosk/flow) decides what an event means on a screen and
// what entering a screen sets up; the app only carries that out.
//
// One frame: drain the workers' result queues → advance the script (if any) → rebuild the
// font atlas if new glyphs appeared → draw the current screen → present → apply the screen's
// events to the flow (and carry out the effects) and its commands (start async work). The UI
// thread never waits for a device or the network: that work runs on worker threads or
// futures polled each frame.
//
// Files: app.cpp (window, frame loop, voice), effects.cpp (the effects), devices.cpp (the
// workers' results), commands.cpp (screen commands, async work), script_runner.cpp (--script).
//
// Thread-safety: UI thread only (construct, run and destroy on the same thread).
#pragma once

#include <SDL.h>

#include <chrono>
#include <future>
#include <memory>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/options.h"
#include "kiosk/app/stats.h"
#include "kiosk/devices/camera_worker.h"
#include "kiosk/devices/card_worker.h"
#include "kiosk/devices/printer.h"
#include "kiosk/devices/speech.h"
#include "kiosk/flow/flow.h"
#include "kiosk/outbox/outbox.h"
#include "kiosk/outbox/sync.h"
#include "kiosk/screens/screen.h"
#include "kiosk/script/script.h"
#include "kiosk/session/session.h"
#include "kiosk/text/strings.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/chinese_input.h"
#include "kiosk/ui/pictograms.h"
#include "kiosk/ui/ui.h"

namespace jiuzhu::kiosk {

class App {
 public:
  explicit App(Options opt);
  ~App();
  // Runs until quit (or the script ends). Returns the process exit code.
  int run();

 private:
  using Clock = std::chrono::steady_clock;
  bool init(std::string& error);
  void shutdown();
  void frame();
  // False when nothing can have changed since the last frame (no input, no worker result, no
  // timer or animation due): the frame is skipped, leaving the CPU to the workers.
  bool needs_frame();
  void draw_frame(std::vector<Event>& events, std::vector<Command>& cmds);
  void drain_devices();
  void poll_async();
  // Steps the flow with each event and carries out the effects (effects.cpp). `card` is the
  // person a card_read event carries, for store_card.
  void apply_events(const std::vector<Event>& events);
  void apply_event(const Event& e, const Person* card = nullptr);
  void carry_out(const Effect& fx, const Person* card);
  Facts facts() const;
  void store_card(CardSlot slot, const Person* card);
  void preselect_likely_programs();
  void carry_check_assets();
  void run_command(const Command& c);
  void wipe();
  void wipe_submitted();
  void set_theme();
  nlohmann::json print_data() const;
  // Prints the receipt, unless it would be dated by a clock known to be wrong (ops).
  void print_receipt();
  void start_submit();
  void start_eligibility();
  void start_progress_query();
  void start_staff_login(const std::string& login);
  void submit_lead();
  // 找工作人员帮忙: queues a help call in the outbox (sent by the sync thread, kept while offline).
  void start_help_call(Screen from);
  void self_test();
  void refresh_status();
  // Voice guidance after a frame is drawn: the screen's prompt when it opened or its sub-step
  // changed, and what the widgets asked to read back (keys as typed).
  void speak_after_draw();
  // Hands a sentence to the speech worker and, when speech is on, to said_ (for --script's
  // expect-spoken).
  void say(const std::string& text);
  double now_s() const;

  // Script runner (script_runner.cpp).
  void script_before_frame();
  void script_after_frame();
  bool script_fail(const std::string& why);
  bool take_screenshot(const std::string& path);

  Options opt_;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool running_ = true;
  int exit_code_ = 0;
  Clock::time_point start_;

  Strings strings_;
  FontAtlas fonts_;
  std::unique_ptr<Ui> ui_;
  std::unique_ptr<Pictograms> pictograms_;
  std::set<SDL_FingerID> fingers_down_;  // textures of renderer_: released before it
  ChineseInput hw_;  // the handwriting and pinyin boards
  bool elderly_ = false;
  // The resident's effort since the script's count-start (every session, for --script).
  int touches_ = 0, questions_ = 0, written_ = 0;
  bool prompt_due_ = true;     // a screen was entered: speak its prompt once it is drawn
  std::string last_prompt_;    // what 重听 repeats
  int text_step_ = 0;

  FlowState flow_;
  Session session_;
  AppView view_;
  std::vector<nlohmann::json> programs_;

  BackendConfig backend_;
  // county: the working-day calendar with the county's holiday notices (outbox/calendar.h),
  // kept fresh by the sync thread; it dates the offline receipt, its screen and its paper.
  std::unique_ptr<CalendarStore> calendar_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<SyncWorker> sync_;
  CardWorker card_;
  CameraWorker camera_;
  std::unique_ptr<Printer> printer_;
  SpeechWorker speech_;
  SDL_Texture* preview_tex_ = nullptr;
  // ops: the devices as the heartbeat reports them (outbox/heartbeat.h).
  bool camera_ok_ = true;
  std::string printer_state_;

  // Async work polled each frame (commands.cpp).
  struct Pending {
    std::future<nlohmann::json> eligibility;
    std::future<std::pair<int, std::string>> progress;   // status, body (-1: network)
    std::future<std::pair<int, std::string>> login;
    std::future<Result<model::Acknowledgement>> submit;  // ack, or pending (status pending_upload)
    std::future<Status> lead;
    std::future<Status> help;
    std::future<std::string> selftest;
  } async_;
  std::string help_id_;  // the last help call's client_id, to show when the backend has it
  nlohmann::json submitted_;  // the application as submitted, for the receipt (wiped with the session)

  // Idle.
  double last_input_ = 0;
  double countdown_start_ = 0;

  // --script's progress through its steps (script_runner.cpp).
  struct ScriptState {
    std::vector<Step> steps;
    size_t step = 0;
    int phase = 0;
    bool step_begun = false;
    double hold_start = 0;
    double step_start = 0;
    bool scripted = false;
    ImVec2 inj_pos{-1, -1};  // the script's finger replaces the OS mouse
    bool inj_down = false;
    bool shot_pending = false;
    std::string shot_path;
  } script_;

  // --stats and JIUZHU_KIOSK_PROFILE (stats.h).
  struct FrameStats {
    std::vector<double> frame_ms;      // wall time per frame
    std::vector<double> frame_cpu_ms;  // UI-thread CPU time per frame (robust to a loaded machine)
    std::vector<double> camera_frame_ms, camera_frame_cpu_ms;  // the frames showing the live preview
    PhaseMemory phases;                // --stats: peak RSS per screen
    double startup_ms = -1;
    double prof[4] = {0, 0, 0, 0};  // JIUZHU_KIOSK_PROFILE: per-frame section times
  } stats_;
  double redraw_until_ = 0;  // keep drawing until then (tap flash, transitions)
  double last_frame_ = 0;
  std::vector<Control> last_controls_;
  std::vector<std::string> last_texts_;
  std::vector<std::string> said_;  // the latest sentences spoken (at most 64), oldest first
};

}  // namespace jiuzhu::kiosk
