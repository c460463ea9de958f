// Speaker: spoken prompts for the kiosk ("请把身份证放在读卡区"), as PCM for the kiosk to play.
//
// A Speaker turns a sentence into mono 16-bit PCM at sample_rate(). Playback is not its job:
// the kiosk queues the samples to SDL audio on its own thread. Speech is off by default
// (staff mode needs silence); the kiosk enables it for residents and sets the volume.
// Sentences repeat a lot (the same dozen prompts all day), so implementations cache them.
//
// Thread-safety: implementations are safe to call from several threads; synthesis is
// serialised inside (the engine is a process-wide singleton).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace jiuzhu::speech {

struct Pcm {
  std::vector<std::int16_t> samples;  // mono
  int sample_rate = 0;                // Hz
  double seconds() const { return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0; }
};

class Speaker {
 public:
  virtual ~Speaker() = default;

  // Synthesises `utf8` whether or not speech is enabled, with the current volume applied.
  // Errors: speech_unavailable (no engine or voice), speech_failed, speech_empty_text.
  virtual Result<Pcm> synthesize(std::string_view utf8) = 0;

  // What the kiosk calls for a prompt: like synthesize(), but an empty Pcm when disabled.
  Result<Pcm> prompt(std::string_view utf8) {
    if (!enabled()) return Pcm{};
    return synthesize(utf8);
  }

  virtual void set_enabled(bool on) = 0;
  virtual bool enabled() const = 0;
  // 0 (silent) … 100 (full scale as synthesised); values outside are clamped.
  virtual void set_volume(int percent) = 0;
  virtual int volume() const = 0;
};

}  // namespace jiuzhu::speech
