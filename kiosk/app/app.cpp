#include "kiosk/app/app.h"

#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <malloc.h>
#include <time.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/id_number.h"
#include "core/regions.h"
#include "kiosk/app/stats.h"
#include "kiosk/ui/fast_fill.h"
#include "kiosk/outbox/sealed_key.h"

namespace fs = std::filesystem;

namespace jiuzhu::kiosk {
namespace {

constexpr int kW = 1080, kH = 1920;
const char* kFont = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kFontFace = 2;  // Simplified Chinese in the collection
const char* kHandwritingModel = "/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model";

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

App::App(Options opt) : opt_(std::move(opt)), start_(Clock::now()) {}

App::~App() { shutdown(); }

double App::now_s() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

bool App::init(std::string& error) {
  std::error_code ec;
  fs::create_directories(opt_.data_dir, ec);
  if (ec) {
    error = "cannot create the data directory " + opt_.data_dir;
    return false;
  }
  session_.temp_dir = opt_.data_dir + "/session";

  auto strings = Strings::load(assets_dir() + "/strings/zh-CN.json");
  if (!strings) {
    error = strings.error().message + ": " + strings.error().field;
    return false;
  }
  strings_ = std::move(strings).value();

  if (auto st = fonts_.open(kFont, kFontFace); !st) {
    error = st.error().message + ": " + st.error().field;
    return false;
  }

  // The policy catalog's program files, in catalog order, for the 政策查询 screens.
  auto cat = nlohmann::json::parse(read_text(assets_dir() + "/policies/catalog.json"), nullptr, false);
  if (cat.is_object() && cat.contains("programs"))
    for (const auto& f : cat["programs"]) {
      auto p = nlohmann::json::parse(read_text(assets_dir() + "/policies/" + f.get<std::string>()), nullptr, false);
      if (p.is_object()) {
        p.erase("rules");
        programs_.push_back(std::move(p));
      }
    }
  view_.programs = &programs_;
  view_.hall_phone = opt_.hall_phone;

  // Outbox first: the kiosk must not take applications it cannot keep.
  auto key = load_outbox_key(opt_.data_dir);  // ops: sealed in production (outbox/sealed_key.h)
  if (!key) {
    error = key.error().message;
    return false;
  }
  auto ob = Outbox::open(opt_.data_dir + "/outbox", std::move(key).value());
  if (!ob) {
    error = ob.error().message;
    return false;
  }
  outbox_ = std::move(ob).value();
  auto be = parse_backend_url(opt_.backend, opt_.ca_file);
  if (!be) {
    error = be.error().message;
    return false;
  }
  backend_ = *be;
  std::string token = read_text(opt_.token_file);
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  backend_.token = token;
  sync_ = std::make_unique<SyncWorker>(*outbox_, backend_, opt_.backoff_min, opt_.backoff_max);
  sync_->set_app_version(JIUZHU_VERSION);  // ops: sent with the heartbeat
  calendar_ = std::make_unique<CalendarStore>(opt_.data_dir + "/calendar");
  sync_->set_calendar(calendar_.get());

  // Software rendering all the way: without these hints SDL presents the software frame
  // through an OpenGL texture (Mesa llvmpipe: +60 MB and a slower present).
  SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  // SDL: video always; audio when a device exists (not under Xvfb).
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    error = std::string("SDL_Init: ") + SDL_GetError();
    return false;
  }
  bool audio = SDL_InitSubSystem(SDL_INIT_AUDIO) == 0 && SDL_GetNumAudioDevices(0) > 0;
  Uint32 wflags = SDL_WINDOW_SHOWN | (opt_.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
  window_ = SDL_CreateWindow("救助 自助服务", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, kW, kH, wflags);
  if (!window_) {
    error = std::string("SDL_CreateWindow: ") + SDL_GetError();
    return false;
  }
  // Software rendering: the kiosk must hold its frame budget without a GPU.
  renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  if (!renderer_) {
    error = std::string("SDL_CreateRenderer: ") + SDL_GetError();
    return false;
  }
  SDL_RenderSetLogicalSize(renderer_, kW, kH);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no state on disk
  io.LogFilename = nullptr;
  io.MouseDragThreshold = 12;
  ImGuiStyle& st = ImGui::GetStyle();
  // The horizontal padding is the screen margin: content never touches the right edge.
  st.WindowPadding = ImVec2(40, 0);
  st.WindowBorderSize = 0;
  st.ChildBorderSize = 0;
  st.ScrollbarSize = 28;
  st.ScrollbarRounding = 12;
  st.ItemSpacing = ImVec2(16, 12);
  // The renderer's clear already paints the background: a window background would make the
  // software rasteriser blend 2 million more pixels every frame.
  st.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 0);
  st.AntiAliasedFill = false;  // big flat shapes; fringes cost time in software and are invisible at this size
  st.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 0);
  st.Colors[ImGuiCol_ScrollbarBg] = ImVec4(0.93f, 0.93f, 0.93f, 1);
  st.Colors[ImGuiCol_ScrollbarGrab] = ImVec4(0.35f, 0.35f, 0.35f, 1);
  ImGui_ImplSDL2_InitForSDLRenderer(window_);
  ImGui_ImplSDLRenderer_Init(renderer_);
  set_fill_renderer(renderer_);

