#include "core/model/json_codec.h"

#include <gtest/gtest.h>

namespace jiuzhu::model {
namespace {

const Date kToday{2026, 11, 24};

Json household_json() {
  return Json::parse(R"({
    "hukou": "rural",
    "members": [
      {"id_number": "450326195003151231", "name": "韦建国", "relation": "self", "lives_together": true,
       "monthly_income": 0, "pension_monthly": 0, "disability": {"kind": "physical", "grade": 1},
       "serious_illness": false, "employment": "none", "student": null, "in_prison": false},
      {"id_number": "450326194610010022", "name": "韦秀英", "relation": "spouse", "lives_together": true,
       "monthly_income": 300.5, "disability": null}
    ],
    "assets": {"deposits": 2000, "vehicles": 0, "extra_housing": 0},
    "rigid_expenses_12m": {"medical_out_of_pocket": 8000, "education": 0, "rehabilitation": 0},
    "emergency": null,
    "has_able_supporter": false,
    "housing_hardship": false,
    "receiving": []
  })");
}

Json application_json() {
  return Json{{"client_id", "3f1c2b9e-8d4a-4f6e-9b1a-2c3d4e5f6a7b"},
              {"township", "450326101"},
              {"channel", "kiosk"},
              {"programs", {"dibao"}},
              {"applicant", {{"id_number", "450326195003151231"}, {"name", "韦建国"}, {"phone", "13800000000"},
                             {"address", "永福县罗锦镇某村"}, {"card_read", true}}},
              {"proxy", nullptr},
              {"household", household_json()},
              {"statement", "老伴生病，家里没有收入。"},
              {"documents", {{{"kind", "hukou_booklet"}, {"sha256", std::string(64, 'a')}, {"pages", 2}}}},
              {"consent", {{"verification_authorized", true}, {"truthfulness_promised", true},
                           {"signed_at", "2026-11-24T09:30:00+08:00"}}},
              {"submitted_at", "2026-11-24T09:31:12+08:00"}};
}

TEST(HouseholdCodec, DecodesTheContractExample) {
  auto h = decode_household(household_json(), kToday);
  ASSERT_TRUE(h.ok()) << h.error().field << ": " << h.error().message;
  ASSERT_EQ(h->members.size(), 2u);
  EXPECT_EQ(h->hukou, Hukou::rural);
  const Member& self = h->members[0];
  ASSERT_TRUE(self.disability.has_value());
  ASSERT_TRUE(self.disability->has_value());
  EXPECT_EQ((*self.disability)->grade, 1);
  const Member& spouse = h->members[1];
  EXPECT_TRUE(spouse.disability.has_value());   // known...
  EXPECT_FALSE(spouse.disability->has_value());  // ...to be none
  EXPECT_FALSE(spouse.serious_illness.has_value());  // unknown: left out
  EXPECT_DOUBLE_EQ(*spouse.monthly_income, 300.5);
  EXPECT_TRUE(h->emergency.has_value());
  EXPECT_FALSE(h->emergency->has_value());
}

TEST(HouseholdCodec, RoundTrips) {
  auto h = decode_household(household_json(), kToday);
  ASSERT_TRUE(h.ok());
  auto again = decode_household(encode(h.value()), kToday);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(encode(again.value()), encode(h.value()));
}

struct BadCase {
  const char* name;
  const char* pointer;  // JSON pointer to change
  Json value;
  const char* code;
  const char* field;
};

class HouseholdRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(HouseholdRejects, WithCodeAndField) {
  Json j = household_json();
  j[Json::json_pointer(GetParam().pointer)] = GetParam().value;
  auto h = decode_household(j, kToday);
  ASSERT_FALSE(h.ok());
  EXPECT_EQ(h.error().code, GetParam().code);
  EXPECT_EQ(h.error().field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HouseholdRejects,
    ::testing::Values(
        BadCase{"unknown_field", "/surprise", 1, "unknown_field", "surprise"},
        BadCase{"nested_unknown", "/members/1/salary", 1, "unknown_field", "members[1].salary"},
        BadCase{"negative_income", "/members/0/monthly_income", -5, "negative_amount", "members[0].monthly_income"},
        BadCase{"three_decimals", "/members/0/monthly_income", 1.234, "bad_amount", "members[0].monthly_income"},
        BadCase{"income_as_string", "/members/0/monthly_income", "300", "wrong_type", "members[0].monthly_income"},
        BadCase{"bad_relation", "/members/1/relation", "cousin", "bad_enum", "members[1].relation"},
        BadCase{"bad_id", "/members/1/id_number", "450326194610010023", "invalid_id_number", "members[1].id_number"},
        BadCase{"grade_5", "/members/0/disability/grade", 5, "out_of_range", "members[0].disability.grade"},
        BadCase{"no_members", "/members", Json::array(), "missing_field", "members"},
        BadCase{"bad_hukou", "/hukou", "city", "bad_enum", "hukou"},
        BadCase{"bad_program", "/receiving", Json::array({"lottery"}), "bad_enum", "receiving[0]"},
        BadCase{"bad_emergency_date", "/emergency", Json{{"kind", "fire"}, {"date", "2026-13-01"}}, "bad_date",
                "emergency.date"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(ApplicationCodec, DecodesAndRoundTrips) {
  auto a = decode_application(application_json(), kToday);
  ASSERT_TRUE(a.ok()) << a.error().field << ": " << a.error().message;
  EXPECT_EQ(a->applicant.name, "韦建国");
  EXPECT_EQ(a->documents.at(0).pages, 2);
  EXPECT_FALSE(a->proxy.has_value());
  auto again = decode_application(encode(a.value()), kToday);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(encode(again.value()), encode(a.value()));
}

// The stored form keeps the document as sent and only makes its ID numbers canonical.
TEST(ApplicationCodec, StoredFormIsTheDocumentWithCanonicalIdNumbers) {
  Json sent = application_json();
  sent["household"]["members"][1]["id_number"] = "45032619461001068x";  // lower-case check x
  auto a = decode_application(sent, kToday);
  ASSERT_TRUE(a.ok()) << a.error().field << ": " << a.error().message;
  Json doc = sent;
  const Json stored = Json::parse(stored_form(doc, *a));
  Json expected = sent;
  expected["household"]["members"][1]["id_number"] = "45032619461001068X";
  EXPECT_EQ(stored, expected);  // nothing else changed: absent stays absent, 0 stays an integer
  EXPECT_TRUE(stored["household"]["members"][0]["monthly_income"].is_number_integer());
  EXPECT_FALSE(stored["household"]["members"][1].contains("pension_monthly"));
  auto again = decode_application(stored, kToday);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(encode(*again), encode(*a));
}

TEST(ApplicationCodec, RejectsHostileOrInvalidFields) {
  auto code_for = [](const char* pointer, Json value) {
    Json j = application_json();
    j[Json::json_pointer(pointer)] = std::move(value);
    auto a = decode_application(j, kToday);
    return a.ok() ? std::string("ok") : a.error().code + "@" + a.error().field;
  };
  EXPECT_EQ(code_for("/client_id", "not-a-uuid"), "bad_client_id@client_id");
  EXPECT_EQ(code_for("/township", "999999101"), "bad_township@township");
  EXPECT_EQ(code_for("/programs", Json::array()), "missing_field@programs");
  EXPECT_EQ(code_for("/applicant/id_number", "45032619500315123"), "invalid_id_number@applicant.id_number");
  EXPECT_EQ(code_for("/applicant/name", std::string(300, 'a')), "too_long@applicant.name");
  EXPECT_EQ(code_for("/documents/0/sha256", "ABC"), "bad_sha256@documents[0].sha256");
  EXPECT_EQ(code_for("/submitted_at", "yesterday"), "bad_timestamp@submitted_at");
  EXPECT_EQ(code_for("/household/members/0/in_prison", "no"), "wrong_type@household.members[0].in_prison");
  EXPECT_EQ(code_for("/proxy", Json{{"id_number", "450326194610010022"}, {"name", "韦小红"}, {"relation", "child"}}),
            "missing_field@proxy.authorization_document");
}

TEST(LeadCodec, NeedsSomeoneOrSomewhere) {
  Json j = {{"source", "hotline"}, {"township", "450326101"}, {"subject", Json::object()},
            {"situation", "独居老人，最近生病没人照顾"}, {"urgent", true}};
  EXPECT_EQ(decode_lead(j, kToday).error().code, "missing_field");
  j["subject"]["address"] = "罗锦镇某村3组";
  auto lead = decode_lead(j, kToday);
  ASSERT_TRUE(lead.ok()) << lead.error().message;
  EXPECT_TRUE(lead->urgent);
  j["source"] = "tv";
  EXPECT_EQ(decode_lead(j, kToday).error().code, "bad_enum");
}

TEST(ParseJson, LimitsDepthAndSize) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_EQ(parse_json(deep).error().code, "too_deep");
  EXPECT_EQ(parse_json("{\"a\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"}").ok(), true);  // brackets in strings
  EXPECT_EQ(parse_json("{\"a\":", 32).error().code, "malformed_json");
  EXPECT_EQ(parse_json(std::string(2000, ' '), 32, 1000).error().code, "body_too_large");
  EXPECT_EQ(parse_json("[1,2]")->size(), 2u);
}

TEST(ParseJson, RootMustBeAnObjectForDecoders) {
  EXPECT_EQ(decode_application(Json::array()).error().code, "wrong_type");
  EXPECT_EQ(decode_lead(Json("x")).error().code, "wrong_type");
}

}  // namespace
}  // namespace jiuzhu::model
