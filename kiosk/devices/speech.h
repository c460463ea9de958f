// Spoken prompts: a worker thread turns sentences into PCM with peripherals/speech (espeak-ng,
// Mandarin) and queues them to an SDL audio device. A new prompt replaces the one playing
// (the resident moved on). Without an audio device (Xvfb, a kiosk with the speaker
// unplugged) prompts are synthesised for nothing: say() returns, playback is skipped, and
// state() says "no_audio_device" for the staff screen.
//
// Thread-safety: say()/set_enabled() from the UI thread; the worker owns the engine.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

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
  std::string state() const;
  int spoken() const { return spoken_; }

 private:
  void loop();
  std::unique_ptr<speech::Speaker> speaker_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::string pending_;
  bool quit_ = false;
  std::atomic<bool> enabled_{false};
  std::atomic<int> spoken_{0};
  uint32_t device_ = 0;
  std::string state_ = "off";
};

}  // namespace jiuzhu::kiosk
