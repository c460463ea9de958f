// core/intake: due dates per program from the policy catalog, 先行救助, materials and paper
// signatures, the receipt's data, answers → household. The expected limits are read from the
// policy files with plain nlohmann::json here, not through the catalog loader under test.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/intake/answers.h"
#include "core/intake/deadlines.h"
#include "core/intake/labels.h"
#include "core/intake/materials.h"
#include "core/intake/receipt.h"
#include "core/model/json_codec.h"
#include "core/model/programs.h"
#include "core/policy/facts.h"
#include "core/regions.h"
#include "support/sample_application.h"

namespace jiuzhu::intake {
namespace {

using Json = nlohmann::json;
const WorkingCalendar& cal() { return WorkingCalendar::builtin(); }

// The limit written in assets/policies/<program>.json, or nullopt for null.
std::optional<int> file_limit(std::string_view program) {
  std::ifstream in(assets_dir() + "/policies/" + std::string(program) + ".json");
  Json j = Json::parse(in);
  const auto& v = j.at("time_limit_working_days");
  return v.is_null() ? std::nullopt : std::optional<int>(v.get<int>());
}

// The sample application (tests/support) of 韦建国 for 低保, with his wife and grandson.
model::Application application(Json changes = Json::object()) {
  Json j = test::one_person_application({"dibao"}, "2026-11-24T10:15:00+08:00", "3f1c2b9e-8d4a-4f6e-9b1a-2c3d4e5f6a7b");
  auto& members = j["household"]["members"];
  members.push_back({{"id_number", "450326194610010022"}, {"name", "韦秀英"}, {"relation", "spouse"}});
  members.push_back({{"id_number", "450326201506010017"}, {"name", "韦小明"}, {"relation", "grandchild"}});
  j.merge_patch(changes);
  auto a = model::decode_application(j, Date(2026, 11, 24));
  EXPECT_TRUE(a.ok()) << a.error().code << " " << a.error().field;
  return a ? *a : model::Application{};
}

TEST(IntakeDeadlines, EveryProgramUsesItsPolicyFileLimit) {
  for (const auto& p : model::kPrograms) {
    auto days = TimeLimits::builtin().working_days(p.id, false);
    ASSERT_TRUE(days.ok()) << p.id;
    EXPECT_EQ(*days, file_limit(p.id).value_or(kReferralWorkingDays)) << p.id;
  }
  EXPECT_EQ(*TimeLimits::builtin().working_days("temporary_emergency", true), kFirstAidWorkingDays);
  EXPECT_EQ(*TimeLimits::builtin().working_days("dibao", true), 30);  // urgency concerns 急难 only
  EXPECT_EQ(TimeLimits::builtin().working_days("no_such", false).error().code, "unknown_program");
}

TEST(IntakeDeadlines, DueDateUsesTheWorkingDayCalendar) {
  const Date received(2026, 11, 24);  // a Tuesday
  auto due = case_deadlines({"dibao"}, false, received);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->case_due, *cal().add_working_days(received, 30));
  EXPECT_TRUE(cal().is_working_day(due->case_due));
  EXPECT_GE(received.days_until(due->case_due), 42);
  // Around the 2026 Spring Festival the deadline moves further than weekends alone give.
  auto spring = case_deadlines({"dibao"}, false, Date(2026, 2, 10));
  ASSERT_TRUE(spring.ok());
  EXPECT_GT(Date(2026, 2, 10).days_until(spring->case_due), 42);
}

TEST(IntakeDeadlines, EachProgramKeepsItsOwnDateAndTheCaseTakesTheEarliest) {
  const Date received(2026, 11, 24);
  auto mixed = case_deadlines({"dibao", "temporary_expense", "dibao"}, false, received);
  ASSERT_TRUE(mixed.ok());
  ASSERT_EQ(mixed->programs.size(), 2u);  // duplicates once
  EXPECT_EQ(mixed->programs[0].program, "temporary_expense");
  EXPECT_EQ(mixed->programs[0].due, *cal().add_working_days(received, 15));
  EXPECT_EQ(mixed->programs[1].program, "dibao");
  EXPECT_EQ(mixed->programs[1].due, *cal().add_working_days(received, 30));
  EXPECT_EQ(mixed->case_due, mixed->programs[0].due);

  auto urgent = case_deadlines({"temporary_emergency", "dibao"}, true, received);
  ASSERT_TRUE(urgent.ok());
  EXPECT_EQ(urgent->case_due, Date(2026, 11, 25));
  // Friday → the next Monday.
  EXPECT_EQ(case_deadlines({"temporary_emergency"}, true, Date(2026, 11, 27))->case_due, Date(2026, 11, 30));
  EXPECT_EQ(case_deadlines({"nope"}, false, received).error().code, "unknown_program");
  EXPECT_EQ(case_deadlines({}, false, received).error().code, "no_programs");
  EXPECT_FALSE(case_deadlines({"dibao"}, false, Date(2031, 6, 1)).ok());  // past the holiday data: no guess
}

TEST(IntakeDeadlines, FirstAidNeedsARecentEmergency) {
  Json emergency = {{"programs", {"temporary_emergency"}},
                    {"household", {{"emergency", {{"kind", "fire"}, {"date", "2026-11-20"}, {"loss", 12000}}}}}};
  auto app = application(emergency);
  EXPECT_TRUE(is_urgent_first_aid(app, Date(2026, 11, 24)));
  EXPECT_FALSE(is_urgent_first_aid(app, Date(2026, 12, 24)));
  EXPECT_EQ(application_deadlines(app, Date(2026, 11, 24))->case_due, Date(2026, 11, 25));
  app.programs = {"dibao"};
  EXPECT_FALSE(is_urgent_first_aid(app, Date(2026, 11, 24)));
}

TEST(IntakeMaterials, TheCardReadIsNotMissingAndTheAuthorisationIsSignedOnPaper) {
  auto a = application();
  auto missing = missing_materials(a);
  for (const auto& m : missing) {
    EXPECT_NE(m.kind, "id_card");
    EXPECT_NE(m.kind, "verification_authorization");
    EXPECT_NE(m.kind, "truthfulness_promise");  // promised on the screen
  }
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].kind, "hukou_booklet");
  // Typed, not read: the card is still to be shown.
  a.applicant.card_read = false;
  missing = missing_materials(a);
  EXPECT_EQ(missing[0].kind, "id_card");
  // Two adults of three members sign the authorisation at the office.
  auto sign = signatures_on_paper(a, Date(2026, 11, 24));
  ASSERT_EQ(sign.size(), 1u);
  EXPECT_EQ(sign[0].kind, "verification_authorization");
  EXPECT_NE(sign[0].who.find("共2人"), std::string::npos) << sign[0].who;
  // Scanned already signed: nothing left to sign.
  a.documents.push_back({"verification_authorization", std::string(64, 'b'), 1});
  EXPECT_TRUE(signatures_on_paper(a, Date(2026, 11, 24)).empty());
}

