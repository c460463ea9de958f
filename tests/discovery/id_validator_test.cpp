// IdValidator's fast path (digits and check sum 8 at a time, the birth date by a month table,
// the last number remembered) must accept exactly what core's IdNumber::parse accepts, with the
// same key, and refuse with core's reason otherwise.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "backend/discovery/feed_table.h"
#include "core/id_number.h"
#include "core/regions.h"
#include "feed_fixture.h"

namespace jiuzhu::discovery {
namespace {

using testing::kAsOf;

std::string with_check(const std::string& first17) { return first17 + IdNumber::check_character(first17); }

TEST(IdValidator, AgreesWithCoreOnValidAndBrokenNumbers) {
  std::vector<std::string> samples;
  // Leap days, month ends, the 1850 floor, the reference date and the day after, other regions.
  for (const char* birth : {"20000229", "19000229", "20040229", "20230229", "19960229", "21000229", "19990431",
                            "19991231", "19990132", "19991301", "19990001", "19990100", "18500101", "18491231",
                            "20261124", "20261125", "20270101", "00000000", "99991231"}) {
    for (const char* region : {"450326", "110101", "450300", "999999", "000000"}) {
      samples.push_back(with_check(std::string(region) + birth + "123"));
    }
  }
  std::mt19937_64 rng(11);
  const std::string region_pool[] = {"450326", "450321", "110105", "440305", "123456"};
  for (int n = 0; n < 20000; ++n) {
    char birth[9];
    std::snprintf(birth, sizeof birth, "%04d%02d%02d", 1840 + static_cast<int>(rng() % 200),
                  static_cast<int>(rng() % 14), static_cast<int>(rng() % 33));
    char seq[4];
    std::snprintf(seq, sizeof seq, "%03d", static_cast<int>(rng() % 1000));
    std::string id = with_check(region_pool[rng() % 5] + birth + seq);
    switch (rng() % 6) {
      case 0:  // a wrong check character
        id[17] = id[17] == '0' ? '1' : '0';
        break;
      case 1: {  // a non-digit anywhere
        static const char bad[] = {'/', ':', 'a', 'X', ' ', '\x80', '\xff', '\0'};
        id[rng() % 18] = bad[rng() % sizeof bad];
        break;
      }
      case 2:  // lower-case x where the check character is X
        if (id[17] == 'X') id[17] = 'x';
        break;
      default:
        break;
    }
    samples.push_back(id);
    if (rng() % 4 == 0) samples.push_back(id);  // the remembered previous number
  }
  samples.push_back("45032619800101001");     // 17 characters
  samples.push_back("4503261980010100111");   // 19
  samples.push_back("");

  IdValidator v(RegionTable::builtin(), kAsOf);
  size_t accepted = 0;
  for (const std::string& s : samples) {
    IdKey key = 0;
    std::string reason;
    const bool ok = v.validate(s, key, reason);
    const auto core = IdNumber::parse(s, &RegionTable::builtin(), kAsOf);
    ASSERT_EQ(ok, core.ok()) << s;
    if (ok) {
      ++accepted;
      EXPECT_EQ(key, std::stoull(core->str().substr(0, 17))) << s;
    } else {
      EXPECT_EQ(reason, core.error().code) << s;
    }
  }
  EXPECT_GT(accepted, 5000u);  // the sample is not all refusals
}

}  // namespace
}  // namespace jiuzhu::discovery
