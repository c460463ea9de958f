// core/timestamp and core/utf8 against second implementations: glibc's localtime in the
// Asia/Shanghai zone (tzdata) and timegm for timestamps; glibc's iconv for UTF-8, over the
// JSONTestSuite's byte strings (../shared/testdata/jsontestsuite, made by others) and random bytes.
#include <gtest/gtest.h>
#include <iconv.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/timestamp.h"
#include "core/utf8.h"

namespace jiuzhu {
namespace {

std::string glibc_china(int64_t t) {
  setenv("TZ", "Asia/Shanghai", 1);
  tzset();
  time_t tt = static_cast<time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);  // +0800
  std::string s = buf;
  return s.substr(0, s.size() - 2) + ":" + s.substr(s.size() - 2);
}

TEST(Timestamp, WritesChinaTimeLikeGlibcInAsiaShanghai) {
  if (!std::filesystem::exists("/usr/share/zoneinfo/Asia/Shanghai")) GTEST_SKIP() << "tzdata missing";
  std::mt19937_64 rng(7);
  for (int i = 0; i < 2000; ++i) {
    // From 1992 on: China kept summer time (+09:00) in 1986–1991, which tzdata knows and a
    // fixed +08:00 writer does not; every timestamp Jiuzhu writes is far later.
    const int64_t t = 694224000 + static_cast<int64_t>(rng() % (4102444800ULL - 694224000ULL));  // 1992 … 2100
    ASSERT_EQ(rfc3339_china(t), glibc_china(t)) << t;
    ASSERT_EQ(parse_rfc3339(rfc3339_china(t)), t);
  }
}

TEST(Timestamp, ParsesAnyOffsetLikeTimegm) {
  std::tm tm{};
  tm.tm_year = 2026 - 1900, tm.tm_mon = 10, tm.tm_mday = 24, tm.tm_hour = 20;
  const int64_t utc = timegm(&tm);
  EXPECT_EQ(parse_rfc3339("2026-11-24T20:00:00Z"), utc);
  EXPECT_EQ(parse_rfc3339("2026-11-25T04:00:00+08:00"), utc);
  EXPECT_EQ(parse_rfc3339("2026-11-24T14:30:00.250-05:30"), utc);
  EXPECT_EQ(china_date_of("2026-11-24T20:00:00Z"), Date(2026, 11, 25));
  EXPECT_EQ(china_date_of("2026-11-24T15:59:59Z"), Date(2026, 11, 24));
  for (const char* bad : {"", "2026-11-24", "2026-11-24T20:00:00", "2026-13-01T00:00:00Z", "2026-11-24T24:00:00Z",
                          "2026-11-24T20:00:00+8:00", "2026-11-24T20:00:00Zjunk", "2026-11-24T20:00:00."})
    EXPECT_FALSE(parse_rfc3339(bad).has_value()) << bad;
}

// glibc's decoder: the code points, or nullopt when it rejects the bytes.
std::optional<std::u32string> iconv_decode(const std::string& bytes) {
  iconv_t cd = iconv_open("UTF-32LE", "UTF-8");
  std::string in = bytes;
  std::string out(bytes.size() * 4 + 8, '\0');
  char* ip = in.data();
  char* op = out.data();
  size_t il = in.size(), ol = out.size();
  const size_t r = iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  if (r == static_cast<size_t>(-1) || il != 0) return std::nullopt;
  std::u32string cps;
  for (const char* p = out.data(); p < op; p += 4) {
    char32_t c = 0;
    for (int k = 3; k >= 0; --k) c = (c << 8) | static_cast<unsigned char>(p[k]);
    cps.push_back(c);
  }
  return cps;
}

void expect_same_as_iconv(const std::string& bytes, const std::string& what) {
  auto mine = utf8::decode(bytes);
  auto theirs = iconv_decode(bytes);
  ASSERT_EQ(mine.ok(), theirs.has_value()) << what;
  if (mine) {
    EXPECT_EQ(*mine, *theirs) << what;
    EXPECT_EQ(utf8::encode(*mine), bytes) << what;
    EXPECT_EQ(utf8::length(bytes), mine->size()) << what;
    EXPECT_EQ(utf8::decode_lossy(bytes), *mine) << what;
  }
}

TEST(Utf8, AgreesWithIconvOnTheJsonTestSuite) {
  const std::string dir = std::string(JIUZHU_SOURCE_ASSETS) + "/../../shared/testdata/jsontestsuite";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << dir;
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    expect_same_as_iconv(ss.str(), e.path().filename().string());
    ++files;
  }
  EXPECT_GT(files, 100);
}

TEST(Utf8, AgreesWithIconvOnRandomBytes) {
  std::mt19937 rng(11);
  const std::string alphabet = "a\xe4\xb8\xad\xe6\x96\x87\xc3\xa9\xf0\x9f\x98\x80\x80\xbf\xc0\xc1\xed\xa0\xf4\x90\xff";
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int k = 0; k < n; ++k) s += alphabet[rng() % alphabet.size()];
    expect_same_as_iconv(s, "random #" + std::to_string(i));
  }
}

TEST(Utf8, LossyNeverStopsAndPopRemovesAWholeCharacter) {
  EXPECT_EQ(utf8::decode_lossy("a\xff\xe4\xb8"), (std::u32string{U'a', 0xFFFD, 0xFFFD, 0xFFFD}));
  std::string s = "救助";
  utf8::pop_back(s);
  EXPECT_EQ(s, "救");
  EXPECT_EQ(utf8::decode("\xed\xa0\x80").error().code, "bad_utf8");  // a surrogate
  EXPECT_EQ(utf8::decode("\xc0\xaf").error().code, "bad_utf8");      // overlong '/'
}

}  // namespace
}  // namespace jiuzhu