// console: the receipt's "共N人" and the printed authorisation's rows count the same members: an
// adult who does not live with the household (or is in prison) is not counted, and signs nothing.
TEST(IntakeMaterials, OnlyCountedAdultsSignTheAuthorisation) {
  auto a = application();
  const auto before = signatures_on_paper(a, Date(2026, 11, 24));
  ASSERT_EQ(before.size(), 1u);
  model::Member away = a.household.members.front();
  away.relation = model::Relation::child;
  away.lives_together = false;
  a.household.members.push_back(away);
  EXPECT_FALSE(signs_authorization(a.household.members.back()));
  EXPECT_EQ(signatures_on_paper(a, Date(2026, 11, 24))[0].who, before[0].who);
  a.household.members.back().lives_together = true;
  a.household.members.back().in_prison = true;
  EXPECT_EQ(signatures_on_paper(a, Date(2026, 11, 24))[0].who, before[0].who);
  a.household.members.back().in_prison = false;
  EXPECT_NE(signatures_on_paper(a, Date(2026, 11, 24))[0].who, before[0].who);
}

TEST(IntakeReceipt, ShowsEveryMemberMaskedAndEachProgramsDate) {
  auto a = application({{"programs", {"dibao", "temporary_expense"}}});
  model::Acknowledgement ack{"450326101-20261124-0007", "received", "2026-11-24T10:15:03+08:00", ""};
  ack.due_date = application_deadlines(a, Date(2026, 11, 24))->case_due.iso();
  auto r = make_receipt(a, ack);
  ASSERT_TRUE(r.ok()) << r.error().code;
  ASSERT_EQ(r->members.size(), 3u);
  EXPECT_EQ(r->members[0].role, "申请人");
  EXPECT_EQ(r->members[1].role, "配偶");
  EXPECT_EQ(r->members[1].name, "韦**");
  for (const auto& m : r->members) EXPECT_NE(m.id_masked.find("********"), std::string::npos);
  ASSERT_EQ(r->deadlines.size(), 2u);
  EXPECT_EQ(r->deadlines[0].due.iso(), ack.due_date);  // the earliest is the backend's date
  EXPECT_EQ(r->deadlines[0].working_days, 15);
  EXPECT_EQ(r->deadlines[1].working_days, 30);
  EXPECT_EQ(r->to_sign.size(), 1u);
  EXPECT_EQ(r->progress_lookup, kProgressLookup);
  // A UTC timestamp late in the evening is the next day in China.
  ack.received_at = "2026-11-24T20:00:00Z";
  auto late = make_receipt(a, ack);
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->deadlines[0].due, *cal().add_working_days(Date(2026, 11, 25), 15));
  ack.received_at = "yesterday";
  EXPECT_EQ(make_receipt(a, ack).error().code, "bad_timestamp");
}

