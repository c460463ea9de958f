#include "kiosk/ui/handwriting.h"

#include <imgui.h>
#include <zinnia.h>

#include "core/utf8.h"
#include "kiosk/text/wipe.h"
#include "kiosk/ui/fast_fill.h"

namespace jiuzhu::kiosk {

HandwritingBoard::HandwritingBoard() = default;

HandwritingBoard::~HandwritingBoard() {
  if (loader_.joinable()) loader_.join();
}

void HandwritingBoard::load_async() {
  if (loader_.joinable()) return;
  failed_.store(false);
  loader_ = std::thread([this, path = model_path_] {
    std::unique_ptr<zinnia::Recognizer> r(zinnia::Recognizer::create());
    if (r && r->open(path.c_str())) {
      recognizer_ = std::move(r);
      ready_.store(true, std::memory_order_release);
    } else {
      failed_.store(true, std::memory_order_release);
    }
  });
}

void HandwritingBoard::unload() {
  if (loader_.joinable()) loader_.join();
  ready_.store(false, std::memory_order_release);
  recognizer_.reset();  // unmaps the model
}

std::vector<std::string> HandwritingBoard::classify(
    const std::vector<std::vector<std::pair<int, int>>>& strokes, int w, int h, size_t n) const {
  std::vector<std::string> out;
  if (!ready() || strokes.empty()) return out;
  std::unique_ptr<zinnia::Character> c(zinnia::Character::create());
  c->clear();
  c->set_width(static_cast<size_t>(w));
  c->set_height(static_cast<size_t>(h));
  for (size_t i = 0; i < strokes.size(); ++i)
    for (auto [x, y] : strokes[i]) c->add(i, x, y);
  std::unique_ptr<zinnia::Result> r(recognizer_->classify(*c, n));
  if (!r) return out;
  for (size_t i = 0; i < r->size(); ++i) out.emplace_back(r->value(i));
  return out;
}

void HandwritingBoard::reset() {
  strokes_.clear();
  candidates_.clear();
  press_.clear();
  pressing_ = false;
  decision_ = InkDecision::undecided;
}

void HandwritingBoard::draw(Ui& ui, std::string& text, size_t max_chars, const char* prefix) {
  const Theme& t = ui.theme();
  load_async();
  ui.set_focus(&text, KeyMode::text, max_chars);
  std::string p(prefix);
  float w = ImGui::GetContentRegionAvail().x;
  // Board on the left, candidates on the right.
  // 560 px when the column allows (a scroll bar in 长辈模式 must not make the board smaller).
  float side = std::min(560.0f, w * 0.58f);
  ImVec2 o = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rect(dl, o, ImVec2(o.x + side, o.y + side), rgba(Rgb{0xFF, 0xFD, 0xF0}), 12);
  dl->AddRect(o, ImVec2(o.x + side, o.y + side), rgba(t.text), 12, 0, 4);
  // A 米字格-style guide helps writing a character in the middle.
  ImU32 guide = rgba(Rgb{0xD0, 0xC8, 0xA8});
  dl->AddLine(ImVec2(o.x + side / 2, o.y), ImVec2(o.x + side / 2, o.y + side), guide, 2);
  dl->AddLine(ImVec2(o.x, o.y + side / 2), ImVec2(o.x + side, o.y + side / 2), guide, 2);
  ImGui::InvisibleButton((p + ".hw.board").c_str(), ImVec2(side, side));
  ImVec2 bmin = ImGui::GetItemRectMin(), bmax = ImGui::GetItemRectMax();
  ui.register_control(p + ".hw.board", bmin, bmax);
  // A press is buffered until it is known to be writing (then its points become a stroke)
  // or a scroll gesture (then they are dropped and the scroll region moves).
  auto ink = [&](const PressSample& p) {
    auto pt = std::make_pair(static_cast<int>(p.x), static_cast<int>(p.y));
    if (strokes_.back().empty() || strokes_.back().back() != pt) strokes_.back().push_back(pt);
  };
  auto decide = [&](bool released) {
    decision_ = classify_press(press_, side, released);
    if (decision_ != InkDecision::ink) return;
    strokes_.emplace_back();
    for (const auto& p : press_) ink(p);
  };
  if (ImGui::IsItemActive()) {
    ImVec2 m = ImGui::GetIO().MousePos;
    if (!pressing_) {
      press_.clear();
      pressing_ = true;
      decision_ = InkDecision::undecided;
    }
    press_.push_back({m.x - o.x, m.y - o.y, ui.now_ms(), ui.fingers()});
    if (decision_ == InkDecision::undecided) decide(false);
    else if (decision_ == InkDecision::ink) ink(press_.back());
    if (decision_ != InkDecision::scroll) ui.hold_ink_press();
  } else if (pressing_) {
    pressing_ = false;
    if (decision_ == InkDecision::undecided) decide(true);
    if (decision_ == InkDecision::ink) {
      int sz = static_cast<int>(side);
      candidates_ = classify(strokes_, sz, sz, 8);
    }
    press_.clear();
  }
  for (const auto& s : strokes_)
    for (size_t i = 1; i < s.size(); ++i)
      dl->AddLine(ImVec2(o.x + static_cast<float>(s[i - 1].first), o.y + static_cast<float>(s[i - 1].second)),
                  ImVec2(o.x + static_cast<float>(s[i].first), o.y + static_cast<float>(s[i].second)),
                  rgba(t.text), 10);
  if (strokes_.empty()) {
    std::string hint = failed_.load() ? ui.s("hw.unavailable") : ready() ? ui.s("hw.hint") : ui.s("hw.loading");
    ui.fonts().need(hint, FontSize::body);
    if (ImFont* f = ui.font(FontSize::body))
      dl->AddText(f, f->FontSize, ImVec2(o.x + 20, o.y + 20), rgba(t.muted), hint.c_str());
  }

  ImGui::SameLine(0, t.gap);
  ImGui::BeginGroup();
  float cw = w - side - t.gap;
  float bw = (cw - t.gap) / 2;
  for (size_t i = 0; i < candidates_.size(); ++i) {
    if (i % 2) ImGui::SameLine(0, t.gap);
    std::string name = p + ".hw.cand." + std::to_string(i);
    if (ui.button(name.c_str(), candidates_[i], ButtonKind::key, bw, side / 4 - t.gap)) {
      if (utf8::length(text) < max_chars) text += candidates_[i];
      reset();
    }
  }
  ImGui::EndGroup();
  ui.spacing(t.gap / 2);
  float hb = (w - t.gap) / 2;
  if (ui.button((p + ".hw.clear").c_str(), ui.s("hw.rewrite"), ButtonKind::secondary, hb)) reset();
  ImGui::SameLine(0, t.gap);
  if (ui.button((p + ".hw.del").c_str(), ui.s("hw.delete_char"), ButtonKind::secondary, hb)) {
    utf8::pop_back(text);
  }
}

}  // namespace jiuzhu::kiosk
