#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "peripherals/speech/espeak_speaker.h"

namespace jiuzhu::speech {
namespace {

double rms(const std::vector<std::int16_t>& s) {
  double sum = 0;
  for (auto v : s) sum += static_cast<double>(v) * v;
  return s.empty() ? 0 : std::sqrt(sum / static_cast<double>(s.size()));
}

TEST(EspeakSpeaker, SynthesisesAudibleMandarinOfPlausibleLength) {
  EspeakSpeaker speaker;
  auto pcm = speaker.synthesize("请把身份证放在读卡区");
  ASSERT_TRUE(pcm.ok()) << pcm.error().message;
  EXPECT_EQ(pcm->sample_rate, 22050);
  // Ten syllables at an unhurried rate: about 1.5–4 seconds.
  EXPECT_GT(pcm->seconds(), 1.0);
  EXPECT_LT(pcm->seconds(), 6.0);
  EXPECT_GT(rms(pcm->samples), 300.0) << "not silence";
  // A longer sentence takes longer.
  auto longer = speaker.synthesize("请把身份证放在读卡区，然后请看屏幕上的提示，一步一步办理");
  ASSERT_TRUE(longer.ok());
  EXPECT_GT(longer->seconds(), pcm->seconds() * 1.5);
}

TEST(EspeakSpeaker, CachesPerSentenceAndBoundsTheCache) {
  EspeakOptions o;
  o.cache_entries = 2;
  EspeakSpeaker speaker(o);
  auto a = speaker.synthesize("有反光");
  ASSERT_TRUE(a.ok());
  auto b = speaker.synthesize("  有反光 ");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(speaker.cache_hits(), 1u);
  EXPECT_EQ(a->samples, b->samples);
  ASSERT_TRUE(speaker.synthesize("请把材料放平").ok());
  ASSERT_TRUE(speaker.synthesize("请稍等").ok());
  EXPECT_EQ(speaker.cache_size(), 2u);
}

TEST(EspeakSpeaker, VolumeScalesWithoutResynthesis) {
  EspeakSpeaker speaker;
  speaker.set_volume(100);
  auto full = speaker.synthesize("谢谢");
  ASSERT_TRUE(full.ok());
  speaker.set_volume(50);
  auto half = speaker.synthesize("谢谢");
  ASSERT_TRUE(half.ok());
  EXPECT_EQ(speaker.cache_hits(), 1u);
  EXPECT_NEAR(rms(half->samples), rms(full->samples) / 2, rms(full->samples) * 0.01);
  speaker.set_volume(0);
  EXPECT_EQ(rms(speaker.synthesize("谢谢")->samples), 0.0);
  speaker.set_volume(500);
  EXPECT_EQ(speaker.volume(), 100);
}

TEST(EspeakSpeaker, OffByDefaultForStaffMode) {
  EspeakSpeaker speaker;
  EXPECT_FALSE(speaker.enabled());
  auto silent = speaker.prompt("请把身份证放在读卡区");
  ASSERT_TRUE(silent.ok());
  EXPECT_TRUE(silent->samples.empty());
  speaker.set_enabled(true);
  auto spoken = speaker.prompt("请把身份证放在读卡区");
  ASSERT_TRUE(spoken.ok());
  EXPECT_FALSE(spoken->samples.empty());
}

TEST(EspeakSpeaker, ErrorsAreValues) {
  EspeakSpeaker speaker;
  EXPECT_EQ(speaker.synthesize("   ").error().code, "speech_empty_text");
  EspeakOptions o;
  o.voice = "no-such-voice";
  EspeakSpeaker missing(o);
  EXPECT_EQ(missing.synthesize("你好").error().code, "speech_unavailable");
}

TEST(EspeakSpeaker, SafeFromSeveralThreads) {
  EspeakSpeaker a, b;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto& s = i % 2 ? a : b;
      if (s.synthesize(i % 2 ? "请稍等" : "办理成功").ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4);
}

}  // namespace
}  // namespace jiuzhu::speech
