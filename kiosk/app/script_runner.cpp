// --script: advancing the steps frame by frame (the language is in script/script.h).
#include <stb/stb_image_write.h>

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "kiosk/app/app.h"
#include "core/utf8.h"
#include "kiosk/ui/keypad.h"

namespace jiuzhu::kiosk {
namespace {

constexpr double kFindTimeout = 5.0;    // a control must appear within this
constexpr double kExpectTimeout = 10.0;  // a scan or a backend answer may take a few seconds

const Control* find_control(const std::vector<Control>& cs, const std::string& name) {
  for (const auto& c : cs)
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

bool App::script_fail(const std::string& why) {
  const Step& s = script_.steps[script_.step];
  std::fprintf(stderr, "jiuzhu-kiosk: script failed at line %d (%s): %s\n", s.line, s.source.c_str(), why.c_str());
  exit_code_ = 1;
  running_ = false;
  return false;
}

bool App::take_screenshot(const std::string& path) {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  std::vector<unsigned char> px(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  // ABGR8888 is R,G,B,A in memory on little-endian machines: what stb writes as RGBA.
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, px.data(), w * 4) != 0) return false;
  if (stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4) == 0) return false;
  // Beside the PNG, where its texts and touch targets are (deploy/measure-screenshots reads
  // both: glyph heights and contrast from the pixels, inside these boxes).
  nlohmann::json j = {{"screen", screen_name(flow_.screen)}, {"elderly", elderly_}, {"width", w}, {"height", h}};
  nlohmann::json controls = nlohmann::json::array(), texts = nlohmann::json::array();
  for (const auto& c : ui_->controls())
    controls.push_back({{"name", c.name}, {"box", {c.min.x, c.min.y, c.max.x, c.max.y}}, {"enabled", c.enabled}, {"clipped", c.clipped}});
  for (const auto& t : ui_->text_draws())
    texts.push_back({{"text", t.text}, {"px", t.px}, {"box", {t.min.x, t.min.y, t.max.x, t.max.y}}});
  j["controls"] = std::move(controls);
  nlohmann::json pictures = nlohmann::json::array();
  for (const auto& [picture, control] : ui_->pictograms_drawn()) pictures.push_back({{"picture", picture}, {"control", control}});
  j["pictograms"] = std::move(pictures);
  j["texts"] = std::move(texts);
  std::string json_path = path.substr(0, path.size() - 4) + ".json";
  std::ofstream(json_path) << j.dump() << "\n";
  return true;
}

void App::script_before_frame() {
  if (script_.step >= script_.steps.size()) {
    running_ = false;
    return;
  }
  const Step& s = script_.steps[script_.step];
  double now = now_s();
  if (!script_.step_begun) {
    script_.step_start = now;
    script_.step_begun = true;
  }
  double elapsed = now - script_.step_start;
  auto next = [&] {
    ++script_.step;
    script_.phase = 0;
    script_.step_begun = false;
  };
  switch (s.kind) {
    case StepKind::hold: {
      const Control* c = find_control(last_controls_, s.arg);
      if (script_.phase == 0) {
        if (!c) {
          if (elapsed > kFindTimeout) script_fail("no control named '" + s.arg + "'");
          return;
        }
        script_.inj_pos = ImVec2((c->min.x + c->max.x) / 2, (c->min.y + c->max.y) / 2);
        script_.inj_down = false;
        script_.phase = 1;
        return;
      }
      if (script_.phase == 1) {
        script_.inj_down = true;
        script_.hold_start = now;
        script_.phase = 2;
        return;
      }
      if (script_.phase == 2) {
        if (now - script_.hold_start >= s.seconds) {
          script_.inj_down = false;
          script_.phase = 3;
        }
        return;
      }
      script_.inj_pos = ImVec2(-1, -1);
      next();
      return;
    }
    case StepKind::drag: {
      // 0: finger at the start; 1: press; 2..13: move in 12 steps; then release; then park.
      constexpr int kMoves = 12;
      auto at = [&](int i) {
        float f = static_cast<float>(i) / kMoves;
        return ImVec2(static_cast<float>(s.points[0].first) + f * static_cast<float>(s.points[1].first - s.points[0].first),
                      static_cast<float>(s.points[0].second) + f * static_cast<float>(s.points[1].second - s.points[0].second));
      };
      if (script_.phase == 0) {
        script_.inj_pos = at(0);
        script_.inj_down = false;
        script_.phase = 1;
      } else if (script_.phase == 1) {
        script_.inj_down = true;
        last_input_ = now;
        script_.phase = 2;
      } else if (script_.phase < 2 + kMoves) {
        script_.inj_pos = at(script_.phase - 1);
        ++script_.phase;
      } else if (script_.inj_down) {
        script_.inj_down = false;
      } else {
        script_.inj_pos = ImVec2(-1, -1);
        next();
      }
      return;
    }
    case StepKind::tap:
    case StepKind::stroke: {
      // Phases: 0 find and move there; 1 press; 2.. (stroke: move through the points); then
      // release; then one more frame for the app to act on the tap.
      std::string name = s.kind == StepKind::tap ? s.arg : "";
      if (s.kind == StepKind::stroke) {
        for (const auto& c : last_controls_)
          if (c.name.size() > 9 && c.name.compare(c.name.size() - 9, 9, ".hw.board") == 0) name = c.name;
      }
      const Control* c = name.empty() ? nullptr : find_control(last_controls_, name);
      if (script_.phase == 0) {
        if (!c || !c->enabled) {
          if (elapsed > kFindTimeout)
            script_fail(c ? "control is disabled: " + name : "no control named '" + s.arg + "' on screen " + screen_name(flow_.screen));
          return;
        }
        if (s.kind == StepKind::tap)
          script_.inj_pos = ImVec2((c->min.x + c->max.x) / 2, (c->min.y + c->max.y) / 2);
        else
          script_.inj_pos = ImVec2(c->min.x + static_cast<float>(s.points[0].first), c->min.y + static_cast<float>(s.points[0].second));
        script_.inj_down = false;
        script_.phase = 1;
        return;
      }
      if (script_.phase == 1) {
        script_.inj_down = true;
        last_input_ = now;
        script_.phase = 2;
        return;
      }
      if (s.kind == StepKind::stroke) {
        size_t i = static_cast<size_t>(script_.phase - 1);
        if (i < s.points.size() && c) {
          script_.inj_pos = ImVec2(c->min.x + static_cast<float>(s.points[i].first), c->min.y + static_cast<float>(s.points[i].second));
          ++script_.phase;
          return;
        }
      }
      if (script_.inj_down) {
        script_.inj_down = false;
        script_.phase = 100;
        return;
      }
      // Park the finger off every control so that nothing stays hovered.
      script_.inj_pos = ImVec2(-1, -1);
      next();
      return;
    }
    case StepKind::type: {
      const Focus& f = ui_->focus();
      if (!f.target) {
        if (elapsed > kFindTimeout) script_fail("no input field on screen " + std::string(screen_name(flow_.screen)));
        script_.phase = 1;
        return;
      }
      if (f.mode == KeyMode::text) {
        *f.target += s.arg;
        written_ += static_cast<int>(utf8::length(s.arg));
      } else {
        touches_ += static_cast<int>(s.arg.size());  // one key press per character
        for (char ch : s.arg)
          if (!apply_key(*f.target, ch, f.mode, f.max_len)) {
            script_fail(std::string("the keypad refuses '") + ch + "'");
            return;
          }
      }
      last_input_ = now;
      next();
      return;
    }
    case StepKind::card: {
      auto st = card_.present_file(s.arg);
      if (!st) {
        script_fail(st.error().code + ": " + st.error().message);
        return;
      }
      next();
      return;
    }
    case StepKind::remove_card:
      card_.remove_card();
      next();
      return;
    case StepKind::camera: {
      std::string err = camera_.feed(s.arg);
      if (!err.empty()) {
        script_fail(err + ": " + s.arg);
        return;
      }
      next();
      return;
    }
    case StepKind::wait: {
      script_.phase = 1;
      bool at = s.arg == "countdown" ? flow_.countdown : (screen_name(flow_.screen) == s.arg && !flow_.countdown);
      Screen probe;
      if (s.arg != "countdown" && !screen_from_name(s.arg, probe)) {
        script_fail("unknown screen '" + s.arg + "'");
        return;
      }
      if (at) next();
      else if (elapsed > s.seconds)
        script_fail(std::string("still on screen ") + (flow_.countdown ? "countdown" : screen_name(flow_.screen)));
      return;
    }
    case StepKind::expect:
    case StepKind::expect_not:
    case StepKind::expect_spoken:
      script_.phase = 1;  // checked after the frame is drawn
      return;
    case StepKind::shot:
      script_.phase = 1;
      script_.shot_pending = true;
      return;
    case StepKind::sleep:
      script_.phase = 1;
      if (elapsed >= s.seconds) next();
      return;
    case StepKind::elderly: {
      bool want = s.arg == "on";
      if (want != elderly_) run_command({CommandKind::toggle_elderly, {}});
      next();
      return;
    }
    case StepKind::wait_uploaded:
      script_.phase = 1;
      if (outbox_->counts().pending == 0) {
        if (outbox_->counts().rejected > 0) script_fail("the backend refused an item (see outbox/rejected)");
        else next();
      }
      else if (elapsed > s.seconds) script_fail(std::to_string(outbox_->counts().pending) + " item(s) still pending");
      return;
    case StepKind::count_start:
      touches_ = questions_ = written_ = 0;
      next();
      return;
    case StepKind::count_report:
      std::printf("journey counts: touches=%d questions=%d written=%d\n", touches_, questions_, written_);
      std::fflush(stdout);
      next();
      return;
    case StepKind::expect_touches_at_most:
    case StepKind::expect_questions_at_most: {
      const bool touches = s.kind == StepKind::expect_touches_at_most;
      const int got = touches ? touches_ : questions_;
      if (got > static_cast<int>(s.seconds)) {
        script_fail(std::string(touches ? "touches" : "questions") + " " + std::to_string(got) + " > " +
                    std::to_string(static_cast<int>(s.seconds)));
        return;
      }
      next();
      return;
    }
    case StepKind::expect_pending: {
      size_t n = outbox_->counts().pending;
      if (n != static_cast<size_t>(s.seconds)) {
        script_fail("outbox holds " + std::to_string(n) + " pending item(s)");
        return;
      }
      next();
      return;
    }
  }
}

void App::script_after_frame() {
  if (script_.step >= script_.steps.size() || !running_) return;
  const Step& s = script_.steps[script_.step];
  double elapsed = now_s() - script_.step_start;
  auto next = [&] {
    ++script_.step;
    script_.phase = 0;
    script_.step_begun = false;
  };
  if (s.kind == StepKind::expect || s.kind == StepKind::expect_not) {
    bool found = false;
    for (const auto& t : last_texts_)
      if (t.find(s.arg) != std::string::npos) found = true;
    if (s.kind == StepKind::expect) {
      if (found && !fonts_.dirty()) next();
      else if (elapsed > kExpectTimeout) script_fail("text not on screen " + std::string(screen_name(flow_.screen)));
    } else {
      if (found) script_fail("text is on screen");
      else next();
    }
  } else if (s.kind == StepKind::expect_spoken) {
    auto hit = std::find_if(said_.begin(), said_.end(), [&](const std::string& t) { return t.find(s.arg) != std::string::npos; });
    if (hit != said_.end()) {
      said_.erase(said_.begin(), hit + 1);  // the next expect-spoken looks at later sentences only
      next();
    } else if (elapsed > kExpectTimeout) {
      script_fail("not spoken (speech off, or not said)");
    }
  } else if (s.kind == StepKind::shot && script_.shot_pending) {
    // Only a frame drawn with every glyph in the atlas is worth keeping.
    if (fonts_.dirty()) return;
    std::error_code ec;
    std::filesystem::create_directories(opt_.screenshot_dir, ec);
    std::string path = opt_.screenshot_dir + "/" + s.arg + ".png";
    script_.shot_pending = false;
    if (!take_screenshot(path)) script_fail("cannot write " + path);
    else next();
  }
}

}  // namespace jiuzhu::kiosk
