#include "kiosk/ui/ui.h"

#include <imgui_internal.h>

#include <cmath>

#include "core/utf8.h"
#include "kiosk/text/wipe.h"
#include "kiosk/ui/fast_fill.h"
#include "kiosk/ui/press_hold.h"

namespace jiuzhu::kiosk {
namespace {

// A finger moving more than this between press and release is scrolling, not tapping.
constexpr float kTapSlopPx = 24.0f;

bool is_closing_punct(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'、': case U'；': case U'：': case U'？': case U'！':
    case U'）': case U'”': case U'》': case U',': case U'.': case U')': case U'…':
      return true;
    default:
      return false;
  }
}

bool is_word_char(char32_t c) { return c < 0x80 && c > 0x20; }

// Splits `t` into lines no wider than `width` for `font`: Chinese may break between any two
// characters (not before closing punctuation); runs of ASCII stay together when they fit.
std::vector<std::string> wrap_lines(ImFont* font, float size, std::string_view t, float width) {
  std::vector<std::string> lines;
  std::string line;
  float w = 0;
  auto cps = utf8::decode_lossy(t);
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if (c == U'\n') {
      lines.push_back(line);
      line.clear();
      w = 0;
      continue;
    }
    // Measure the unit: one CJK char, or an ASCII word.
    std::string unit;
    size_t j = i;
    if (is_word_char(c)) {
      while (j < cps.size() && is_word_char(cps[j])) unit += utf8::encode(cps[j++]);
      --j;
    } else {
      unit = utf8::encode(c);
    }
    float uw = font->CalcTextSizeA(size, FLT_MAX, 0, unit.c_str(), unit.c_str() + unit.size()).x;
    // Closing punctuation may hang into the margin rather than start a line (禁则).
    if (w + uw > width && !line.empty() && !is_closing_punct(c)) {
      lines.push_back(line);
      line.clear();
      w = 0;
      if (c == U' ') continue;
    }
    line += unit;
    w += uw;
    i = j;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

ImU32 rgba(Rgb c, float alpha) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255));
}

void Ui::set_theme(const Theme& t) {
  theme_ = t;
  fonts_.set_sizes(t.small, t.body, t.large, t.title, t.huge);
}

void Ui::begin_frame(double now_ms) {
  now_ms_ = now_ms;
  begin_fill_frame();
  controls_.clear();
  texts_.clear();
  text_draws_.clear();
  tapped_ = false;
  focus_ = {};
  prompt_.clear();
  spoken_.clear();
  pictograms_drawn_.clear();
  ink_last_frame_ = ink_now_;
  ink_now_ = false;
}

void Ui::record_line(const std::string& line, float px, ImVec2 min, float width) {
  ImRect r(min, ImVec2(min.x + width, min.y + px));
  if (ImGuiWindow* w = ImGui::GetCurrentWindow()) r.ClipWith(w->ClipRect);
  if (r.GetWidth() > 1 && r.GetHeight() > px * 0.9f) text_draws_.push_back({line, px, r.Min, r.Max});
}

void Ui::note(std::string_view t, FontSize size) {
  fonts_.need(t, size);
  texts_.emplace_back(t);
}

const std::string& Ui::s(const std::string& key) {
  return strings_.get(key);
}

std::string Ui::f(const std::string& key, const std::vector<std::string>& args) {
  return strings_.format(key, args);
}

