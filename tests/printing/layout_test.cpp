// The layout engine: pagination with repeated headers, rolls cut to content, everything inside
// the printable area, and errors instead of bad pages.
#include <gtest/gtest.h>

#include "printing/documents.h"
#include "printing/layout.h"
#include "core/utf8.h"

namespace jiuzhu::printing {
namespace {

class LayoutTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto f = document_face();
    ASSERT_TRUE(f) << f.error().message;
    face = *f;
  }
  static size_t count_text(const LaidOutPage& p, const std::string& utf8) {
    auto want = *utf8::decode(utf8);
    size_t n = 0;
    for (auto& op : p.ops)
      if (auto* t = std::get_if<TextOp>(&op); t && t->text == want) ++n;
    return n;
  }
  std::shared_ptr<const TrueTypeFace> face;
};

TEST_F(LayoutTest, LongTablePaginatesWithHeaderOnEveryPage) {
  Flow f(face, Paper::a4(), "t");
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 150; ++i) rows.push_back({std::to_string(i + 1), "成员" + std::to_string(i + 1), "子女"});
  f.table({"序号", "姓名", "关系"}, rows, {1, 3, 2}, 10);
  auto l = f.finish();
  ASSERT_TRUE(l) << l.error().message;
  ASSERT_GT(l->pages.size(), 3u);
  for (size_t p = 0; p < l->pages.size(); ++p) {
    EXPECT_EQ(count_text(l->pages[p], "姓名"), 1u) << "page " << p + 1;
    std::string footer = "第 " + std::to_string(p + 1) + " 页 / 共 " + std::to_string(l->pages.size()) + " 页";
    EXPECT_EQ(count_text(l->pages[p], footer), 1u) << footer;
  }
  size_t rows_seen = 0;
  for (auto& p : l->pages)
    for (int i = 0; i < 150; ++i) rows_seen += count_text(p, "成员" + std::to_string(i + 1));
  EXPECT_EQ(rows_seen, 150u);  // every row once, none lost at a break
  EXPECT_TRUE(l->check_bounds(mm(17)));
}

TEST_F(LayoutTest, RollIsCutToItsContent) {
  Flow short_roll(face, Paper::roll80(), "t");
  short_roll.text("一行", {9});
  auto a = short_roll.finish();
  Flow long_roll(face, Paper::roll80(), "t");
  for (int i = 0; i < 80; ++i) long_roll.text("第" + std::to_string(i) + "行", {9});
  auto b = long_roll.finish();
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->pages.size(), 1u);
  ASSERT_EQ(b->pages.size(), 1u);
  EXPECT_LT(a->pages[0].height, mm(30));
  EXPECT_GT(b->pages[0].height, 80 * 9 * 1.3);
  EXPECT_NEAR(a->pages[0].width, mm(80), 0.01);
}

TEST_F(LayoutTest, LongAddressWrapsInsideTheRoll) {
  Flow f(face, Paper::roll80(), "t");
  f.field("地址", "广西壮族自治区桂林市永福县永福镇凤山村委会下岭屯二十三号靠近村小学东侧第三户院内西厢房", 9);
  auto l = f.finish();
  ASSERT_TRUE(l) << l.error().message;
  size_t lines = 0;
  for (auto& op : l->pages[0].ops)
    if (auto* t = std::get_if<TextOp>(&op)) {
      ++lines;
      EXPECT_LE(t->x + t->width, mm(76) + 0.01);
    }
  EXPECT_GE(lines, 3u);  // label + at least two wrapped value lines
}

TEST_F(LayoutTest, CheckBoundsCatchesOverflow) {
  Layout l;
  l.pages.push_back({mm(80), mm(100), {}, {}});
  l.pages[0].ops.push_back(TextOp{U"越界", mm(70), 50, 10, 40});
  auto st = l.check_bounds(mm(4));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().code, "layout_overflow");
  Layout ok;
  ok.pages.push_back({mm(80), mm(100), {}, {}});
  ok.pages[0].ops.push_back(TextOp{U"好", mm(10), 50, 10, 10});
  EXPECT_TRUE(ok.check_bounds(mm(4)));
}

TEST_F(LayoutTest, MissingGlyphIsAnErrorNotATofu) {
  Flow f(face, Paper::a4(), "t");
  f.text("姓名：𠮷田", {10});  // U+20BB7 is outside the BMP font
  auto l = f.finish();
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().code, "unprintable_character");
  EXPECT_EQ(l.error().message.find("𠮷"), std::string::npos);  // the character itself is not echoed
}

TEST_F(LayoutTest, RowTallerThanAPageIsAnError) {
  Flow f(face, Paper::a4(), "t");
  f.table({"说明"}, {{std::string(6000, 'x')}}, {1}, 10);
  auto l = f.finish();
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().code, "layout_overflow");
}

TEST_F(LayoutTest, QrIsCentredAndSquare) {
  Flow f(face, Paper::roll80(), "t");
  f.qr("JZ-1", mm(30));
  auto l = f.finish();
  ASSERT_TRUE(l);
  ASSERT_EQ(l->pages[0].qrs.size(), 1u);
  const auto& q = l->pages[0].qrs[0];
  double side = q.module * q.code.size;
  EXPECT_NEAR(q.x + side / 2, mm(40), 0.01);
  EXPECT_GT(side, mm(20));
}

}  // namespace
}  // namespace jiuzhu::printing
