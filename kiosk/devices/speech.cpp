#include "kiosk/devices/speech.h"

#include <SDL.h>

#include "peripherals/speech/espeak_speaker.h"

namespace jiuzhu::kiosk {

SpeechWorker::SpeechWorker() = default;

SpeechWorker::~SpeechWorker() {
  {
    std::lock_guard lock(mu_);
    quit_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (device_) SDL_CloseAudioDevice(device_);
}

void SpeechWorker::start(bool audio) {
  speech::EspeakOptions opt;
  opt.enabled = true;  // the kiosk decides when to speak (set_enabled)
  opt.cache_entries = 512;  // every prompt, question, answer and digit of the UI stays cached
  speaker_ = std::make_unique<speech::EspeakSpeaker>(opt);
  if (audio && SDL_WasInit(SDL_INIT_AUDIO)) {
    SDL_AudioSpec want{}, have{};
    want.freq = 22050;  // espeak-ng's rate; SDL converts if the device differs
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 2048;
    device_ = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);
    if (device_) SDL_PauseAudioDevice(device_, 0);
  }
  state_ = device_ ? "ready" : "no_audio_device";
  thread_ = std::thread([this] { loop(); });
}

void SpeechWorker::set_enabled(bool on) { enabled_ = on; }

void SpeechWorker::say(const std::string& text) {
  if (!enabled_ || text.empty()) return;
  {
    std::lock_guard lock(mu_);
    pending_ = text;
    pending_since_ = std::chrono::steady_clock::now();
  }
  cv_.notify_all();
}

void SpeechWorker::prewarm(const std::vector<std::string>& sentences) {
  {
    std::lock_guard lock(mu_);
    for (const auto& s : sentences)
      if (!s.empty()) prewarm_.push_back(s);
  }
  cv_.notify_all();
}

std::vector<double> SpeechWorker::latencies_ms() const {
  std::lock_guard lock(mu_);
  return latencies_;
}

std::string SpeechWorker::state() const { return state_; }

void SpeechWorker::loop() {
  while (true) {
    std::string text;
    bool warm_only = false;
    std::chrono::steady_clock::time_point asked;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return quit_ || !pending_.empty() || !prewarm_.empty(); });
      if (quit_) return;
      if (!pending_.empty()) {
        text.swap(pending_);
        asked = pending_since_;
      } else {
        text = std::move(prewarm_.front());
        prewarm_.pop_front();
        warm_only = true;
      }
    }
    auto pcm = speaker_->synthesize(text);
    if (warm_only || !pcm || pcm->samples.empty()) continue;
    ++spoken_;
    if (device_) {
      SDL_ClearQueuedAudio(device_);
      SDL_QueueAudio(device_, pcm->samples.data(), static_cast<Uint32>(pcm->samples.size() * sizeof(int16_t)));
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - asked).count();
    std::lock_guard lock(mu_);
    if (latencies_.size() < 10000) latencies_.push_back(ms);
  }
}

}  // namespace jiuzhu::kiosk
