// Wrapping by measured width: lines fit, nothing is lost, Chinese punctuation rules hold,
// Latin runs (numbers, phone numbers) stay whole.
#include <gtest/gtest.h>

#include "printing/documents.h"
#include "printing/text_wrap.h"
#include "core/utf8.h"

namespace jiuzhu::printing {
namespace {

std::u32string u32(const std::string& s) { return *utf8::decode(s); }

class Wrap : public ::testing::Test {
 protected:
  void SetUp() override {
    auto f = document_face();
    ASSERT_TRUE(f) << f.error().message;
    face = *f;
  }
  std::shared_ptr<const TrueTypeFace> face;
};

TEST_F(Wrap, LinesFitAndNothingIsLost) {
  const std::string address = "广西壮族自治区桂林市永福县永福镇凤山村委会下岭屯二十三号，靠近村小学（东侧）第三户";
  for (double width : {60.0, 100.0, 150.0, 204.0, 400.0}) {
    auto lines = wrap_text(*face, u32(address), 9, width);
    std::u32string joined;
    for (auto& l : lines) {
      EXPECT_LE(text_width(*face, l, 9), width + 1e-6) << "width " << width;
      joined += l;
    }
    EXPECT_EQ(joined, u32(address)) << "width " << width;
  }
}

TEST_F(Wrap, ClosingPunctuationNeverStartsALine) {
  const auto text = u32("一二三四五，六七八九十。甲乙丙丁戊、己庚辛壬癸；子丑寅卯辰）巳午未申酉");
  for (double width = 30; width < 200; width += 3.5) {
    auto lines = wrap_text(*face, text, 10, width);
    for (size_t i = 1; i < lines.size(); ++i) {
      ASSERT_FALSE(lines[i].empty());
      char32_t c = lines[i][0];
      EXPECT_TRUE(c != U'，' && c != U'。' && c != U'、' && c != U'；' && c != U'）') << "width " << width;
    }
  }
}

TEST_F(Wrap, OpeningPunctuationNeverEndsALine) {
  const auto text = u32("甲乙丙丁戊己庚（辛壬癸）子丑寅卯《辰巳午未》申酉戌亥");
  for (double width = 30; width < 200; width += 3.5) {
    for (auto& l : wrap_text(*face, text, 10, width)) {
      ASSERT_FALSE(l.empty());
      EXPECT_TRUE(l.back() != U'（' && l.back() != U'《') << "width " << width;
    }
  }
}

TEST_F(Wrap, LatinRunsStayTogetherWhenTheyFit) {
  const auto text = u32("咨询电话：0773-8512345，申请编号JZ450326100-20261124-0007请保存");
  auto lines = wrap_text(*face, text, 9, 150);
  bool phone_whole = false, number_whole = false;
  for (auto& l : lines) {
    std::string s = utf8::encode(l);
    if (s.find("0773-8512345") != std::string::npos) phone_whole = true;
    if (s.find("JZ450326100-20261124-0007") != std::string::npos) number_whole = true;
  }
  EXPECT_TRUE(phone_whole);
  EXPECT_TRUE(number_whole);
}

TEST_F(Wrap, OverlongRunIsCutByCharacter) {
  const auto text = u32(std::string(200, '8'));
  auto lines = wrap_text(*face, text, 10, 50);
  EXPECT_GT(lines.size(), 5u);
  size_t total = 0;
  for (auto& l : lines) {
    EXPECT_LE(text_width(*face, l, 10), 50 + 1e-6);
    total += l.size();
  }
  EXPECT_EQ(total, 200u);
}

TEST_F(Wrap, HardBreaksAndFirstLineWidth) {
  auto lines = wrap_text(*face, u32("第一行\n第二行"), 10, 500);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(utf8::encode(lines[1]), "第二行");
  auto narrow_first = wrap_text(*face, u32("一二三四五六七八九十"), 10, 100, 30);
  ASSERT_GE(narrow_first.size(), 2u);
  EXPECT_LE(text_width(*face, narrow_first[0], 10), 30 + 1e-6);
}

TEST(Utf8, RejectsInvalidSequences) {
  EXPECT_FALSE(utf8::decode("\xff"));
  EXPECT_FALSE(utf8::decode("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(utf8::decode("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(utf8::decode("\xe6\x95"));          // truncated
  EXPECT_EQ(utf8::decode("救助")->size(), 2u);
  EXPECT_EQ(utf8::encode(*utf8::decode("救助 A𠮷")), "救助 A𠮷");
}

}  // namespace
}  // namespace jiuzhu::printing
