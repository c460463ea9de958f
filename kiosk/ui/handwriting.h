// The handwriting board: the resident writes one 汉字 with a finger; zinnia (the Tegaki
// Simplified Chinese model from Debian) proposes candidates shown as big buttons; a tap on a
// candidate appends it to the text. This is the kiosk's Chinese input method: for names,
// addresses and "your situation in your own words" when the quick phrases do not fit.
//
// The model file (26 MB, mapped by zinnia and touched whole when it is opened, so all of it
// counts towards RSS) is loaded only when a board is first drawn in a session, on a worker
// thread (7–25 ms) so the frame is not delayed — until it is ready the board says so instead
// of pretending to recognise — and unloaded when the session is wiped: the attract screen
// and the sessions that never write do not carry it.
//
// Thread-safety: draw() and the stroke state are UI-thread only; the loader thread only
// writes the recognizer pointer before publishing `ready_` (release/acquire).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/ui/ink_gesture.h"
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

  // The model to load when a board is first drawn (nothing is loaded yet).
  void set_model(const std::string& model_path) { model_path_ = model_path; }
  // Starts loading the model in the background unless it is loaded or loading.
  void load_async();
  // Releases the model (joins a load in progress: at most a few tens of ms). draw() loads it
  // again when needed.
  void unload();
  bool ready() const { return ready_.load(std::memory_order_acquire); }
  // A load is under way (the board will change when it ends).
  bool loading() const { return loader_.joinable() && !ready() && !failed_.load(); }

  // Recognises strokes given in board coordinates (each stroke a list of points, board
  // size w×h); returns up to n candidates, best first. Empty when not ready.
  std::vector<std::string> classify(const std::vector<std::vector<std::pair<int, int>>>& strokes,
                                    int w, int h, size_t n) const;

  // Draws the board, its candidates and 清除/退格 keys; appends chosen characters to
  // `text` (at most max_chars characters). A press that is a scroll gesture (ink_gesture.h:
  // two fingers, or a vertical flick) leaves no ink; a writing press keeps the page still.
  // `text` (at most max_chars characters). Names: "<prefix>.hw.cand.<i>", "<prefix>.hw.clear",
  // "<prefix>.hw.del"; the board itself is "<prefix>.hw.board" (for --script "stroke").
  void draw(Ui& ui, std::string& text, size_t max_chars, const char* prefix);

  // Forgets strokes and candidates (session wipe).
  void reset();

 private:
  std::string model_path_;
  std::thread loader_;
  std::unique_ptr<zinnia::Recognizer> recognizer_;
  std::atomic<bool> ready_{false};
  std::atomic<bool> failed_{false};
  std::vector<std::vector<std::pair<int, int>>> strokes_;
  std::vector<std::string> candidates_;
  // The press under way: its samples until classify_press (ink_gesture.h) decides.
  std::vector<PressSample> press_;
  bool pressing_ = false;
  InkDecision decision_ = InkDecision::undecided;
};

}  // namespace jiuzhu::kiosk
