// Every case of Nicolas Seriot's JSONTestSuite (tests/data/jsontestsuite, MIT licence) against
// the one JSON codec: y_ must parse, n_ must be refused, i_ may go either way but never crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/model/json_codec.h"

namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(JsonTestSuite, EveryCaseAgainstTheCodec) {
  const std::filesystem::path dir = JIUZHU_JSON_SUITE;
  size_t y = 0, n = 0, i = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".json") continue;
    const std::string text = slurp(entry.path());
    const auto parsed = jiuzhu::model::parse_json(text, 512, 1 << 20);
    if (name.rfind("y_", 0) == 0) {
      EXPECT_TRUE(parsed.ok()) << name << " must parse";
      ++y;
    } else if (name.rfind("n_", 0) == 0) {
      EXPECT_FALSE(parsed.ok()) << name << " must be refused";
      ++n;
    } else {
      ++i;  // implementation-defined: reaching here without a crash is the test
    }
  }
  // The whole suite was there: 95 y_, 188 n_, 35 i_.
  EXPECT_EQ(y, 95u);
  EXPECT_EQ(n, 188u);
  EXPECT_EQ(i, 35u);
}

TEST(JsonTestSuite, DeepStructuresAreRefusedByTheDefaultLimit) {
  const std::filesystem::path dir = JIUZHU_JSON_SUITE;
  const auto r = jiuzhu::model::parse_json(slurp(dir / "n_structure_100000_opening_arrays.json"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "too_deep");
}

TEST(JsonCodec, ANulByteIsNeverTheEndOfTheInput) {
  using jiuzhu::model::parse_json;
  EXPECT_FALSE(parse_json(std::string("{}\0garbage", 10)).ok());
  EXPECT_FALSE(parse_json(std::string("123\0", 4)).ok());
  EXPECT_FALSE(parse_json(std::string("[\"a\0b\"]", 7)).ok());
  EXPECT_TRUE(parse_json("[\"a\\u0000b\"]").ok());  // escaped: valid JSON (refused later in text fields)
}

TEST(JsonCodec, ReadableTextRefusesControlsAndDirectionOverrides) {
  using jiuzhu::model::readable_text;
  EXPECT_TRUE(readable_text("张三", false));
  EXPECT_TRUE(readable_text("Zhang San-O'Neil 2号", false));
  EXPECT_FALSE(readable_text(std::string("a\0b", 3), false));
  EXPECT_FALSE(readable_text("a\nb", false));
  EXPECT_TRUE(readable_text("a\nb\r\n\tc", true));
  EXPECT_FALSE(readable_text("a\x7f", true));
  EXPECT_FALSE(readable_text("a\u0085", true));   // C1 NEL
  EXPECT_FALSE(readable_text("a\u202e", true));   // RIGHT-TO-LEFT OVERRIDE
  EXPECT_FALSE(readable_text("a\u202a", true));   // LEFT-TO-RIGHT EMBEDDING
  EXPECT_FALSE(readable_text("a\u2066", true));   // LEFT-TO-RIGHT ISOLATE
  EXPECT_FALSE(readable_text("a\u200f", true));   // RIGHT-TO-LEFT MARK
  EXPECT_FALSE(readable_text("a\u061c", true));   // ARABIC LETTER MARK
  EXPECT_FALSE(readable_text("a\u2028", true));   // LINE SEPARATOR
  EXPECT_TRUE(readable_text("a\u2014b\u201c\u201d", false));  // dashes and quotes are fine
}

}  // namespace
