// The queue's JSON writer: every string, escaped or not, reads back as itself.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
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


// Strings and keys of every length around the short-string buffer (60 bytes), plain or with a
// character to escape at the start, middle or end, are written as nlohmann::json writes them.
TEST(JsonText, KeysAndValuesOfEveryLengthAsTheParserWritesThem) {
  for (size_t len = 0; len <= 130; ++len) {
    for (int escape_at = -1; escape_at < 3; ++escape_at) {
      std::string s(len, 'k');
      for (size_t i = 0; i < len; ++i) s[i] = static_cast<char>('a' + i % 26);
      if (escape_at >= 0 && len > 0) s[escape_at == 0 ? 0 : escape_at == 1 ? len / 2 : len - 1] = '"';
      std::string value;
      append_json_string(value, s);
      EXPECT_EQ(value, nlohmann::json(s).dump()) << len;
      std::string obj;
      JsonObjectWriter w(obj);
      w.add(s, s).add_int(s + "2", 7);
      w.close();
      const nlohmann::json expected = {{s, s}, {s + "2", 7}};
      EXPECT_EQ(nlohmann::json::parse(obj), expected) << obj;
      EXPECT_EQ(obj, "{" + nlohmann::json(s).dump() + ":" + nlohmann::json(s).dump() + "," +
                         nlohmann::json(s + "2").dump() + ":7}");
    }
  }
}

// Numbers: the fast path for two-decimal values must write what std::to_chars writes for the
// rounded value (shortest form; scientific when strictly shorter, e.g. 1e+05).
std::string reference_number(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[32];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, std::round(v * 100) / 100);
  return std::string(buf, p);
}

TEST(JsonText, NumbersAsToCharsWritesTheRoundedValue) {
  std::vector<double> samples = {0.0, -0.0, -0.001, 0.004, 0.005, 0.015, 1e13, 1e15, 1e16, 1e300, -5.5, 0.1 + 0.2,
                                 std::nan(""), 1.0 / 0.0, 123456789.125, 9999999999999.99};
  for (int64_t k = 0; k <= 2000000; ++k) samples.push_back(static_cast<double>(k) / 100);
  for (double p10 = 1; p10 < 1e17; p10 *= 10) {
    for (double m : {1.0, 2.0, 9.0, 10.0, 11.0, 12.5, 99.99, 100.0, 101.0, 123.45}) samples.push_back(p10 * m);
  }
  std::mt19937_64 rng(3);
  for (int n = 0; n < 200000; ++n) {
    samples.push_back(static_cast<double>(rng() % 100000000000000000ULL) / static_cast<double>(1ULL << (rng() % 40)));
  }
  for (double v : samples) {
    std::string out;
    append_json_number(out, v);
    ASSERT_EQ(out, reference_number(v)) << v;
  }
}

}  // namespace
}  // namespace jiuzhu::discovery
