// county (#16) against the real jiuzhu-server (the second implementation of the due-date rule's
// inputs): a county administrator enters next year's holiday notice (PUT /api/v1/calendar/{year}),
// the kiosk's sync code fetches it with the kiosk's own token, and the offline receipt the kiosk
// would print for an application gives the same due date as the backend's answer to that very
// application — for every program alone and with 先行救助.
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/date.h"
#include "core/intake/receipt.h"
#include "core/model/json_codec.h"
#include "core/model/programs.h"
#include "core/timestamp.h"
#include "kiosk/outbox/calendar.h"
#include "kiosk/outbox/crypto.h"
#include "kiosk/outbox/http.h"
#include "kiosk/outbox/outbox.h"
#include "kiosk/outbox/sync.h"
#include "support/process.h"
#include "support/sample_application.h"
#include "support/temp_dir.h"

using namespace jiuzhu;
using namespace jiuzhu::kiosk;
using jiuzhu::test::quote;
using jiuzhu::test::run;
using nlohmann::json;

namespace {

json application(const std::vector<std::string>& programs, bool emergency) {
  json j = test::one_person_application(programs, now_rfc3339_china(), random_uuid());
  if (emergency) j["household"]["emergency"] = {{"kind", "fire"}, {"date", Date::today_china().iso()}, {"loss", 5000}};
  return j;
}

struct Server {
  test::TempDir dir;
  std::string url, kiosk_token;
  uint16_t port = 0;
  Server() {
    const char* bin = std::getenv("JIUZHU_SERVER") ? std::getenv("JIUZHU_SERVER") : JIUZHU_SERVER_BIN;
    const std::string s = quote(bin), d = quote(dir.path());
    auto token = run(s + " kiosk add --id HALL-CAL --township 450326101 --data-dir " + d + "/server");
    EXPECT_EQ(token.exit_code, 0);
    while (!token.out.empty() && (token.out.back() == '\n' || token.out.back() == '\r')) token.out.pop_back();
    kiosk_token = token.out;
    EXPECT_EQ(run("echo county-admin-pw | " + s +
                  " user add --login cal-admin --role county_admin --county 450326 --data-dir " + d + "/server")
                  .exit_code,
              0);
    auto p = run(s + " serve --listen 127.0.0.1:0 --data-dir " + d + "/server > " + d + "/out 2>/dev/null & echo $! > " +
                 d + "/pid; for i in $(seq 100); do grep -q listening " + d + "/out && break; sleep 0.1; done; " +
                 "sed -n 's/^listening on .*:\\([0-9]*\\)$/\\1/p' " + d + "/out");
    if (!p.out.empty()) p.out.pop_back();
    port = static_cast<uint16_t>(std::atoi(p.out.c_str()));
  }
  ~Server() { run("kill $(cat " + quote(dir.path()) + "/pid) 2>/dev/null"); }
  BackendConfig cfg(const std::string& token) const {
    BackendConfig c;
    c.port = port;
    c.token = token;
    return c;
  }
};

}  // namespace

