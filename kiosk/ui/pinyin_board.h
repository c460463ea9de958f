// The pinyin board: big letter keys in alphabetical order (the order of the 汉语拼音字母表 that
// elders learned; 7 a row, each key wider than a QWERTY key could be on this panel), the
// composition as typed ("ni hao"), and 8 candidates as big buttons; a tap on a candidate
// appends it to the text. The Chinese input method next to handwriting, for residents who
// know pinyin better than they write (kiosk/text/pinyin_engine.h does the conversion).
//
// The engine is opened on a worker thread the first time a board is drawn (tens of ms; the
// first deployment into the cache directory a little more); until then the board says so.
// It stays open for the life of the process (≈ 3–5 MB); the composition is dropped with
// every session (reset).
//
// Thread-safety: UI thread only, except the loader thread, which opens the engine before
// publishing `ready_` (release/acquire).
#pragma once

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/text/pinyin_engine.h"
#include "kiosk/ui/ui.h"

namespace jiuzhu::kiosk {

class PinyinBoard {
 public:
  PinyinBoard() = default;
  ~PinyinBoard();
  PinyinBoard(const PinyinBoard&) = delete;
  PinyinBoard& operator=(const PinyinBoard&) = delete;

  // Where the schema is and where its compiled form is cached (nothing is opened yet).
  void set_paths(const std::string& schema_file, const std::string& cache_dir);
  void load_async();
  bool ready() const { return ready_.load(std::memory_order_acquire); }
  bool loading() const { return loader_.joinable() && !ready() && !failed_.load(); }

  // Draws the composition, up to 7 candidates (and 换一批 when there are more) and the keys;
  // appends chosen words to `text` (at most max_chars characters). Names:
  // "<prefix>.py.key.<a-z>", "<prefix>.py.back" (a letter while composing, else the last
  // character), "<prefix>.py.cand.<i>", "<prefix>.py.more".
  void draw(Ui& ui, std::string& text, size_t max_chars, const char* prefix);

  // Drops the letters being composed (session wipe, screen change).
  void reset();

 private:
  void refresh();
  std::string schema_file_, cache_dir_;
  PinyinEngine engine_;
  std::thread loader_;
  std::atomic<bool> ready_{false};
  std::atomic<bool> failed_{false};
  std::string preedit_;
  std::vector<std::string> candidates_;  // the page shown
  size_t page_ = 0;
};

}  // namespace jiuzhu::kiosk
