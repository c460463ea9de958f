#include "peripherals/speech/espeak_speaker.h"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cmath>

namespace jiuzhu::speech {
namespace {

// espeak-ng keeps one global engine; everything that touches it holds this lock.
std::mutex& engine_mutex() {
  static std::mutex mu;
  return mu;
}

int g_sample_rate = 0;           // set once by espeak_Initialize, under engine_mutex()
bool g_initialised = false;

// Receives synthesised samples; user_data of each event is the request's buffer.
int on_samples(short* wav, int count, espeak_EVENT* events) {
  if (wav == nullptr || count <= 0 || events == nullptr) return 0;
  auto* out = static_cast<std::vector<std::int16_t>*>(events->user_data);
  if (out) out->insert(out->end(), wav, wav + count);
  return 0;  // continue
}

// Requires engine_mutex().
bool ensure_engine() {
  if (g_initialised) return g_sample_rate > 0;
  g_initialised = true;
  const int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, nullptr, espeakINITIALIZE_DONT_EXIT);
  if (rate <= 0) return false;
  espeak_SetSynthCallback(&on_samples);
  g_sample_rate = rate;
  return true;
}

}  // namespace

EspeakSpeaker::EspeakSpeaker(EspeakOptions options)
    : options_(std::move(options)), enabled_(options_.enabled), volume_(std::clamp(options_.volume, 0, 100)) {
  options_.cache_entries = std::max<std::size_t>(1, options_.cache_entries);
}

void EspeakSpeaker::set_volume(int percent) { volume_ = std::clamp(percent, 0, 100); }

std::size_t EspeakSpeaker::cache_size() const {
  std::lock_guard lock(cache_mu_);
  return cache_.size();
}

Result<std::shared_ptr<const Pcm>> EspeakSpeaker::cached_or_synthesised(const std::string& text) {
  const std::string key = options_.voice + '\n' + std::to_string(options_.rate) + '\n' + text;
  {
    std::lock_guard lock(cache_mu_);
    if (auto it = cache_.find(key); it != cache_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second.pos);
      ++hits_;
      return it->second.pcm;
    }
  }
  auto pcm = std::make_shared<Pcm>();
  {
    std::lock_guard lock(engine_mutex());
    if (!ensure_engine()) return make_error("speech_unavailable", "语音引擎无法启动");
    if (espeak_SetVoiceByName(options_.voice.c_str()) != EE_OK) {
      return make_error("speech_unavailable", "没有找到语音 " + options_.voice);
    }
    espeak_SetParameter(espeakRATE, std::clamp(options_.rate, espeakRATE_MINIMUM, espeakRATE_MAXIMUM), 0);
    espeak_SetParameter(espeakVOLUME, 100, 0);
    const espeak_ERROR err = espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0,
                                          espeakCHARS_UTF8, nullptr, &pcm->samples);
    if (err != EE_OK) return make_error("speech_failed", "语音合成失败");
    pcm->sample_rate = g_sample_rate;
  }
  if (pcm->samples.empty()) return make_error("speech_failed", "语音合成没有产生声音");
  std::lock_guard lock(cache_mu_);
  if (auto it = cache_.find(key); it != cache_.end()) return it->second.pcm;  // raced: keep one
  lru_.push_front(key);
  cache_[key] = Entry{pcm, lru_.begin()};
  while (cache_.size() > options_.cache_entries) {
    cache_.erase(lru_.back());
    lru_.pop_back();
  }
  return std::shared_ptr<const Pcm>(pcm);
}

Result<Pcm> EspeakSpeaker::synthesize(std::string_view utf8) {
  std::string text(utf8);
  // Trim: whitespace-only prompts are a caller's bug, and blank ends would split cache entries.
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return make_error("speech_empty_text", "没有要朗读的文字");
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  if (text.size() > options_.max_text_bytes) return make_error("speech_failed", "要朗读的文字太长");
  auto raw = cached_or_synthesised(text);
  if (!raw) return raw.error();
  Pcm out{(*raw)->samples, (*raw)->sample_rate};
  const int vol = volume_;
  if (vol != 100) {
    const double gain = vol / 100.0;
    for (auto& s : out.samples) s = static_cast<std::int16_t>(std::lround(s * gain));
  }
  return out;
}

}  // namespace jiuzhu::speech