TEST(IntakeReceipt, OfflineAnswerCountsLikeTheBackend) {
  auto a = application({{"programs", {"tekun", "medical"}}});
  auto ack = offline_acknowledgement(a, "L450326101-ABCDEF12", "2026-11-24T10:15:03+08:00");
  ASSERT_TRUE(ack.ok());
  EXPECT_EQ(ack->status, "pending_upload");
  EXPECT_EQ(ack->due_date, case_deadlines({"tekun", "medical"}, false, Date(2026, 11, 24))->case_due.iso());
}

TEST(IntakeLabels, OneTableForMembersAndProxies) {
  EXPECT_EQ(relation_label(model::Relation::spouse), "配偶");
  EXPECT_EQ(relation_label("village_cadre"), "村（居）委会干部");
  EXPECT_EQ(relation_label(model::Relation::grandchild), relation_label("grandchild"));
  EXPECT_EQ(relation_label("martian"), "martian");
  EXPECT_EQ(document_label("hukou_booklet"), "户口簿");
  EXPECT_EQ(program_label("dibao"), "最低生活保障");
}

// The relation words are one table: the model's labels (screens, paper), the policy
// explanations (policy/facts) and the population feed's extra values all read it.
TEST(IntakeLabels, OneRelationTableForModelPolicyAndFeeds) {
  using jiuzhu::policy::EnumType;
  const auto names = jiuzhu::policy::enum_values(EnumType::relation);
  ASSERT_FALSE(names.empty());
  for (size_t i = 0; i < names.size(); ++i) {
    EXPECT_EQ(std::string(jiuzhu::policy::enum_label_zh(EnumType::relation, static_cast<int>(i))),
              relation_label(names[i]))
        << names[i];
  }
  for (auto r : {model::Relation::self, model::Relation::spouse, model::Relation::child, model::Relation::parent,
                 model::Relation::grandparent, model::Relation::grandchild, model::Relation::sibling,
                 model::Relation::other}) {
    EXPECT_EQ(std::string(model::label_zh(r)), relation_label(r));
    EXPECT_FALSE(relation_word(model::to_string(r)).empty());
  }
  EXPECT_EQ(relation_word("head"), "户主");
  EXPECT_EQ(relation_word("child_in_law"), "儿媳/女婿");
  EXPECT_EQ(relation_word("martian"), "");
}

TEST(IntakeAnswers, UnknownStaysUnknown) {
  SelfCheckAnswers a;
  a.household_size = 2;
  a.household_income = 900;
  a.has_vehicle = false;
  auto h = household_from_answers(a, "450326195003151231", Date(2026, 11, 24));
  ASSERT_EQ(h.members.size(), 2u);
  EXPECT_EQ(h.members[0].id_number, "450326195003151231");
  EXPECT_EQ(*h.members[0].monthly_income, 900);
  EXPECT_EQ(*h.members[1].monthly_income, 0);
  EXPECT_EQ(*h.assets.vehicles, 0);
  EXPECT_FALSE(h.assets.deposits.has_value());
  EXPECT_FALSE(h.hukou.has_value());
  EXPECT_FALSE(h.emergency.has_value());
  a.emergency = true;
  EXPECT_EQ((*household_from_answers(a, "", Date(2026, 11, 24)).emergency)->date, Date(2026, 11, 24));
}

}  // namespace
}  // namespace jiuzhu::intake

namespace jiuzhu::intake {
namespace {

TEST(IntakeAnswers, TheSelfCheckFillsOnlyWhatTheApplicationLeavesOpen) {
  SelfCheckAnswers a;
  a.rural = true;
  a.household_income = 600;
  a.deposits = 2000;
  a.has_vehicle = false;
  a.extra_housing = false;
  a.has_supporter = false;
  a.disability_severe = false;
  model::Household h;
  h.members.resize(2);
  h.members[0].relation = model::Relation::self;
  h.members[1].relation = model::Relation::child;
  h.assets.deposits = 500;  // the application's own answer wins
  fill_from_answers(h, a, Date(2026, 11, 24));
  EXPECT_EQ(*h.hukou, model::Hukou::rural);
  EXPECT_EQ(*h.assets.deposits, 500);
  EXPECT_EQ(*h.assets.vehicles, 0);
  EXPECT_EQ(*h.assets.extra_housing, 0);
  EXPECT_FALSE(*h.has_able_supporter);
  EXPECT_EQ(*h.members[0].monthly_income, 600);
  EXPECT_EQ(*h.members[1].monthly_income, 0);
  EXPECT_FALSE(*h.members[0].serious_illness);
  EXPECT_FALSE(h.members[1].serious_illness.has_value());
  // Incomes given in the application are kept as they are.
  model::Household given;
  given.members.resize(2);
  given.members[1].monthly_income = 300;
  fill_from_answers(given, a, Date(2026, 11, 24));
  EXPECT_FALSE(given.members[0].monthly_income.has_value());
  EXPECT_EQ(*given.members[1].monthly_income, 300);
}

}  // namespace
}  // namespace jiuzhu::intake