  ui_ = std::make_unique<Ui>(strings_, fonts_);
  {
    // The pictures on the choices (built from assets/kiosk/pictograms.txt). Missing ones leave
    // the words alone: a warning, never a failure.
    const auto names = pictogram_names(read_text(assets_dir() + "/kiosk/pictograms.txt"));
    pictograms_ = std::make_unique<Pictograms>();
    const auto missing = pictograms_->load(renderer_, pictograms_dir(), names);
    if (!missing.empty())
      std::fprintf(stderr, "jiuzhu-kiosk: %zu of %zu pictograms missing in %s (first: %s)\n", missing.size(),
                   names.size(), pictograms_dir().c_str(), missing.front().c_str());
    ui_->set_pictograms(pictograms_.get());
  }
  elderly_ = opt_.elderly;
  set_theme();
  hw_.handwriting().set_model(kHandwritingModel);
  // Rime's compiled schema is cached under the data dir: deployed once, not per session.
  hw_.pinyin().set_paths(assets_dir() + "/kiosk/rime/jiuzhu_pinyin.schema.yaml", opt_.data_dir + "/rime");

  // Devices. A device that fails to start is reported on the staff screen; the kiosk still
  // serves residents with what works (the keypad replaces the reader).
  if (auto st2 = card_.start(opt_.simulated_devices, opt_.reader_device); !st2)
    view_.card_message_key = "card.error.reader_open";
  if (!opt_.simulated_devices) {
    if (auto cam = camera_.open_real(""); !cam) view_.camera.error = "camera_unavailable";
  }
  printer_ = std::make_unique<Printer>(opt_.simulated_devices, opt_.data_dir + "/printed", opt_.printer);
  // ops: the heartbeat's first device report, before the sync thread starts.
  camera_ok_ = view_.camera.error.empty();
  printer_state_ = printer_->state();
  sync_->set_devices(device_report(card_.state(), true, camera_ok_ ? "" : "camera_unavailable", printer_state_));
  sync_->start();
  speech_.start(audio);
  view_.quiet = opt_.quiet;
  speech_.set_enabled(!view_.quiet);
  {
    // Every prompt is synthesised ahead, so that a screen starts speaking at once.
    std::vector<std::string> prompts;
    for (const auto& [key, text] : strings_.all())
      if (key.rfind("speak.", 0) == 0 || key.rfind("check.q", 0) == 0) prompts.push_back(text);
    for (const char* d : {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "点", "叉", "删掉一位"}) prompts.push_back(d);
    speech_.prewarm(prompts);
  }

  if (!opt_.script.empty()) {
    auto steps = parse_script(read_text(opt_.script));
    if (!steps) {
      error = steps.error().message + ": " + steps.error().field;
      exit_code_ = 2;
      return false;
    }
    script_.steps = std::move(steps).value();
    script_.scripted = true;
  }
  last_input_ = now_s();
  return true;
}

void App::set_theme() {
  ui_->set_theme(make_theme(elderly_, text_step_));
}

void App::shutdown() {
  if (!renderer_ && !window_) return;
  wipe();
  sync_.reset();
  card_.stop();
  if (preview_tex_) SDL_DestroyTexture(preview_tex_);
  preview_tex_ = nullptr;
  if (ui_) ui_->set_pictograms(nullptr);
  pictograms_.reset();
  if (ImGui::GetCurrentContext()) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  renderer_ = nullptr;
  window_ = nullptr;
  SDL_Quit();
}

