// PinyinEngine: Chinese by pinyin, a thin wrapper over librime (Debian's librime with the
// rime-data-pinyin-simp dictionary) for the kiosk's on-screen pinyin board.
//
// Letters go in one at a time (type), candidates come out best first (candidates), choosing
// one commits its text (choose) — or, when it covers only the first syllables ("nihao" → 你),
// keeps composing the rest, as every pinyin IME does.
//
// Deployment happens once, not per session: open() copies the kiosk's schema
// (assets/kiosk/rime/jiuzhu_pinyin.schema.yaml: no user dictionary, so nothing a resident types
// is learned or stored) into the cache directory and runs Rime's deployer only when the
// compiled schema there is missing or older than the shipped one (≈ 40 ms and ≈ 11 MB peak
// with the prebuilt dictionary; later starts skip it). The dictionary is memory-mapped by
// Rime; an open engine adds ≈ 3–5 MB RSS.
//
// Rime is a process-wide singleton: at most one PinyinEngine is open at a time.
// Thread-safety: open() may run on a worker thread; after it returns, one thread at a time
// (the UI) uses the engine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace jiuzhu::kiosk {

class PinyinEngine {
 public:
  PinyinEngine() = default;
  ~PinyinEngine();
  PinyinEngine(const PinyinEngine&) = delete;
  PinyinEngine& operator=(const PinyinEngine&) = delete;

  // Starts Rime with `schema_file` deployed into `cache_dir` (created if missing) and opens a
  // session. Blocking: tens of ms, more on a first deployment. Errors: pinyin_unavailable.
  Status open(const std::string& schema_file, const std::string& cache_dir);
  bool is_open() const { return session_ != 0; }
  // True when open() ran Rime's deployer (the cache was missing or stale).
  bool deployed() const { return deployed_; }

  // Adds one letter a–z (anything else is ignored and returns false).
  bool type(char letter);
  // Removes the last letter.
  void backspace();
  // Drops the letters being composed.
  void clear();
  // The composition as shown ("ni hao"), empty when nothing is being composed.
  std::string preedit() const;
  // Up to `n` candidates, best first, from the `from`-th on.
  std::vector<std::string> candidates(size_t n, size_t from = 0) const;
  // Chooses candidate `index` (as numbered by candidates(n, 0)); returns the committed text,
  // or "" when letters remain to be composed (then preedit() and candidates() go on).
  std::string choose(size_t index);

 private:
  uintptr_t session_ = 0;
  bool deployed_ = false;
};

}  // namespace jiuzhu::kiosk