void Ui::text_colored(std::string_view t, FontSize size, Rgb colour) {
  note(t, size);
  ImFont* fnt = font(size);
  float px = fnt ? fnt->FontSize : 40;
  float width = ImGui::GetContentRegionAvail().x;
  ImGui::PushFont(fnt);
  ImGui::PushStyleColor(ImGuiCol_Text, rgba(colour));
  // Line spacing ≥ 1.3× (适老化): ImGui lines are 1.0× the font size, so add the gap.
  float extra = px * 0.35f;
  for (const auto& line : wrap_lines(fnt, px, t, width)) {
    record_line(line, px, ImGui::GetCursorScreenPos(), ImGui::CalcTextSize(line.c_str()).x);
    ImGui::TextUnformatted(line.c_str(), line.c_str() + line.size());
    ImGui::Dummy(ImVec2(0, extra - ImGui::GetStyle().ItemSpacing.y));
  }
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void Ui::text(std::string_view t, FontSize size, bool muted) {
  text_colored(t, size, muted ? theme_.muted : theme_.text);
}

void Ui::text_centered(std::string_view t, FontSize size) {
  note(t, size);
  ImFont* fnt = font(size);
  float px = fnt ? fnt->FontSize : 40;
  float width = ImGui::GetContentRegionAvail().x;
  ImGui::PushFont(fnt);
  ImGui::PushStyleColor(ImGuiCol_Text, rgba(theme_.text));
  for (const auto& line : wrap_lines(fnt, px, t, width)) {
    float lw = ImGui::CalcTextSize(line.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (width - lw) / 2));
    record_line(line, px, ImGui::GetCursorScreenPos(), lw);
    ImGui::TextUnformatted(line.c_str(), line.c_str() + line.size());
    ImGui::Dummy(ImVec2(0, px * 0.35f - ImGui::GetStyle().ItemSpacing.y));
  }
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void Ui::field(std::string_view label, std::string_view value) {
  text(label, FontSize::small, true);
  text(value.empty() ? std::string_view("—") : value, FontSize::large);
  spacing(theme_.gap / 2);
}

bool Ui::button(const char* name, std::string_view label, ButtonKind kind, float width,
                float height, bool enabled, const char* pictogram) {
  ImVec2 avail = ImGui::GetContentRegionAvail();
  ImVec2 size(width > 0 ? width : avail.x, height > 0 ? height : theme_.button_h);
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImVec2 pos = window->DC.CursorPos;
  ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
  ImGuiID id = window->GetID(name);
  ImGui::ItemSize(size);
  bool added = ImGui::ItemAdd(bb, id);
  bool hovered = false, held = false, pressed = false;
  if (added && enabled) pressed = ImGui::ButtonBehavior(bb, id, &hovered, &held);
  // A press that travelled is a scroll gesture.
  const bool travelled = ImGui::GetIO().MouseDragMaxDistanceSqr[0] > kTapSlopPx * kTapSlopPx;
  if (pressed && travelled) pressed = false;
  // Touch-and-hold reads the label aloud and then does not choose (kiosk/ui/press_hold.h):
  // the press's start time is kept for the one active button.
  if (held || pressed || hold_id_ == id) {
    if (held && (hold_id_ != id || ImGui::GetIO().MouseClicked[0])) {
      hold_id_ = id;
      hold_start_ms_ = now_ms_;
      hold_spoken_ = false;
    }
    // Held time as of the last frame the finger was seen down: a tap whose release frame came
    // late (a slow frame, a font atlas rebuild) is still a tap.
    if (held) hold_last_ms_ = now_ms_;
    Press p;
    p.held_ms = hold_last_ms_ - hold_start_ms_;
    p.released = pressed;
    p.already_spoken = hold_spoken_;
    p.travelled = travelled;
    p.read_aloud = read_aloud_;
    if (hold_id_ != id) p.held_ms = 0;  // released without a held frame: a tap
    switch (press_outcome(p)) {
      case PressOutcome::speak_label:
        say(spoken_label(label));
        hold_spoken_ = true;
        if (pressed) pressed = false;
        break;
      case PressOutcome::ignore: pressed = false; break;
      case PressOutcome::activate:
      case PressOutcome::waiting: break;
    }
    // The press is over (released on or off the button): the next press starts afresh.
    if (!held && hold_id_ == id) hold_id_ = 0;
  }

  // The registry holds the visible part (clipped by scroll regions) for --script taps.
  ImRect vis = bb;
  vis.ClipWith(window->ClipRect);
  if (vis.GetWidth() > 4 && vis.GetHeight() > 4)
    controls_.push_back({name, vis.Min, vis.Max, enabled, vis.GetWidth() < bb.GetWidth() || vis.GetHeight() < bb.GetHeight()});

  Rgb fill = theme_.primary, fg = theme_.primary_text;
  switch (kind) {
    case ButtonKind::primary: fill = held ? theme_.primary_pressed : theme_.primary; break;
    case ButtonKind::secondary:
    case ButtonKind::key:
      fill = held ? theme_.secondary_pressed : theme_.secondary;
      fg = theme_.text;
      break;
    case ButtonKind::selected:
      fill = held ? theme_.secondary_pressed : theme_.selected;
      fg = theme_.text;
      break;
    case ButtonKind::danger: fill = held ? theme_.primary_pressed : theme_.danger; break;
  }
  if (!enabled) {
    fill = {0xE0, 0xE0, 0xE0};
    fg = {0x55, 0x55, 0x55};  // 5.9:1 on E0E0E0: a disabled label stays readable
  }
  ImDrawList* dl = window->DrawList;
  float rounding = 18.0f;
  fill_rect(dl, bb.Min, bb.Max, rgba(fill), rounding);
  // A border so that buttons are not told apart by colour alone.
  dl->AddRect(bb.Min, bb.Max, rgba(kind == ButtonKind::selected ? theme_.text : Rgb{0x5A, 0x6B, 0x80}),
              rounding, 0, kind == ButtonKind::selected ? 6.0f : 2.0f);
  if (pressed) {
    flash_name_ = name;
    flash_until_ = now_ms_ + 250;
    tapped_ = true;
  }
  if (flash_name_ == name && now_ms_ < flash_until_)
    dl->AddRect(ImVec2(bb.Min.x - 6, bb.Min.y - 6), ImVec2(bb.Max.x + 6, bb.Max.y + 6),
                rgba(theme_.selected), rounding + 4, 0, 10.0f);

  // Label: the largest of large/body that fits, wrapped if needed. A second part after '\n'
  // is a smaller explanation under the label.
  std::string lab(label), sub;
  if (auto nl = lab.find('\n'); nl != std::string::npos) {
    sub = lab.substr(nl + 1);
    lab.resize(nl);
  }
  // Labels may be drawn at large, body or title (keys) size, explanations at small.
  note(lab, kind == ButtonKind::key ? FontSize::title : FontSize::large);
  fonts_.need(lab, FontSize::body);
  if (!sub.empty()) fonts_.need(sub, FontSize::small);
  FontSize fs = kind == ButtonKind::key ? FontSize::title : FontSize::large;
  ImFont* fnt = font(fs);
  float px = fnt ? fnt->FontSize : 40;
  ImVec2 ts = fnt ? fnt->CalcTextSizeA(px, FLT_MAX, 0, lab.c_str()) : ImVec2(0, 0);
  if (ts.x > size.x - 40 && fs == FontSize::large) {
    fnt = font(FontSize::body);
    px = fnt ? fnt->FontSize : 40;
  }
  ImFont* sfnt = font(FontSize::small);
  float spx = sfnt ? sfnt->FontSize : 30;
  // The text area: the whole button, less the pictogram's place. A tall button (a home tile)
  // has its pictogram above the words, a row button at the left of them; the words stay
  // (pictures help, words remain).
  ImVec2 tmin = bb.Min, tmax = bb.Max;
  const Pictograms::Picture* pic = pictograms_ && pictogram ? pictograms_->find(pictogram) : nullptr;
  if (pic) {
    const float aspect = static_cast<float>(pic->w) / static_cast<float>(std::max(1, pic->h));
    if (size.y >= 250) {
      const float ph = std::min(size.y * 0.38f, 136.0f), pw = ph * aspect;
      const ImVec2 at(bb.Min.x + (size.x - pw) / 2, bb.Min.y + 20);
      dl->AddImage(pic->texture, at, ImVec2(at.x + pw, at.y + ph), ImVec2(0, 0), ImVec2(1, 1),
                   enabled ? IM_COL32_WHITE : IM_COL32(255, 255, 255, 110));
      tmin.y = at.y + ph;
    } else {
      const float ph = std::min(size.y - 36, 112.0f), pw = ph * aspect;
      const ImVec2 at(bb.Min.x + 16, bb.Min.y + (size.y - ph) / 2);
      dl->AddImage(pic->texture, at, ImVec2(at.x + pw, at.y + ph), ImVec2(0, 0), ImVec2(1, 1),
                   enabled ? IM_COL32_WHITE : IM_COL32(255, 255, 255, 110));
      // The words keep the button's centre when there is room, else start after the picture.
      tmin.x = at.x + pw + 8;
      tmax.x = bb.Max.x - (tmin.x - bb.Min.x);
      if (fnt && fnt->CalcTextSizeA(px, FLT_MAX, 0, lab.c_str()).x > tmax.x - tmin.x - 20) tmax.x = bb.Max.x;
    }
    pictograms_drawn_.push_back({pictogram, name});
  }
  const float text_w = tmax.x - tmin.x, text_h = tmax.y - tmin.y;
  const float slack = pic && size.y < 250 ? 20 : 40;  // beside a picture the words may come closer to the edge
  if (pic && fs == FontSize::large && fnt && fnt->CalcTextSizeA(px, FLT_MAX, 0, lab.c_str()).x > text_w - slack) {
    fnt = font(FontSize::body);
    px = fnt ? fnt->FontSize : 40;
  }
  if (fnt) {
    auto lines = wrap_lines(fnt, px, lab, text_w - slack);
    std::vector<std::string> sublines;
    if (!sub.empty() && sfnt) sublines = wrap_lines(sfnt, spx, sub, text_w - slack);
    float total = static_cast<float>(lines.size()) * px * 1.15f + static_cast<float>(sublines.size()) * spx * 1.25f;
    float y = tmin.y + (text_h - total) / 2;
    for (auto& l : lines) {
      float lw = fnt->CalcTextSizeA(px, FLT_MAX, 0, l.c_str()).x;
      dl->AddText(fnt, px, ImVec2(tmin.x + (text_w - lw) / 2, y), rgba(fg), l.c_str());
      record_line(l, px, ImVec2(tmin.x + (text_w - lw) / 2, y), lw);
      y += px * 1.15f;
    }
    for (auto& l : sublines) {
      float lw = sfnt->CalcTextSizeA(spx, FLT_MAX, 0, l.c_str()).x;
      dl->AddText(sfnt, spx, ImVec2(tmin.x + (text_w - lw) / 2, y + spx * 0.15f), rgba(fg), l.c_str());
      record_line(l, spx, ImVec2(tmin.x + (text_w - lw) / 2, y + spx * 0.15f), lw);
      y += spx * 1.25f;
    }
  }
  return pressed;
}

int Ui::button_row(const std::vector<std::pair<std::string, std::string>>& name_label,
                   int selected, float height) {
  int hit = -1;
  float avail = ImGui::GetContentRegionAvail().x;
  float gap = theme_.gap;
  auto n = static_cast<float>(name_label.size());
  float w = (avail - gap * (n - 1)) / n;
  for (size_t i = 0; i < name_label.size(); ++i) {
    if (i) ImGui::SameLine(0, gap);
    auto kind = static_cast<int>(i) == selected ? ButtonKind::selected : ButtonKind::secondary;
    std::string label = name_label[i].second;
    if (static_cast<int>(i) == selected) label = "✓ " + label;
    if (button(name_label[i].first.c_str(), label, kind, w, height)) hit = static_cast<int>(i);
  }
  return hit;
}

void Ui::begin_scroll(const char* name, float height) {
  ImGui::BeginChild(name, ImVec2(0, height), false, ImGuiWindowFlags_None);
  // Drag to scroll: ImGui only scrolls with a wheel. A finger dragging anywhere in the region
  // (also when it started on a button) moves the content.
  ImGuiIO& io = ImGui::GetIO();
  if (!ink_last_frame_ && ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                             ImGuiHoveredFlags_ChildWindows) &&
      ImGui::IsMouseDragging(ImGuiMouseButton_Left, kTapSlopPx / 2))
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void Ui::end_scroll() { ImGui::EndChild(); }

void Ui::spacing(float px) { ImGui::Dummy(ImVec2(0, px)); }

}  // namespace jiuzhu::kiosk
