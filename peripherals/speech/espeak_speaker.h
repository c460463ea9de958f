// EspeakSpeaker: Speaker on libespeak-ng (the Debian package's Mandarin voice "cmn").
//
// espeak-ng is initialised once per process in AUDIO_OUTPUT_SYNCHRONOUS mode with a synthesis
// callback that appends samples to the current request's buffer; its global state is guarded
// by one process-wide mutex, so several EspeakSpeakers may coexist. Results are cached per
// (voice, rate, sentence) in a bounded LRU in memory, before volume is applied, so changing the
// volume never re-synthesises.
//
// Thread-safety: all methods are safe from any thread.
#pragma once

#include <atomic>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "peripherals/speech/speaker.h"

namespace jiuzhu::speech {

struct EspeakOptions {
  std::string voice = "cmn";   // Mandarin; "yue" for Cantonese
  int rate = 150;              // words per minute (espeak-ng: 80–450); slower than 175 for elders
  int volume = 80;             // percent, see Speaker::set_volume
  bool enabled = false;        // off by default: staff mode
  std::size_t cache_entries = 64;
  std::size_t max_text_bytes = 1024;  // longer prompts are refused, not cut
};

class EspeakSpeaker final : public Speaker {
 public:
  explicit EspeakSpeaker(EspeakOptions options = {});

  Result<Pcm> synthesize(std::string_view utf8) override;
  void set_enabled(bool on) override { enabled_ = on; }
  bool enabled() const override { return enabled_; }
  void set_volume(int percent) override;
  int volume() const override { return volume_; }

  std::size_t cache_size() const;
  std::uint64_t cache_hits() const { return hits_; }

 private:
  Result<std::shared_ptr<const Pcm>> cached_or_synthesised(const std::string& text);

  EspeakOptions options_;
  std::atomic<bool> enabled_;
  std::atomic<int> volume_;
  std::atomic<std::uint64_t> hits_{0};
  mutable std::mutex cache_mu_;
  std::list<std::string> lru_;  // most recent first
  struct Entry {
    std::shared_ptr<const Pcm> pcm;
    std::list<std::string>::iterator pos;
  };
  std::unordered_map<std::string, Entry> cache_;
};

}  // namespace jiuzhu::speech