int App::run() {
  if (!opt_.stats_file.empty()) stats_.phases.enter("startup");
  std::string error;
  if (!init(error)) {
    std::fprintf(stderr, "jiuzhu-kiosk: %s\n", error.c_str());
    return exit_code_ ? exit_code_ : 1;
  }
  const bool profile = std::getenv("JIUZHU_KIOSK_PROFILE") != nullptr;
  auto thread_cpu_ms = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
  };
  while (running_) {
    if (!needs_frame()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    auto t0 = Clock::now();
    double c0 = thread_cpu_ms();
    bool camera = view_.camera.running;
    frame();
    double cpu = thread_cpu_ms() - c0;
    stats_.frame_cpu_ms.push_back(cpu);
    if (profile)
      std::fprintf(stderr, "frame %.1f ms: events+devices %.1f, draw %.1f, render %.1f, present %.1f, atlas %dx%d glyphs %zu build %.1f\n",
                   std::chrono::duration<double, std::milli>(Clock::now() - t0).count(), stats_.prof[0], stats_.prof[1], stats_.prof[2],
                   stats_.prof[3], fonts_.atlas_width(), fonts_.atlas_height(), fonts_.glyph_count(), fonts_.last_build_ms());
    double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    stats_.frame_ms.push_back(ms);
    if (camera && view_.camera.running) {
      stats_.camera_frame_ms.push_back(ms);
      stats_.camera_frame_cpu_ms.push_back(cpu);
    }
    if (!opt_.stats_file.empty() && stats_.startup_ms >= 0) {
      std::string phase = flow_.countdown ? "countdown" : screen_name(flow_.screen);
      if (phase != stats_.phases.current()) stats_.phases.enter(phase);
    }
    // ~60 frames a second at most; the rest of the time is the workers'.
    double budget = 1000.0 / 60 - ms;
    if (budget > 1) std::this_thread::sleep_for(std::chrono::microseconds(static_cast<long>(budget * 1000)));
  }
  if (!opt_.stats_file.empty())
    write_stats(opt_.stats_file, stats_.startup_ms, {{"", stats_.frame_ms, stats_.frame_cpu_ms}, {"camera_", stats_.camera_frame_ms, stats_.camera_frame_cpu_ms}},
                stats_.phases.finish(), speech_.latencies_ms());
  shutdown();
  return exit_code_;
}

bool App::needs_frame() {
  if (script_.scripted) return true;
  double now = now_s();
  if (now < redraw_until_ || now - last_frame_ > 1.0) return true;
  SDL_PumpEvents();
  if (SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT)) return true;
  if (SDL_GetMouseState(nullptr, nullptr) != 0) return true;  // a finger held down (long press)
  if (flow_.countdown || view_.camera.running || fonts_.dirty() || hw_.loading()) return true;
  if (!card_.events().empty() || !camera_.events().empty() || !printer_->events().empty()) return true;
  for (bool pending : {async_.eligibility.valid(), async_.progress.valid(), async_.login.valid(), async_.submit.valid(),
                       async_.lead.valid(), async_.selftest.valid(), async_.help.valid()})
    if (pending) return true;
  if (flow_.screen != Screen::attract && now - last_input_ > opt_.idle_seconds) return true;
  return false;
}

