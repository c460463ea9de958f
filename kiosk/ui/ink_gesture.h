// Whether a press on the handwriting board is writing (ink) or a scroll gesture.
//
// The board sits inside scroll regions (the situation and name screens scroll in 长辈模式), and
// a resident who drags to scroll there must not leave ink on the board, nor should the page
// move under a finger that writes. One press is classified from its samples so far:
//  - two or more fingers at any moment: scroll (nobody writes with two fingers);
//  - a fast, mostly vertical start — at least kFlickPx vertically, at least twice the
//    horizontal travel, faster than kFlickPxPerMs, within the first kDecideMs — or leaving
//    the board above or below by more than kLeavePx before ink was decided: scroll;
//  - otherwise, once the press has lasted kDecideMs or travelled kFlickPx: ink. A slow
//    vertical stroke (丨) is ink: writing is slower than a flick.
//  - released while still undecided (a dot, 丶): ink.
// The decision is sticky: a press decided ink stays ink, scroll stays scroll. Pure; the
// board buffers the samples until the decision and then inks them or drops them.
//
// Thread-safety: plain values and a pure function.
#pragma once

#include <vector>

namespace jiuzhu::kiosk {

enum class InkDecision { undecided, ink, scroll };

struct PressSample {
  float x = 0, y = 0;  // board coordinates (0..side)
  double t_ms = 0;     // since any fixed origin
  int fingers = 1;     // fingers on the screen at this sample
};

inline constexpr double kDecideMs = 150;
inline constexpr float kFlickPx = 90;
inline constexpr float kFlickPxPerMs = 1.5f;
inline constexpr float kLeavePx = 40;

// The decision for a press with these samples (the first is the press), on a board `side` px
// high. `released`: the finger has lifted (an undecided press becomes ink).
InkDecision classify_press(const std::vector<PressSample>& samples, float side, bool released);

}  // namespace jiuzhu::kiosk
