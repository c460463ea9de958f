// Touch-and-hold to hear a choice: what a press on a button does, decided from how long it
// has been held.
//
// A resident who cannot read presses a button and keeps the finger on it: after kReadAloudMs
// the kiosk reads the button's words aloud, once. Lifting the finger after the words were
// read (or after kReadAloudMs, should no frame have fallen in between) does NOT choose the
// button: the resident listens first and then taps what they want. A tap shorter than
// kReadAloudMs chooses the button as always. A press that travelled (a scrolling finger) is
// neither read nor chosen. With reading aloud off (quiet mode for staff) every release on the
// button chooses it, however long it was held.
//
// Pure; the UI (Ui::button) keeps the press's start time per active control and carries out
// the outcome. spoken_label() is the sentence said for a button's label.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <string>
#include <string_view>

namespace jiuzhu::kiosk {

inline constexpr double kReadAloudMs = 700;

enum class PressOutcome {
  waiting,      // still held, nothing to do yet (or already read)
  speak_label,  // read the label aloud now (once per press)
  activate,     // released: the button is chosen
  ignore,       // released: not chosen (it was read aloud, or the finger travelled)
};

struct Press {
  double held_ms = 0;          // since the finger went down on the button
  bool released = false;       // the finger lifted on the button this frame
  bool already_spoken = false; // the label was read during this press
  bool travelled = false;      // the finger moved beyond the tap slop (a scroll)
  bool read_aloud = true;      // reading aloud is on (off: quiet mode)
};

PressOutcome press_outcome(const Press& p);

// The sentence read for a button label: the label's lines joined with "，", a leading "✓ "
// (selected) said as "已选，", and any run of 15 or more digits/X/* (an ID number, whole or
// masked) said only as "身份证号尾号" and its last four — never the whole number.
std::string spoken_label(std::string_view label);

}  // namespace jiuzhu::kiosk
