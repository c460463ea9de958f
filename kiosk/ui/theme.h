// Look and size of the kiosk: the normal and the 长辈模式 (elderly) theme.
//
// Sizes are pixels on the 1080×1920 portrait panel (about 102 px per inch on a 21.5" screen).
// Font sizes are ImGui line heights: a Chinese glyph's ink is about 65 % of them (measured by
// deploy/measure-screenshots; docs/kiosk.md lists the measured heights). The elderly theme
// follows the MIIT 适老化 rules with margin: the smallest text (small, 44 px) measures 29 px of
// ink ≈ 20.5 pt ≥ 18 pt; labels (large, 72 px) 46 px ≈ 32.5 pt ≥ 30 pt; targets ≥ 60 pt ≈ 85 px
// (buttons 170 px tall); contrast ≥ 4.5:1 for every text/background pair (checked by a unit
// test with the WCAG formula). Nothing in the elderly theme is smaller than in the normal one
// (screens re-lay out instead: keypad_grid, the home tiles). The resident can step the text
// size up and down (text_step).
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>

namespace jiuzhu::kiosk {

struct Rgb {
  uint8_t r, g, b;
};

struct Theme {
  bool elderly = false;
  int text_step = 0;        // -1, 0, +1, +2: the resident's size choice in elderly mode
  // Font pixel sizes.
  float small = 32, body = 40, large = 52, title = 64, huge = 96;
  // Target sizes.
  float button_h = 130, key_h = 150, margin = 40, gap = 24;
  // Colours (all pairs below are contrast-checked).
  Rgb bg{0xFF, 0xFF, 0xFF};
  Rgb text{0x1A, 0x1A, 0x1A};
  Rgb muted{0x4A, 0x4A, 0x4A};       // secondary text, still ≥ 4.5:1 on bg
  Rgb primary{0x0B, 0x4F, 0x9C};     // primary buttons; white text on it
  Rgb primary_text{0xFF, 0xFF, 0xFF};
  Rgb primary_pressed{0x07, 0x33, 0x66};
  Rgb secondary{0xE3, 0xEB, 0xF5};   // secondary buttons; `text` on it
  Rgb secondary_pressed{0xB8, 0xC9, 0xE0};
  Rgb danger{0xA3, 0x1A, 0x1A};      // warnings: always with words, never colour alone
  Rgb ok{0x1B, 0x5E, 0x20};
  Rgb bar{0xF2, 0xF2, 0xF2};         // top and bottom bars
  Rgb selected{0xFF, 0xE0, 0x82};    // chosen answer: yellow plus a ✓ mark in words
};

// The theme for a mode and text step (step clamped to -1..+2; only elderly mode uses it).
Theme make_theme(bool elderly, int text_step);

// WCAG 2.x contrast ratio (1..21).
double contrast_ratio(Rgb a, Rgb b);

}  // namespace jiuzhu::kiosk
