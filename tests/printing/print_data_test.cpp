// Bad data gives a clear error naming the field, before any layout.
#include <gtest/gtest.h>

#include "printing/print_data.h"
#include "test_support.h"

namespace jiuzhu::printing {
namespace {

Result<PrintData> decode(const nlohmann::json& j) { return decode_print_data(j, Date(2026, 11, 24)); }

TEST(PrintData, SampleDecodes) {
  auto d = decode(test::sample_data());
  ASSERT_TRUE(d) << d.error().message << " " << d.error().field;
  EXPECT_EQ(d->application_no, "JZ450326100-20261124-0007");
  EXPECT_EQ(d->status, "received");
  ASSERT_TRUE(d->due_date);
  EXPECT_EQ(d->due_date->iso(), "2027-01-06");
  EXPECT_EQ(d->hall.phone, "0773-8512345");
  EXPECT_EQ(d->application.household.members.size(), 3u);
  EXPECT_TRUE(d->application.proxy);
}

TEST(PrintData, OverlongNameIsAnError) {
  auto j = test::sample_data();
  j["applicant"]["name"] = "阿卜杜热合曼·买买提艾力";  // a long Uyghur name fits ...
  EXPECT_TRUE(decode(j)) << decode(j).error().message;
  j["household"]["members"][1]["name"] = "一二三四五六七八九十一二三四五六七八九十一";  // ... 21 do not
  auto d = decode(j);
  ASSERT_FALSE(d);
  EXPECT_TRUE(d.error().code == "field_too_long" || d.error().code == "too_long") << d.error().code;
  EXPECT_EQ(d.error().field, "household.members[1].name");
}

TEST(PrintData, MissingFieldsAreNamed) {
  auto j = test::sample_data();
  j["hall"].erase("phone");
  auto d = decode(j);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, "missing_field");
  EXPECT_EQ(d.error().field, "hall.phone");

  j = test::sample_data();
  j.erase("applicant");
  d = decode(j);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().field.rfind("applicant", 0), 0u) << d.error().field;
}

TEST(PrintData, BadValuesAreRejected) {
  auto j = test::sample_data();
  j["due_date"] = "2027-02-30";
  EXPECT_EQ(decode(j).error().field, "due_date");
  j = test::sample_data();
  j["status"] = "lost";
  EXPECT_EQ(decode(j).error().field, "status");
  j = test::sample_data();
  j["application_no"] = "JZ 0007<script>";
  EXPECT_EQ(decode(j).error().field, "application_no");
  j = test::sample_data();
  j["received_at"] = "yesterday";
  EXPECT_EQ(decode(j).error().field, "received_at");
  j = test::sample_data();
  j["hall"]["fax"] = "0773";
  EXPECT_EQ(decode(j).error().code, "unknown_field");
  j = test::sample_data();
  j["applicant"]["id_number"] = "450326195203151235";  // wrong check character
  auto d = decode(j);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().field, "applicant.id_number");
  EXPECT_EQ(d.error().message.find("450326195203151235"), std::string::npos);
}

TEST(PrintData, DatesInChinese) {
  EXPECT_EQ(format_timestamp_zh("2026-11-24T10:15:02+08:00"), "2026年11月24日 10:15");
  EXPECT_EQ(format_date_zh(Date(2027, 1, 6)), "2027年1月6日");
}

}  // namespace
}  // namespace jiuzhu::printing
