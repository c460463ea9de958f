// Ui: the per-frame drawing context every screen uses, and the kiosk's widgets on top of
// Dear ImGui (immediate mode: screens call these each frame as a function of their state).
//
// What it adds to ImGui for a touchscreen used by elderly residents:
//  - big buttons with visible feedback on every tap (pressed colour, then a short flash);
//  - taps that turn into drags are not clicks (a scrolling finger never presses a button);
//  - drag-to-scroll in scroll regions (ImGui has wheel scrolling only);
//  - every text passes through the font atlas (need()) so missing glyphs are added;
//  - a registry of the named controls and the texts drawn this frame, which --script uses
//    to tap a control by name and to check that a text is on screen.
//
// Thread-safety: UI thread only.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/text/strings.h"
#include "kiosk/ui/fonts.h"
#include "kiosk/ui/pictograms.h"
#include "kiosk/ui/theme.h"

namespace jiuzhu::kiosk {

enum class ButtonKind { primary, secondary, selected, danger, key };

// What the focused input accepts (keypad modes, or free text from the handwriting board).
enum class KeyMode { id_number, digits, money, text };

// The input that --script "type" writes into this frame.
struct Focus {
  std::string* target = nullptr;
  KeyMode mode = KeyMode::text;
  size_t max_len = 0;
};

struct Control {
  std::string name;
  ImVec2 min, max;
  bool enabled = true;
  bool clipped = false;  // partly hidden by a scroll region's edge (min/max are the visible part)
};

// One line of text as drawn this frame (visible part only), for the screenshot measurements.
struct TextDraw {
  std::string text;
  float px = 0;  // the font size (line height)
  ImVec2 min, max;
};

class Ui {
 public:
  Ui(const Strings& strings, FontAtlas& fonts) : strings_(strings), fonts_(fonts) {}

  void set_theme(const Theme& t);
  // The pictures buttons may carry (null: none). Not owned; must outlive the Ui's frames.
  void set_pictograms(const Pictograms* p) { pictograms_ = p; }
  // The pictograms drawn this frame: (picture, control name), for the screenshot records.
  const std::vector<std::pair<std::string, std::string>>& pictograms_drawn() const { return pictograms_drawn_; }
  const Theme& theme() const { return theme_; }
  const Strings& strings() const { return strings_; }
  FontAtlas& fonts() { return fonts_; }

  // Clears the per-frame registries; `now_ms` drives the tap flash.
  void begin_frame(double now_ms);

  // The string for a key (strings file), and registered for the glyph set.
  const std::string& s(const std::string& key);
  std::string f(const std::string& key, const std::vector<std::string>& args);

  // Text at the cursor, wrapped to the available width. Chinese wraps between characters.
  void text(std::string_view t, FontSize size = FontSize::body, bool muted = false);
  void text_colored(std::string_view t, FontSize size, Rgb colour);
  void text_centered(std::string_view t, FontSize size);
  // A label and a value on one line (the value bold-large), for review screens.
  void field(std::string_view label, std::string_view value);

  // A big button. `name` identifies it to --script ("home.apply"); width ≤ 0 fills the row.
  // `pictogram` names a picture (kiosk/ui/pictograms.h) drawn beside the label — above it on a
  // tall tile, at its left on a row button; unknown or absent pictures leave the label alone.
  // Returns true on a tap (press and release on it without dragging). Held ≥ 0.7 s, the
  // label is read aloud and the release does not choose it (kiosk/ui/press_hold.h).
  bool button(const char* name, std::string_view label, ButtonKind kind = ButtonKind::primary,
              float width = 0, float height = 0, bool enabled = true, const char* pictogram = nullptr);
  // A row of `n` equal buttons: returns the index tapped or -1.
  int button_row(const std::vector<std::pair<std::string, std::string>>& name_label,
                 int selected = -1, float height = 0);

  // Scroll region filling `height` px (0: down to the bottom bar); drag to scroll.
  void begin_scroll(const char* name, float height = 0);
  void end_scroll();

  void spacing(float px);
  // Registers a control drawn by other means (the handwriting board) for --script.
  void register_control(const std::string& name, ImVec2 min, ImVec2 max) { controls_.push_back({name, min, max, true, false}); }

  // Registry, read by --script after the frame.
  const std::vector<Control>& controls() const { return controls_; }
  const std::vector<std::string>& texts() const { return texts_; }
  const std::vector<TextDraw>& text_draws() const { return text_draws_; }
  // A tap anywhere this frame (for the idle timer and speech).
  bool tapped() const { return tapped_; }
  double now_ms() const { return now_ms_; }

  // Fingers on the screen now (from SDL's touch events; the mouse and --script count as one).
  void set_fingers(int n) { fingers_ = n; }
  int fingers() const { return fingers_; }
  // The handwriting board holds the press as ink (or may still): scroll regions do not move
  // under a writing finger. Set by the board each frame; scroll regions read last frame's.
  void hold_ink_press() { ink_now_ = true; }

  ImFont* font(FontSize s) const { return fonts_.font(s); }

  // Voice guidance. The screen's prompt is what it says when it opens and on 重听: a screen
  // with sub-steps (one question at a time) sets the current question; unset, the app uses the
  // screen's speak.<screen> string. say() reads something aloud now (a key as it is typed).
  void set_prompt(std::string text) { prompt_ = std::move(text); }
  const std::string& prompt() const { return prompt_; }
  void say(std::string text) { spoken_.push_back(std::move(text)); }
  // Touch-and-hold reads a button's words (kiosk/ui/press_hold.h); off in quiet mode, where
  // every release on a button chooses it.
  void set_read_aloud(bool on) { read_aloud_ = on; }
  const std::vector<std::string>& spoken() const { return spoken_; }

  void set_focus(std::string* target, KeyMode mode, size_t max_len) { focus_ = {target, mode, max_len}; }
  const Focus& focus() const { return focus_; }
  // The y (screen pixels) where the bottom bar starts: layouts that must not scroll (the
  // keypad) size themselves to end above it.
  void set_content_bottom(float y) { content_bottom_ = y; }
  float content_bottom() const { return content_bottom_; }

 private:
  void note(std::string_view t, FontSize size);
  // Records a drawn line (clipped to the current window's clip rectangle).
  void record_line(const std::string& line, float px, ImVec2 min, float width);
  const Strings& strings_;
  FontAtlas& fonts_;
  Theme theme_;
  std::vector<Control> controls_;
  std::vector<std::string> texts_;
  std::vector<TextDraw> text_draws_;
  double now_ms_ = 0;
  std::string flash_name_;
  double flash_until_ = 0;
  bool tapped_ = false;
  Focus focus_;
  std::string prompt_;
  std::vector<std::string> spoken_;
  float content_bottom_ = 1920;
  int fingers_ = 1;
  bool ink_now_ = false, ink_last_frame_ = false;
  const Pictograms* pictograms_ = nullptr;
  // The press being held on a button: its id, when it started, whether its label was read.
  ImGuiID hold_id_ = 0;
  double hold_start_ms_ = 0, hold_last_ms_ = 0;
  bool hold_spoken_ = false;
  bool read_aloud_ = true;
  std::vector<std::pair<std::string, std::string>> pictograms_drawn_;
};

ImU32 rgba(Rgb c, float alpha = 1.0f);

}  // namespace jiuzhu::kiosk
