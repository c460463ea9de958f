// PinyinEngine against the real librime and Debian's pinyin_simp dictionary.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/regions.h"
#include "kiosk/text/pinyin_engine.h"

using namespace jiuzhu::kiosk;
namespace fs = std::filesystem;

namespace {

std::string schema() { return jiuzhu::assets_dir() + "/kiosk/rime/jiuzhu_pinyin.schema.yaml"; }

fs::path temp_dir() {
  fs::path d = fs::temp_directory_path() / ("kiosk-pinyin-" + std::to_string(::getpid()));
  fs::remove_all(d);
  return d;
}

void type_all(PinyinEngine& e, const std::string& letters) {
  for (char c : letters) ASSERT_TRUE(e.type(c)) << c;
}

}  // namespace

TEST(PinyinEngine, NihaoGivesNihaoAndDeploysOnce) {
  fs::path dir = temp_dir();
  {
    PinyinEngine e;
    auto st = e.open(schema(), dir.string());
    ASSERT_TRUE(st.ok()) << st.error().message;
    EXPECT_TRUE(e.deployed());
    type_all(e, "nihao");
    EXPECT_EQ(e.preedit(), "ni hao");
    auto c = e.candidates(8);
    ASSERT_FALSE(c.empty());
    auto it = std::find(c.begin(), c.end(), "你好");
    ASSERT_NE(it, c.end());
    EXPECT_EQ(e.choose(static_cast<size_t>(it - c.begin())), "你好");
    EXPECT_EQ(e.preedit(), "");
    EXPECT_TRUE(e.candidates(8).empty());
    // Letters only.
    EXPECT_FALSE(e.type('A'));
    EXPECT_FALSE(e.type('1'));
  }
  // The second start finds the compiled schema: no deployment.
  {
    PinyinEngine e;
    ASSERT_TRUE(e.open(schema(), dir.string()).ok());
    EXPECT_FALSE(e.deployed());
    type_all(e, "wang");
    auto c = e.candidates(8);
    EXPECT_NE(std::find(c.begin(), c.end(), "王"), c.end());
  }
  // Nothing typed is learned: no user dictionary in the cache.
  for (const auto& f : fs::directory_iterator(dir))
    EXPECT_EQ(f.path().filename().string().find("userdb"), std::string::npos) << f.path();
  fs::remove_all(dir);
}

TEST(PinyinEngine, PartialChoiceKeepsComposingBackspaceAndClear) {
  fs::path dir = temp_dir();
  PinyinEngine e;
  ASSERT_TRUE(e.open(schema(), dir.string()).ok());
  type_all(e, "nihao");
  auto c = e.candidates(20);
  auto ni = std::find(c.begin(), c.end(), "你");
  ASSERT_NE(ni, c.end());
  // 你 covers "ni" only: nothing is committed yet and "hao" is still being composed.
  EXPECT_EQ(e.choose(static_cast<size_t>(ni - c.begin())), "");
  auto rest = e.candidates(8);
  ASSERT_FALSE(rest.empty());
  auto hao = std::find(rest.begin(), rest.end(), "好");
  ASSERT_NE(hao, rest.end());
  EXPECT_EQ(e.choose(static_cast<size_t>(hao - rest.begin())), "你好");

  type_all(e, "zhang");
  e.backspace();
  EXPECT_EQ(e.preedit().find("zhan"), 0u);
  e.clear();
  EXPECT_EQ(e.preedit(), "");
  EXPECT_TRUE(e.candidates(8).empty());
  fs::remove_all(dir);
}

TEST(PinyinEngine, MissingSchemaIsAClearError) {
  PinyinEngine e;
  auto st = e.open("/nonexistent/schema.yaml", temp_dir().string());
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().code, "pinyin_unavailable");
  EXPECT_TRUE(e.candidates(8).empty());
  EXPECT_EQ(e.choose(0), "");
}
