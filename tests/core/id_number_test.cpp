#include "core/id_number.h"

#include <gtest/gtest.h>

#include "core/regions.h"

namespace jiuzhu {
namespace {

const Date kToday{2026, 11, 24};

std::string code_of(std::string_view text) {
  auto r = IdNumber::parse(text, nullptr, kToday);
  return r ? "ok" : r.error().code;
}

TEST(IdNumber, AcceptsValidNumberAndDerivesFacts) {
  auto id = IdNumber::parse("450326195003151231", nullptr, kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->region_code(), "450326");
  EXPECT_EQ(id->birth_date(), Date(1950, 3, 15));
  EXPECT_EQ(id->sex(), Sex::male);  // sequence 123: odd
  EXPECT_EQ(id->last4(), "1231");
}

TEST(IdNumber, FemaleFromEvenSequence) {
  auto id = IdNumber::parse("450326194610010022", nullptr, kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->sex(), Sex::female);
}

TEST(IdNumber, TheStandardsOwnExampleWithX) {
  auto id = IdNumber::parse("11010519491231002X", nullptr, kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->birth_date(), Date(1949, 12, 31));
}

TEST(IdNumber, LowercaseXIsNormalised) {
  auto id = IdNumber::parse("11010519491231002x", nullptr, kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->str(), "11010519491231002X");
}

TEST(IdNumber, LeapDayBirthIsValid) {
  EXPECT_EQ(code_of("370883198802290316"), "ok");
}

TEST(IdNumber, RejectsWrongLength) {
  EXPECT_EQ(code_of("45032619500315123"), "wrong_length");
  EXPECT_EQ(code_of("4503261950031512311"), "wrong_length");
  EXPECT_EQ(code_of(""), "wrong_length");
}

TEST(IdNumber, RejectsBadCharacters) {
  EXPECT_EQ(code_of("4503261950O3151231"), "bad_character");  // letter O for zero
  EXPECT_EQ(code_of("45032619500315123Y"), "bad_character");
  EXPECT_EQ(code_of("X50326195003151231"), "bad_character");
  EXPECT_EQ(code_of("450326 95003151231"), "bad_character");
}

TEST(IdNumber, RejectsUnknownRegion) {
  // Province 99 does not exist; check characters are right so only the region is wrong.
  const std::string first17 = "99032619500315123";
  EXPECT_EQ(code_of(first17 + IdNumber::check_character(first17)), "unknown_region");
  const std::string no_city = "45990019500315123";  // no prefecture 4599
  EXPECT_EQ(code_of(no_city + IdNumber::check_character(no_city)), "unknown_region");
}

TEST(IdNumber, AcceptsRetiredCountyUnderAKnownPrefecture) {
  // Counties merged since issue keep their codes on cards: 450399 is not a county, 4503 is.
  const std::string first17 = "45039919500315123";
  EXPECT_EQ(code_of(first17 + IdNumber::check_character(first17)), "ok");
}

TEST(IdNumber, RejectsImpossibleBirthDate) {
  for (std::string first17 : {"45032619500230123", "45032619501315123", "45032620230229123", "45032618000101123"}) {
    EXPECT_EQ(code_of(first17 + IdNumber::check_character(first17)), "impossible_birth_date") << first17;
  }
}

TEST(IdNumber, RejectsFutureBirthDate) {
  const std::string first17 = "45032620261125123";  // the day after kToday
  EXPECT_EQ(code_of(first17 + IdNumber::check_character(first17)), "future_birth_date");
  const std::string today = "45032620261124123";
  EXPECT_EQ(code_of(today + IdNumber::check_character(today)), "ok");
}

TEST(IdNumber, RejectsBadCheckCharacter) {
  EXPECT_EQ(code_of("450326195003151232"), "bad_check_character");
  EXPECT_EQ(code_of("110105194912310021"), "bad_check_character");
}

TEST(IdNumber, ErrorMessagesNeverContainTheNumber) {
  auto r = IdNumber::parse("450326195003151232", nullptr, kToday);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message.find("450326"), std::string::npos);
  EXPECT_EQ(r.error().field, "id_number");
}

TEST(IdNumber, ConvertsLegacy15Digits) {
  auto id = IdNumber::from_legacy15("450326500315123", nullptr, kToday);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->str(), "450326195003151231");
  EXPECT_EQ(IdNumber::from_legacy15("45032650031512", nullptr, kToday).error().code, "wrong_length");
  EXPECT_EQ(IdNumber::from_legacy15("45032650031512X", nullptr, kToday).error().code, "bad_character");
  EXPECT_EQ(IdNumber::from_legacy15("450326500231123", nullptr, kToday).error().code, "impossible_birth_date");
}

TEST(Masking, DefaultKeepsRegionAndLastFour) {
  EXPECT_EQ(mask_id_number("45032619500315123X"), "450326********123X");
}

TEST(Masking, CustomHeadAndTail) {
  EXPECT_EQ(mask_id_number("450326195003151231", 3, 2), "450*************31");
}

TEST(Masking, ShortInputIsNeverShownWhole) {
  EXPECT_EQ(mask_id_number("4503261"), "45*****");
  EXPECT_EQ(mask_id_number(""), "");
  EXPECT_NE(mask_id_number("1234"), "1234");
}

TEST(Masking, NamesKeepFirstCharacter) {
  EXPECT_EQ(mask_name("韦秀英"), "韦**");
  EXPECT_EQ(mask_name("李明"), "李*");
  EXPECT_EQ(mask_name("欧阳"), "欧*");
  EXPECT_EQ(mask_name(""), "");
}

}  // namespace
}  // namespace jiuzhu
