// The handwriting board: the resident writes one 汉字 with a finger; zinnia (the Tegaki
// Simplified Chinese model from Debian) proposes candidates shown as big buttons; a tap on a
// candidate appends it to the text. This is the kiosk's Chinese input method: for names,
// addresses and "your situation in your own words" when the quick phrases do not fit.
//
// The model (≈ 10 MB) is loaded on a worker thread at start-up so the first screen is not
// delayed; until it is ready the board says so instead of pretending to recognise.
//
// Thread-safety: draw() and the stroke state are UI-thread only; the loader thread only
// writes the recognizer pointer before publishing `ready_` (release/acquire).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/ui/ui.h"

namespace zinnia {
class Recognizer;
}

namespace jiuzhu::kiosk {

class HandwritingBoard {
 public:
  HandwritingBoard();
  ~HandwritingBoard();
  HandwritingBoard(const HandwritingBoard&) = delete;
  HandwritingBoard& operator=(const HandwritingBoard&) = delete;

  // Starts loading the model in the background.
  void load_async(const std::string& model_path);
  bool ready() const { return ready_.load(std::memory_order_acquire); }

  // Recognises strokes given in board coordinates (each stroke a list of points, board
  // size w×h); returns up to n candidates, best first. Empty when not ready.
  std::vector<std::string> classify(const std::vector<std::vector<std::pair<int, int>>>& strokes,
                                    int w, int h, size_t n) const;

  // Draws the board, its candidates and 清除/退格 keys; appends chosen characters to
  // `text` (at most max_chars characters). Names: "<prefix>.hw.cand.<i>", "<prefix>.hw.clear",
  // "<prefix>.hw.del"; the board itself is "<prefix>.hw.board" (for --script "stroke").
  void draw(Ui& ui, std::string& text, size_t max_chars, const char* prefix);

  // Forgets strokes and candidates (session wipe).
  void reset();

 private:
  std::thread loader_;
  std::unique_ptr<zinnia::Recognizer> recognizer_;
  std::atomic<bool> ready_{false};
  std::atomic<bool> failed_{false};
  std::vector<std::vector<std::pair<int, int>>> strokes_;
  std::vector<std::string> candidates_;
  bool drawing_ = false;
};

}  // namespace jiuzhu::kiosk
