#include "core/regions.h"

#include <gtest/gtest.h>

namespace jiuzhu {
namespace {

TEST(Regions, BuiltinTableHasProvincesCitiesCounties) {
  const auto& t = RegionTable::builtin();
  EXPECT_GT(t.size(), 3000u);
  ASSERT_NE(t.find("450326"), nullptr);
  EXPECT_EQ(t.find("450326")->name, "永福县");
  EXPECT_EQ(t.find("450326")->level, RegionLevel::county);
  EXPECT_EQ(t.find("450000")->level, RegionLevel::province);
  EXPECT_EQ(t.find("450300")->level, RegionLevel::city);
  EXPECT_EQ(t.find("999999"), nullptr);
}

TEST(Regions, FullNameWalksProvinceCityCounty) {
  const auto& t = RegionTable::builtin();
  EXPECT_EQ(t.full_name("450326"), "广西壮族自治区桂林市永福县");
  EXPECT_EQ(t.full_name("370883"), "山东省济宁市邹城市");
  // Municipalities have a "市辖区" placeholder city that must not appear.
  EXPECT_EQ(t.full_name("110105"), "北京市朝阳区");
}

TEST(Regions, CountiesUnderACity) {
  auto counties = RegionTable::builtin().counties_under("450300");
  bool found = false;
  for (const Region* r : counties) {
    EXPECT_EQ(r->code.substr(0, 4), "4503");
    found |= r->code == "450326";
  }
  EXPECT_TRUE(found);
}

TEST(Regions, TownshipsComeFromDeploymentConfig) {
  auto table = RegionTable::parse_csv("450000,广西壮族自治区\n450300,桂林市\n450326,永福县\n");
  ASSERT_TRUE(table.ok());
  RegionTable t = std::move(table).value();
  EXPECT_TRUE(t.add_township("450326101", "罗锦镇").ok());
  EXPECT_EQ(t.full_name("450326101"), "广西壮族自治区桂林市永福县罗锦镇");
  EXPECT_EQ(t.add_township("45032610", "x").error().code, "bad_township_code");
  EXPECT_EQ(t.add_township("370883101", "x").error().code, "unknown_county");
}

TEST(Regions, MalformedDataNamesTheLine) {
  auto t = RegionTable::parse_csv("# comment\n450000,广西\n45A300,桂林市\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, "bad_region_row");
  EXPECT_NE(t.error().message.find("line 3"), std::string::npos);
  EXPECT_EQ(RegionTable::parse_csv("# nothing\n").error().code, "empty_region_table");
}

}  // namespace
}  // namespace jiuzhu
