// The writing board's scroll-or-ink decision, the keypad's re-layout in 长辈模式, and the
// pictograms: every choice the issue names has one, built from the Debian font.
#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/regions.h"
#include "kiosk/text/strings.h"
#include "kiosk/ui/ink_gesture.h"
#include "kiosk/ui/keypad.h"
#include "kiosk/ui/pictograms.h"
#include "kiosk/ui/press_hold.h"
#include "kiosk/ui/theme.h"

using namespace jiuzhu::kiosk;

namespace {

constexpr float kSide = 560;

// A straight press from (x0,y0) to (x1,y1) over `ms` milliseconds, one sample every 16 ms.
std::vector<PressSample> press(float x0, float y0, float x1, float y1, double ms, int fingers = 1) {
  std::vector<PressSample> out;
  const int n = std::max(1, static_cast<int>(ms / 16));
  for (int i = 0; i <= n; ++i) {
    const float k = static_cast<float>(i) / static_cast<float>(n);
    out.push_back({x0 + (x1 - x0) * k, y0 + (y1 - y0) * k, 1000 + ms * k, fingers});
  }
  return out;
}

// The decision as the board sees it: sample by sample, sticky once made, then the release.
InkDecision decide(const std::vector<PressSample>& all) {
  std::vector<PressSample> so_far;
  for (const auto& s : all) {
    so_far.push_back(s);
    if (auto d = classify_press(so_far, kSide, false); d != InkDecision::undecided) return d;
  }
  return classify_press(so_far, kSide, true);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(InkGesture, WritingStrokesAreInk) {
  EXPECT_EQ(decide(press(280, 80, 280, 480, 450)), InkDecision::ink);   // 丨, written at ~0.9 px/ms
  EXPECT_EQ(decide(press(60, 280, 500, 280, 120)), InkDecision::ink);   // a fast 一 is still writing
  EXPECT_EQ(decide(press(200, 200, 230, 260, 90)), InkDecision::ink);   // 丶: short, released undecided
  EXPECT_EQ(decide({{300, 300, 0, 1}}), InkDecision::ink);              // a dot
  EXPECT_EQ(decide(press(100, 100, 420, 460, 160)), InkDecision::ink);  // a quick diagonal 丿
}

TEST(InkGesture, ScrollGesturesLeaveNoInk) {
  EXPECT_EQ(decide(press(280, 450, 280, 150, 100)), InkDecision::scroll);  // an upward flick, 3 px/ms
  EXPECT_EQ(decide(press(280, 100, 300, 400, 120)), InkDecision::scroll);  // a downward flick
  EXPECT_EQ(decide(press(280, 300, 280, 320, 200, 2)), InkDecision::scroll);  // two fingers, even slow
  EXPECT_EQ(decide(press(280, 400, 280, 700, 140)), InkDecision::scroll);  // runs off the board's bottom
  // A second finger landing mid-press, before anything was decided.
  auto p = press(280, 300, 285, 330, 60);
  p.back().fingers = 2;
  EXPECT_EQ(decide(p), InkDecision::scroll);
}

TEST(InkGesture, TheDecisionIsStickyAndWaitsWhileUnsure) {
  // Ink is decided after kDecideMs; a fast movement later does not turn it into a scroll.
  auto p = press(280, 280, 281, 282, 200);
  auto later = press(281, 282, 281, 540, 50);
  for (auto& s : later) s.t_ms += 200;
  p.insert(p.end(), later.begin(), later.end());
  EXPECT_EQ(decide(p), InkDecision::ink);
  // The first 40 ms of a slow press are not yet decided (the board keeps the points).
  EXPECT_EQ(classify_press(press(280, 280, 282, 290, 40), kSide, false), InkDecision::undecided);
  EXPECT_EQ(classify_press({}, kSide, true), InkDecision::undecided);
}

TEST(KeypadGrid, NeverAKeyShorterThanTheNormalThemes) {
  const Theme normal = make_theme(false, 0), elderly = make_theme(true, 0);
  // Plenty of room: the telephone layout at the theme's own key height.
  auto g = keypad_grid(2000, elderly.gap, normal.key_h, elderly.key_h);
  EXPECT_EQ(g.cols, 3);
  EXPECT_FLOAT_EQ(g.key_h, elderly.key_h);
  // Room for four rows of 150 px keys: still 3×4.
  g = keypad_grid(4 * (normal.key_h + elderly.gap), elderly.gap, normal.key_h, elderly.key_h);
  EXPECT_EQ(g.cols, 3);
  EXPECT_GE(g.key_h, normal.key_h);
  // Less: 4×3 rather than smaller keys (the 长辈模式 check question had room for 119 px keys).
  for (float room : {4 * (119 + elderly.gap), 600.0f, 300.0f}) {
    g = keypad_grid(room, elderly.gap, normal.key_h, elderly.key_h);
    EXPECT_EQ(g.cols, 4) << room;
    EXPECT_GE(g.key_h, normal.key_h) << room;
  }
}

// The list: each home tile, program, document kind and yes/no answer, and 🔊 重听.
TEST(Pictograms, EveryChoiceHasAPictureBuiltFromTheFont) {
  const auto names = pictogram_names(read_file(jiuzhu::assets_dir() + "/kiosk/pictograms.txt"));
  auto has = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  for (const char* n : {"home.policy", "home.check", "home.apply", "home.proxy", "home.progress", "home.lead",
                        "answer.yes", "answer.no", "answer.unknown", "bar.replay"})
    EXPECT_TRUE(has(n)) << n;
  // Every program of the policy catalog (assets/policies, written by policy staff).
  auto cat = nlohmann::json::parse(read_file(jiuzhu::assets_dir() + "/policies/catalog.json"), nullptr, false);
  ASSERT_TRUE(cat.is_object());
  for (const auto& f : cat["programs"]) {
    std::string id = f.get<std::string>();
    EXPECT_TRUE(has("program." + id.substr(0, id.size() - 5))) << id;
  }
  // Every document kind the kiosk names.
  auto strings = Strings::load(jiuzhu::assets_dir() + "/strings/zh-CN.json");
  ASSERT_TRUE(strings.ok());
  int docs = 0;
  for (const auto& [key, text] : strings->all())
    if (key.rfind("doc.", 0) == 0) {
      ++docs;
      EXPECT_TRUE(has(key)) << key;
    }
  EXPECT_GE(docs, 2);
  // The build made each one: a colour PNG of the font's strike (136×128), not an empty image.
  for (const auto& n : names) {
    const std::string path = std::string(JIUZHU_BUILD_PICTOGRAMS) + "/" + n + ".png";
    int w = 0, h = 0, c = 0;
    unsigned char* px = stbi_load(path.c_str(), &w, &h, &c, 4);
    ASSERT_NE(px, nullptr) << path;
    EXPECT_EQ(w, 136) << n;
    EXPECT_EQ(h, 128) << n;
    // Colour: several different colours (an emoji), not one ink colour with coverage as
    // alpha (what a monochrome outline font gives).
    std::set<uint32_t> colours;
    for (int i = 0; i < w * h; ++i) {
      const unsigned char* p = px + i * 4;
      if (p[3] > 0) colours.insert(static_cast<uint32_t>(p[0]) << 16 | static_cast<uint32_t>(p[1]) << 8 | p[2]);
    }
    const bool coloured = colours.size() > 8;
    EXPECT_TRUE(coloured) << n;
    stbi_image_free(px);
  }
  // The names are unique (one picture per choice).
  auto sorted = names;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
}

// Touch-and-hold: a tap chooses; a hold reads the words once and its release does not choose.
TEST(PressHold, ShortTapChoosesLongHoldReadsAndDoesNotChoose) {
  Press tap;
  tap.held_ms = 120;
  EXPECT_EQ(press_outcome(tap), PressOutcome::waiting);
  tap.released = true;
  EXPECT_EQ(press_outcome(tap), PressOutcome::activate);
  tap.held_ms = kReadAloudMs - 1;
  EXPECT_EQ(press_outcome(tap), PressOutcome::activate);

  Press hold;
  hold.held_ms = kReadAloudMs - 1;
  EXPECT_EQ(press_outcome(hold), PressOutcome::waiting);
  hold.held_ms = kReadAloudMs;
  EXPECT_EQ(press_outcome(hold), PressOutcome::speak_label);
  hold.already_spoken = true;  // read once per press, not every frame
  hold.held_ms = 2500;
  EXPECT_EQ(press_outcome(hold), PressOutcome::waiting);
  hold.released = true;
  EXPECT_EQ(press_outcome(hold), PressOutcome::ignore);

  // A release past the hold time with no frame in between still reads and does not choose.
  Press stalled;
  stalled.held_ms = 900;
  stalled.released = true;
  EXPECT_EQ(press_outcome(stalled), PressOutcome::speak_label);
}

TEST(PressHold, ScrollingFingerIsNeitherReadNorChosenAndQuietModeAlwaysChooses) {
  Press scroll;
  scroll.travelled = true;
  scroll.held_ms = 1500;
  EXPECT_EQ(press_outcome(scroll), PressOutcome::waiting);
  scroll.released = true;
  EXPECT_EQ(press_outcome(scroll), PressOutcome::ignore);

  Press quiet;
  quiet.read_aloud = false;
  quiet.held_ms = 3000;
  EXPECT_EQ(press_outcome(quiet), PressOutcome::waiting);
  quiet.released = true;
  EXPECT_EQ(press_outcome(quiet), PressOutcome::activate);
}

TEST(PressHold, SpokenLabelJoinsLinesAndNeverSaysAWholeIdNumber) {
  EXPECT_EQ(spoken_label("我要申请\n给自己和家里申请救助"), "我要申请，给自己和家里申请救助");
  EXPECT_EQ(spoken_label("✓ 是"), "已选，是");
  EXPECT_EQ(spoken_label("5"), "5");
  EXPECT_EQ(spoken_label("2000 元"), "2000 元");
  // An ID number, whole (18 or 15 digits) or already masked on screen, is said by its last four.
  const std::string whole = spoken_label("本人  45032619800101123X");
  EXPECT_EQ(whole, "本人  身份证号尾号123X");
  EXPECT_EQ(whole.find("450326"), std::string::npos);
  EXPECT_EQ(spoken_label("450326800101123"), "身份证号尾号1123");
  EXPECT_EQ(spoken_label("本人  450326********123X"), "本人  身份证号尾号123X");
  EXPECT_EQ(spoken_label("45032619800101****"), "身份证号");
}
