// county (#16): the kiosk learns the holiday notices a county entered on the backend. The sync
// code fetches GET /api/v1/calendar/{year} from a loopback backend (Poco's HTTPServer, not the
// kiosk's client), keeps the notice on disk, and the offline receipt counts its due dates with it
// (core/intake, the backend's one rule) and says 暂定 only for a year still provisional.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <tuple>
#include <algorithm>

#include "core/intake/receipt.h"
#include "core/model/json_codec.h"
#include "kiosk/devices/printer.h"
#include "kiosk/outbox/calendar.h"
#include "support/process.h"
#include "support/sample_application.h"
#include "sync_fixture.h"

using namespace jiuzhu;
using namespace jiuzhu::kiosk;
using nlohmann::json;

namespace {

// The backend's answer for a year with a notice entered, shaped as backend/http/handlers/calendar.cpp
// writes it (docs/api.md GET /api/v1/calendar/{year}). A notice for 2027 in the pattern of the
// State Council's (元旦 with the weekend, 春节 nine days with a make-up Saturday): not the real
// one, which is not published; what a county would enter.
json notice_answer_2027() {
  json days = json::array();
  for (const char* d : {"2027-01-01", "2027-01-02", "2027-01-03"}) days.push_back({{"date", d}, {"kind", "holiday"}, {"name", "元旦"}});
  for (int day = 5; day <= 13; ++day)
    days.push_back({{"date", "2027-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day)}, {"kind", "holiday"}, {"name", "春节"}});
  days.push_back({{"date", "2027-02-20"}, {"kind", "workday"}, {"name", "春节"}});
  return {{"year", 2027},
          {"in_force",
           {{"covered", true}, {"provisional", false}, {"source", "notice"}, {"version", 1},
            {"document_number", "国办发明电〔2026〕9号"}, {"title", "国务院办公厅关于2027年部分节假日安排的通知"},
            {"published_on", "2026-11-10"}}},
          {"days", days},
          {"versions", json::array()},
          {"first_year", 2024},
          {"last_year", 2027}};
}

json shipped_answer(int year) {
  return {{"year", year},
          {"in_force", {{"covered", true}, {"provisional", false}, {"source", "shipped"}}},
          {"days", json::array()},
          {"versions", json::array()},
          {"first_year", 2024},
          {"last_year", 2027}};
}

struct Backend {
  std::mutex mu;
  bool notice_entered = false;
  int status = 200;           // 403: a backend from before the kiosk could read the calendar
  std::string raw;            // when set, answered as is (hostile answers)
  std::vector<std::string> asked;
};

// Answers GET /api/v1/calendar/{year} as the backend would; anything else is 503.
test::LoopbackReply respond(Backend& backend, const std::string& method, const std::string& path,
                            const std::string&) {
  std::lock_guard lock(backend.mu);
  backend.asked.push_back(method + " " + path);
  if (method != "GET" || path.rfind("/api/v1/calendar/", 0) != 0) return test::LoopbackReply{503, {}};
  if (backend.status != 200) return test::LoopbackReply{backend.status, {{"error", {{"code", "forbidden"}}}}};
  const int year = std::stoi(path.substr(17));
  if (!backend.raw.empty()) return test::LoopbackReply{200, json::parse(backend.raw, nullptr, false)};
  return test::LoopbackReply{200, year == 2027 && backend.notice_entered ? notice_answer_2027() : shipped_answer(year)};
}

struct Fixture : test::SyncFixture<Backend> {
  Fixture() : SyncFixture(respond) {}
  std::string calendar_dir() const { return dir.path() + "/calendar"; }
};

// A 低保 application (30 working days) saved on 2026-12-24: its due date falls in 2027.
json dibao_application_json() {
  return test::one_person_application({"dibao"}, "2026-12-24T10:15:00+08:00", "3f1c2b9e-8d4a-4f6e-9b1a-2c3d4e5f6a7b");
}

model::Application dibao_application() {
  auto a = model::decode_application(dibao_application_json(), Date(2026, 12, 24));
  EXPECT_TRUE(a.ok()) << a.error().code << " " << a.error().field;
  return a ? *a : model::Application{};
}

constexpr const char* kSavedAt = "2026-12-24T10:15:00+08:00";

}  // namespace

TEST(CalendarSync, ANoticeEnteredOnTheBackendDatesTheOfflineReceiptAndIsNoLongerProvisional) {
  Fixture f;
  CalendarStore store(f.calendar_dir());
  SyncWorker sync(*f.box, f.cfg);
  sync.set_calendar(&store);

  // Before the county enters the notice: the shipped data, 2027 provisional (暂定).
  ASSERT_TRUE(sync.calendar_once({2026, 2027}));
  EXPECT_TRUE(store.notices().empty());
  const auto app = dibao_application();
  auto before = intake::offline_acknowledgement(app, "L450326101-0000ABCD", kSavedAt, *store.current());
  ASSERT_TRUE(before.ok()) << before.error().code;
  auto receipt_before = intake::make_receipt(app, *before, *store.current());
  ASSERT_TRUE(receipt_before.ok());
  ASSERT_EQ(receipt_before->deadlines.size(), 1u);
  EXPECT_TRUE(receipt_before->deadlines[0].provisional);
  // The shipped 2027 has only the statutory days: 春节 2027-02-05..08, so the 30th working day
  // after 2026-12-24 is Tuesday 2027-02-09.
  EXPECT_EQ(before->due_date, "2027-02-09");

  {
    std::lock_guard lock(f.backend.mu);
    f.backend.notice_entered = true;
    f.backend.asked.clear();
  }
  ASSERT_TRUE(sync.calendar_once({2026, 2027}));
  EXPECT_TRUE(sync.status().calendar_error.empty());
  {
    std::lock_guard lock(f.backend.mu);
    EXPECT_EQ(f.backend.asked, (std::vector<std::string>{"GET /api/v1/calendar/2026", "GET /api/v1/calendar/2027"}));
  }
  ASSERT_EQ(store.notices().count(2027), 1u);
  EXPECT_EQ(store.notices().at(2027).document_number, "国办发明电〔2026〕9号");

  auto after = intake::offline_acknowledgement(app, "L450326101-0000ABCD", kSavedAt, *store.current());
  ASSERT_TRUE(after.ok()) << after.error().code;
  // 春节 is now 02-05..02-13: the 30th working day is Monday 2027-02-15, final.
  EXPECT_EQ(after->due_date, "2027-02-15");
  auto receipt_after = intake::make_receipt(app, *after, *store.current());
  ASSERT_TRUE(receipt_after.ok());
  EXPECT_FALSE(receipt_after->deadlines[0].provisional);
  EXPECT_EQ(receipt_after->deadlines[0].due.iso(), "2027-02-15");
  // The one rule: the same dates as the core function over the shipped data with the notice.
  std::set<Date> off, worked;
  const json answer = notice_answer_2027();
  for (const auto& d : answer["days"])
    (d["kind"] == "holiday" ? off : worked).insert(*Date::parse_iso(d["date"].get<std::string>()));
  auto with_notice = WorkingCalendar::builtin().with_notice(2027, off, worked);
  ASSERT_TRUE(with_notice.ok()) << with_notice.error().message;
  auto expected = intake::application_deadlines(app, Date(2026, 12, 24), *with_notice);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(expected->case_due.iso(), after->due_date);

  // Kept on disk: a kiosk restarted offline still counts with the notice.
  CalendarStore reopened(f.calendar_dir());
  EXPECT_EQ(reopened.notices(), store.notices());
  auto offline_restart = intake::offline_acknowledgement(app, "L450326101-0000ABCD", kSavedAt, *reopened.current());
  ASSERT_TRUE(offline_restart.ok());
  EXPECT_EQ(offline_restart->due_date, "2027-02-15");
  // Fetched again: nothing changes (same version).
  auto again = store.keep(store.notices().at(2027));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
}

TEST(CalendarSync, AnUnreachableOrOlderBackendLeavesTheKeptCalendarAlone) {
  Fixture f;
  CalendarStore store(f.calendar_dir());
  SyncWorker sync(*f.box, f.cfg);
  sync.set_calendar(&store);
  {
    std::lock_guard lock(f.backend.mu);
    f.backend.notice_entered = true;
  }
  ASSERT_TRUE(sync.calendar_once({2027}));
  const auto kept = store.current();
  {
    std::lock_guard lock(f.backend.mu);
    f.backend.status = 403;  // a backend from before the kiosk role could read the calendar
  }
  EXPECT_FALSE(sync.calendar_once({2027}));
  EXPECT_EQ(sync.status().calendar_error, "http_403");
  EXPECT_EQ(store.current(), kept);
  f.server.stop();
  EXPECT_FALSE(sync.calendar_once({2027}));
  EXPECT_EQ(sync.status().calendar_error, "network_error");
  EXPECT_EQ(store.current(), kept);
  EXPECT_FALSE(store.current()->provisional(2027));
}

TEST(CalendarSync, HostileAnswersAreRefusedAndNothingIsKept) {
  Fixture f;
  CalendarStore store(f.calendar_dir());
  SyncWorker sync(*f.box, f.cfg);
  sync.set_calendar(&store);
  json wrong_year = notice_answer_2027();
  wrong_year["year"] = 2028;
  json outside = notice_answer_2027();
  outside["days"].push_back({{"date", "2028-01-01"}, {"kind", "holiday"}, {"name", "元旦"}});
  json bad_date = notice_answer_2027();
  bad_date["days"][0]["date"] = "2027-02-30";
  json both = notice_answer_2027();
  both["days"].push_back({{"date", "2027-01-02"}, {"kind", "workday"}, {"name", "?"}});
  json weekday_makeup = notice_answer_2027();
  weekday_makeup["days"].push_back({{"date", "2027-03-03"}, {"kind", "workday"}, {"name", "?"}});  // a Wednesday
  json no_days = notice_answer_2027();
  no_days["days"] = json::array();
  json odd_kind = notice_answer_2027();
  odd_kind["days"][0]["kind"] = "half_day";
  json odd_source = notice_answer_2027();
  odd_source["in_force"]["source"] = "rumour";
  for (const auto& [raw, code] : std::vector<std::pair<std::string, std::string>>{
           {wrong_year.dump(), "bad_calendar_answer"},   {outside.dump(), "bad_calendar_answer"},
           {bad_date.dump(), "bad_calendar_answer"},     {both.dump(), "bad_calendar_answer"},
           {weekday_makeup.dump(), "bad_calendar_notice"}, {no_days.dump(), "bad_calendar_answer"},
           {odd_kind.dump(), "bad_calendar_answer"},     {odd_source.dump(), "bad_calendar_answer"},
           {"[1,2,3]", "bad_calendar_answer"},           {"{\"year\":2027}", "bad_calendar_answer"}}) {
    {
      std::lock_guard lock(f.backend.mu);
      f.backend.raw = raw;
    }
    EXPECT_FALSE(sync.calendar_once({2027})) << raw;
    EXPECT_EQ(sync.status().calendar_error, code) << raw;
    EXPECT_TRUE(store.notices().empty()) << raw;
    EXPECT_TRUE(store.current()->provisional(2027));
  }
  EXPECT_FALSE(std::filesystem::exists(f.calendar_dir() + "/2027.json"));
}

TEST(CalendarSync, ADamagedFileOnDiskIsIgnoredAndTheShippedDataStands) {
  test::TempDir dir;
  std::filesystem::create_directories(dir.path() + "/calendar");
  std::ofstream(dir.path() + "/calendar/2027.json") << "{\"year\": 2027, \"holidays\": [\"2027-13-01\"]";
  std::ofstream(dir.path() + "/calendar/2026.json") << R"({"year": 2027, "holidays": ["2027-01-01"], "workdays": []})";
  CalendarStore store(dir.path() + "/calendar");
  EXPECT_TRUE(store.notices().empty());
  EXPECT_TRUE(store.current()->provisional(2027));
  EXPECT_EQ(store.current()->last_year(), WorkingCalendar::builtin().last_year());
}

// The paper as the kiosk prints it (kiosk/devices/printer, simulated: the PDF is kept), read back
// by poppler's pdftotext, a second implementation of PDF text.
std::string printed_text(Printer& printer, const json& data, std::shared_ptr<const WorkingCalendar> calendar) {
  printer.print_receipt(data, std::move(calendar));
  for (int i = 0; i < 300; ++i) {
    for (auto& e : printer.events().drain()) {
      EXPECT_TRUE(e.ok) << e.error_code;
      auto text = test::run("pdftotext -enc UTF-8 " + test::quote(e.path) + " -");
      return text.out;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "nothing printed";
  return {};
}

TEST(CalendarSync, ThePrintedOfflineReceiptCountsWithTheNoticeAndIsProvisionalOnlyWithoutIt) {
  if (!test::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) not installed";
  Fixture f;
  CalendarStore store(f.calendar_dir());
  const auto shipped = store.current();
  auto notice = read_calendar_answer(notice_answer_2027().dump(), 2027);
  ASSERT_TRUE(notice.ok() && *notice);
  ASSERT_TRUE(store.keep(**notice).ok());
  Printer printer(true, f.dir.path() + "/printed");
  const auto app = dibao_application();
  for (const auto& [calendar, due, zh, provisional] :
       std::vector<std::tuple<std::shared_ptr<const WorkingCalendar>, std::string, std::string, bool>>{
           {shipped, "2027-02-09", "2027年2月9日前", true}, {store.current(), "2027-02-15", "2027年2月15日前", false}}) {
    auto ack = intake::offline_acknowledgement(app, "L450326101-0000ABCD", kSavedAt, *calendar);
    ASSERT_TRUE(ack.ok());
    EXPECT_EQ(ack->due_date, due);
    json data = dibao_application_json();
    data["application_no"] = ack->application_no;
    data["status"] = ack->status;
    data["received_at"] = ack->received_at;
    data["due_date"] = ack->due_date;
    data["hall"] = {{"name", "罗锦镇社会救助服务大厅"}, {"address", "罗锦镇政府一楼"}, {"phone", "0773-8000000"}};
    std::string text = printed_text(printer, data, calendar);
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n'; }), text.end());
    EXPECT_NE(text.find(zh), std::string::npos) << text;
    EXPECT_EQ(text.find("预计，以通知为准") != std::string::npos, provisional) << text;
  }
}
