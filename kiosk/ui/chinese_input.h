// ChineseInput: the kiosk's Chinese text entry — a 手写 | 拼音 switch over the handwriting board
// (zinnia) and the pinyin board (librime). Screens that take a name, an address or the
// resident's own words draw it where they would draw one board; the choice of method lasts
// for the session. Most fields come from the ID card, so this is the rare case.
//
// Thread-safety: UI thread only (each board owns its loader thread).
#pragma once

#include <string>

#include "kiosk/ui/handwriting.h"
#include "kiosk/ui/pinyin_board.h"
#include "kiosk/ui/ui.h"

namespace jiuzhu::kiosk {

class ChineseInput {
 public:
  HandwritingBoard& handwriting() { return hw_; }
  PinyinBoard& pinyin() { return py_; }
  bool pinyin_mode() const { return pinyin_; }

  // The method switch ("<prefix>.mode.hw", "<prefix>.mode.pinyin") and the chosen board (its
  // controls named as in HandwritingBoard::draw and PinyinBoard::draw).
  void draw(Ui& ui, std::string& text, size_t max_chars, const char* prefix);
  // Strokes, candidates and letters being composed are dropped (screen change).
  void reset();
  // Session end: reset, the handwriting model unloaded, handwriting chosen again.
  void wipe();
  // A board is loading (the screen will change when it is ready).
  bool loading() const { return hw_.loading() || py_.loading(); }

 private:
  HandwritingBoard hw_;
  PinyinBoard py_;
  bool pinyin_ = false;
};

}  // namespace jiuzhu::kiosk