void App::frame() {
  last_frame_ = now_s();
  auto p0 = Clock::now();
  auto lap = [&](int i) {
    auto n = Clock::now();
    stats_.prof[i] = std::chrono::duration<double, std::milli>(n - p0).count();
    p0 = n;
  };
  SDL_Event ev;
  while (SDL_PollEvent(&ev)) {
    ImGui_ImplSDL2_ProcessEvent(&ev);
    redraw_until_ = now_s() + 0.4;
    if (ev.type == SDL_QUIT) running_ = false;
    // Fingers on the glass, so that a two-finger drag on the writing board is not ink.
    if (ev.type == SDL_FINGERDOWN) fingers_down_.insert(ev.tfinger.fingerId);
    if (ev.type == SDL_FINGERUP) fingers_down_.erase(ev.tfinger.fingerId);
    if (ev.type == SDL_MOUSEBUTTONDOWN || ev.type == SDL_FINGERDOWN || ev.type == SDL_MOUSEMOTION)
      last_input_ = now_s();
  }
  if (ui_) ui_->set_fingers(std::max<int>(1, static_cast<int>(fingers_down_.size())));
  drain_devices();
  poll_async();
  if (script_.scripted) script_before_frame();
  if (!running_) return;

  // Idle: no touch for idle_seconds → the countdown; the countdown's end wipes.
  double now = now_s();
  if (!flow_.countdown && now - last_input_ > opt_.idle_seconds) {
    apply_events({{EventKind::idle_warning}});
    countdown_start_ = now;
    last_input_ = now;
  }
  if (flow_.countdown) {
    view_.countdown_left = std::max(0.0, opt_.countdown_seconds - (now - countdown_start_));
    if (view_.countdown_left <= 0) apply_events({{EventKind::idle_expired}});
  }

  lap(0);
  std::vector<Event> events;
  std::vector<Command> cmds;
  for (int pass = 0; pass < 2; ++pass) {
    if (fonts_.rebuild_if_dirty()) {
      ImGui_ImplSDLRenderer_DestroyFontsTexture();
      ImGui_ImplSDLRenderer_CreateFontsTexture();
      // The atlas build's temporary buffers are large; give them back to the system.
      malloc_trim(0);
    }
    events.clear();
    cmds.clear();
    draw_frame(events, cmds);
    // A frame that met new glyphs is drawn again with them instead of being shown with
    // placeholders — unless it already produced input results, which must not be lost.
    if (!fonts_.dirty() || !events.empty() || !cmds.empty()) break;
    ImGui::EndFrame();
  }
  ImGui::Render();
  lap(1);
  const Theme& t = ui_->theme();
  SDL_SetRenderDrawColor(renderer_, t.bg.r, t.bg.g, t.bg.b, 255);
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  last_controls_ = ui_->controls();
  last_texts_ = ui_->texts();
  speak_after_draw();
  if (script_.scripted) script_after_frame();
  lap(2);
  SDL_RenderPresent(renderer_);
  lap(3);
  if (stats_.startup_ms < 0 && flow_.screen == Screen::attract && !fonts_.dirty())
    stats_.startup_ms = now_s() * 1000.0;
  if (ui_->tapped()) {
    last_input_ = now_s();
    ++touches_;
  }
  if (ui_->tapped() || !events.empty() || !cmds.empty()) redraw_until_ = now_s() + 0.4;
  apply_events(events);
  for (const auto& c : cmds) run_command(c);
}

void App::draw_frame(std::vector<Event>& events, std::vector<Command>& cmds) {
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (script_.scripted) {
    // The script is the only finger: its position and button replace the OS mouse.
    io.MousePos = script_.inj_pos;
    io.MouseDown[0] = script_.inj_down;
  }
  ImGui::NewFrame();
  ui_->begin_frame(now_s() * 1000.0);
  ui_->set_read_aloud(!view_.quiet);
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(kW, kH));
  ImGui::Begin("kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
  ScreenCtx ctx{*ui_, session_, flow_, view_, hw_, events, cmds};
  draw_screen(ctx);
  ImGui::End();
}

void App::speak_after_draw() {
  if (flow_.countdown) return;
  const std::string& own = ui_->prompt();
  std::string prompt = own.empty() ? strings_.get(prompt_key(flow_.screen)) : own;
  if (prompt_due_ || prompt != last_prompt_) {
    if (!prompt.empty()) say(prompt);
    // A question is a prompt that waits for the resident's answer: information screens and the
    // menus between journeys are not counted.
    static constexpr Screen kNotQuestions[] = {Screen::attract, Screen::home, Screen::check_result, Screen::submitting,
                                               Screen::receipt, Screen::lead_done, Screen::progress_result,
                                               Screen::help, Screen::out_of_service, Screen::policy_list,
                                               Screen::policy_detail, Screen::staff_menu};
    if (std::find(std::begin(kNotQuestions), std::end(kNotQuestions), flow_.screen) == std::end(kNotQuestions))
      ++questions_;
    last_prompt_ = std::move(prompt);
    prompt_due_ = false;
  }
  for (const auto& text : ui_->spoken()) say(text);
  // A resident listening to buttons (touch-and-hold) is using the kiosk: not idle.
  if (!ui_->spoken().empty()) last_input_ = now_s();
}

void App::say(const std::string& text) {
  if (speech_.enabled() && !text.empty()) {
    said_.push_back(text);
    if (said_.size() > 64) said_.erase(said_.begin());
  }
  speech_.say(text);
}

}  // namespace jiuzhu::kiosk
