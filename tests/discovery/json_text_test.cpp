// The queue's JSON writer: every string, escaped or not, reads back as itself.
#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "backend/discovery/json_text.h"

namespace jiuzhu::discovery {
namespace {

TEST(JsonText, StringsRoundTripThroughAJsonParser) {
  std::vector<std::string> samples = {"", "plain", "张三 李四", "a\"b", "back\\slash", "tab\there", "line\nbreak\r",
                                      std::string("nul\0x", 5), "\x01\x1f", "long text without anything to escape at all",
                                      "0123456\"89abcdef\\ghijklmnopqrstuv\nwxyz 永福县第一中学, 初中部"};
  std::mt19937 rng(7);
  const std::string alphabet = std::string("abc \"\\\n\t\x01\x7f") + "中文";
  for (int n = 0; n < 2000; ++n) {
    std::string s;
    const int len = static_cast<int>(rng() % 40);
    for (int i = 0; i < len; ++i) s.push_back(alphabet[rng() % alphabet.size()]);
    samples.push_back(s);
  }
  for (const auto& s : samples) {
    std::string out;
    append_json_string(out, s);
    // Random cuts through the two Chinese characters may leave invalid UTF-8, which the writer
    // passes through as bytes; compare bytes, not a parse, for those.
    const auto parsed = nlohmann::json::parse(out, nullptr, false);
    if (parsed.is_discarded()) {
      EXPECT_EQ(out.front(), '"');
      continue;
    }
    EXPECT_EQ(parsed.get<std::string>(), s) << out;
  }
}

}  // namespace
}  // namespace jiuzhu::discovery
