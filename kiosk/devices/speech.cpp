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
  }
  cv_.notify_all();
}

std::string SpeechWorker::state() const { return state_; }

void SpeechWorker::loop() {
  while (true) {
    std::string text;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return quit_ || !pending_.empty(); });
      if (quit_) return;
      text.swap(pending_);
    }
    auto pcm = speaker_->synthesize(text);
    if (!pcm || pcm->samples.empty()) continue;
    ++spoken_;
    if (device_) {
      SDL_ClearQueuedAudio(device_);
      SDL_QueueAudio(device_, pcm->samples.data(), static_cast<Uint32>(pcm->samples.size() * sizeof(int16_t)));
    }
  }
}

}  // namespace jiuzhu::kiosk
