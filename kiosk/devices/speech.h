// Spoken prompts: a worker thread turns sentences into PCM with peripherals/speech (espeak-ng,
// Mandarin) and queues them to an SDL audio device. A new prompt replaces the one playing
// (the resident moved on). Without an audio device (Xvfb, a kiosk with the speaker
// unplugged) prompts are synthesised for nothing: say() returns, playback is skipped, and
// state() says "no_audio_device" for the staff screen.
//
// Prompts start fast because they are synthesised before anyone asks: prewarm() hands the
// worker every prompt sentence at start, which it synthesises into the speaker's cache while
// idle; say() of a cached sentence only copies its samples to the device. The time from say()
// to the samples being queued (or dropped, without a device) is recorded per prompt
// (latencies_ms(), for --stats: the target is ≤ 300 ms).
//
// Thread-safety: say()/set_enabled()/prewarm() from the UI thread; the worker owns the engine.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace jiuzhu::speech {
class Speaker;
}

namespace jiuzhu::kiosk {

class SpeechWorker {
 public:
  SpeechWorker();
  ~SpeechWorker();
  // Opens the audio device (SDL audio must be initialised by the caller, or it is skipped).
  void start(bool audio);
  void set_enabled(bool on);
  bool enabled() const { return enabled_; }
  void say(const std::string& text);
  // Synthesises these sentences into the cache while nothing else is asked.
  void prewarm(const std::vector<std::string>& sentences);
  // Milliseconds from say() to the samples queued, one per spoken prompt (oldest first).
  std::vector<double> latencies_ms() const;
  std::string state() const;
  int spoken() const { return spoken_; }

 private:
  void loop();
  std::unique_ptr<speech::Speaker> speaker_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string pending_;
  std::chrono::steady_clock::time_point pending_since_;
  std::deque<std::string> prewarm_;
  std::vector<double> latencies_;
  bool quit_ = false;
  std::atomic<bool> enabled_{false};
  std::atomic<int> spoken_{0};
  uint32_t device_ = 0;
  std::string state_ = "off";
};

}  // namespace jiuzhu::kiosk