TEST(CalendarBackend, TheKioskFetchesTheCountysNoticeAndItsOfflineDueDatesAgreeWithTheBackend) {
  Server srv;
  ASSERT_NE(srv.port, 0);
  ASSERT_FALSE(srv.kiosk_token.empty());
  auto login = http_request(srv.cfg(""), "POST", "/api/v1/auth/login", "application/json",
                            json{{"login", "cal-admin"}, {"password", "county-admin-pw"}}.dump());
  ASSERT_TRUE(login.ok());
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string admin = json::parse(login->body).at("token");

  // Next year's notice (the pattern of the State Council's: 元旦 with its weekend, 春节 nine days, a
  // make-up Sunday in January), entered as a county would. Next year counted from today, so the
  // test keeps its meaning whenever it runs.
  const int year = Date::today_china().year() + 1;
  auto date = [year](int m, int d) { return Date(year, static_cast<unsigned>(m), static_cast<unsigned>(d)); };
  json holidays = json::array(), workdays = json::array();
  for (int d = 1; d <= 3; ++d) holidays.push_back({{"date", date(1, d).iso()}, {"name", "元旦"}});
  for (int d = 5; d <= 13; ++d) holidays.push_back({{"date", date(2, d).iso()}, {"name", "春节"}});
  for (int d = 10; d <= 31; ++d)  // the first weekend day from 10 January on, worked
    if (date(1, d).iso_weekday() >= 6) {
      workdays.push_back({{"date", date(1, d).iso()}, {"name", "春节"}});
      break;
    }
  const json notice = {{"document_number", "国办发明电〔测试〕1号"},
                       {"title", "国务院办公厅关于" + std::to_string(year) + "年部分节假日安排的通知"},
                       {"published_on", Date::today_china().iso()},
                       {"holidays", holidays},
                       {"workdays", workdays}};
  auto put = http_request(srv.cfg(admin), "PUT", "/api/v1/calendar/" + std::to_string(year), "application/json",
                          notice.dump());
  ASSERT_TRUE(put.ok());
  ASSERT_EQ(put->status, 201) << put->body;

  // The kiosk, with its own token: GET is allowed (docs/api.md), PUT is not.
  auto refused = http_request(srv.cfg(srv.kiosk_token), "PUT", "/api/v1/calendar/" + std::to_string(year),
                              "application/json", notice.dump());
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->status, 403);
  test::TempDir kdir;
  auto key = load_or_create_key(kdir.path());
  auto box = std::move(Outbox::open(kdir.path() + "/outbox", *key)).value();
  CalendarStore store(kdir.path() + "/calendar");
  ASSERT_TRUE(store.current()->provisional(year) || !WorkingCalendar::builtin().covers(date(1, 1)));
  SyncWorker sync(*box, srv.cfg(srv.kiosk_token));
  sync.set_calendar(&store);
  ASSERT_TRUE(sync.calendar_once()) << sync.status().calendar_error;
  ASSERT_EQ(store.notices().count(year), 1u);
  EXPECT_EQ(store.notices().at(year).document_number, "国办发明电〔测试〕1号");
  EXPECT_FALSE(store.current()->provisional(year));

  int checked = 0, differ_from_shipped = 0;
  for (bool emergency : {false, true})
    for (const auto& p : model::kPrograms) {
      const json app = application({std::string(p.id)}, emergency && std::string(p.id) == "temporary_emergency");
      auto reply = http_request(srv.cfg(srv.kiosk_token), "POST", "/api/v1/applications",
                                "application/json; charset=utf-8", app.dump());
      ASSERT_TRUE(reply.ok());
      ASSERT_EQ(reply->status, 201) << reply->body;
      const json ack = json::parse(reply->body);
      auto decoded = model::decode_application(app);
      ASSERT_TRUE(decoded.ok());
      auto offline = intake::offline_acknowledgement(*decoded, "L450326101-0000ABCD", ack.at("received_at"),
                                                     *store.current());
      ASSERT_TRUE(offline.ok()) << offline.error().code;
      EXPECT_EQ(offline->due_date, ack.at("due_date")) << p.id;
      // 暂定 exactly where the backend says so.
      auto receipt = intake::make_receipt(*decoded, *offline, *store.current());
      ASSERT_TRUE(receipt.ok());
      if (ack.contains("due_date_provisional")) {
        EXPECT_EQ(receipt->deadlines.front().provisional, ack.at("due_date_provisional").get<bool>()) << p.id;
      }
      auto shipped = intake::offline_acknowledgement(*decoded, "L450326101-0000ABCD", ack.at("received_at"));
      if (!shipped.ok() || shipped->due_date != offline->due_date) ++differ_from_shipped;
      ++checked;
    }
  EXPECT_EQ(checked, 2 * static_cast<int>(model::kPrograms.size()));
  // How many of those the shipped data alone would have dated otherwise (depends on today).
  RecordProperty("differ_from_shipped", differ_from_shipped);
  std::printf("%d applications checked; %d would have had another due date without the notice\n", checked,
              differ_from_shipped);
}
