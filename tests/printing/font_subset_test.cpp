// The subsetter writes a real TrueType font: parsed back, every requested character maps to a
// glyph with the original advance, and the font is a small fraction of WenQuanYi.
#include <gtest/gtest.h>

#include "printing/documents.h"
#include "printing/ttf_face.h"
#include "core/utf8.h"

namespace jiuzhu::printing {
namespace {

std::shared_ptr<const TrueTypeFace> face() {
  auto f = document_face();
  if (!f) ADD_FAILURE() << f.error().message;
  return f ? *f : nullptr;
}

TEST(FontSubset, FaceParsesWenQuanYi) {
  auto f = face();
  ASSERT_TRUE(f);
  EXPECT_GT(f->glyph_count(), 20000);
  EXPECT_TRUE(f->has_glyph(U'救'));
  EXPECT_TRUE(f->has_glyph(U'A'));
  EXPECT_GT(f->advance_em(U'救'), 0.8);
  EXPECT_LT(f->advance_em(U'i'), f->advance_em(U'救'));
  EXPECT_GT(f->ascent_em(), 0.5);
  EXPECT_LT(f->descent_em(), 0);
}

TEST(FontSubset, SubsetRoundTripsMetricsAndMapping) {
  auto f = face();
  ASSERT_TRUE(f);
  auto text = utf8::decode("社会救助申请回执 JZ-2026 0773-8512345（一次性告知）：韦德明，覃秀英。");
  ASSERT_TRUE(text);
  std::set<char32_t> cps(text->begin(), text->end());
  auto bytes = f->subset(cps);
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_LT(bytes->size(), 40000u);  // the whole face is 5 MB
  auto parsed = TrueTypeFace::parse(*bytes, 0);
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto& sub = *parsed;
  // .notdef, one per character, plus the components of composite glyphs; far from the face's.
  EXPECT_GT(sub->glyph_count(), cps.size() / 2);
  EXPECT_LT(sub->glyph_count(), 4 * cps.size());
  for (char32_t c : cps) {
    ASSERT_TRUE(sub->has_glyph(c)) << "U+" << std::hex << unsigned(c);
    EXPECT_EQ(sub->advance(sub->glyph_for(c)), f->advance(f->glyph_for(c)));
  }
  EXPECT_FALSE(sub->has_glyph(U'贫'));  // not asked for, not present
  EXPECT_EQ(sub->units_per_em(), f->units_per_em());
}

TEST(FontSubset, EmptySubsetStillAValidFont) {
  auto f = face();
  ASSERT_TRUE(f);
  auto bytes = f->subset({});
  ASSERT_TRUE(bytes);
  auto parsed = TrueTypeFace::parse(*bytes, 0);
  ASSERT_TRUE(parsed) << parsed.error().message;
  const auto& sub = *parsed;
  EXPECT_EQ(sub->glyph_count(), 1);
}

TEST(FontSubset, RejectsGarbageAndMissingFiles) {
  auto bad = TrueTypeFace::parse(std::string(100, 'x'), 0);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "font_invalid");
  auto missing = TrueTypeFace::load("/nonexistent/font.ttf", 0);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, "font_unreadable");
  auto f = face();
  ASSERT_TRUE(f);
  auto bytes = f->subset({U'a'});
  ASSERT_TRUE(bytes);
  auto truncated = TrueTypeFace::parse(bytes->substr(0, bytes->size() / 3), 0);
  EXPECT_FALSE(truncated);
}

}  // namespace
}  // namespace jiuzhu::printing
