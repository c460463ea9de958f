// Script parsing, keypad rules, theme contrast, options, session wipe, UTF-8 helpers.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kiosk/app/options.h"
#include "kiosk/app/stats.h"
#include "kiosk/outbox/outbox.h"
#include "kiosk/outbox/sync.h"
#include "kiosk/script/script.h"
#include "kiosk/session/session.h"
#include "kiosk/text/strings.h"
#include "core/utf8.h"
#include "kiosk/text/wipe.h"
#include "kiosk/ui/keypad.h"
#include "kiosk/ui/theme.h"

using namespace jiuzhu::kiosk;
namespace utf8 = jiuzhu::utf8;

TEST(Script, ParsesEveryStep) {
  auto r = parse_script(
      "# a comment\n\n"
      "tap home.apply\n"
      "type 45032619480315002X\n"
      "card assets/cards/resident_elder.json\n"
      "remove-card\n"
      "camera photo.jpg\n"
      "wait home 3.5\n"
      "wait attract\n"
      "expect 您好 韦秀英\n"
      "expect-not 待上传\n"
      "shot home\n"
      "sleep 0.5\n"
      "elderly on\n"
      "stroke 10,10 100,100 200,50\n"
      "drag 540,1500 540,700\n"
      "wait-uploaded 30\n"
      "expect-pending 0\n"
      "hold home.check 1.2\n"
      "expect-spoken 看看我能申请什么\n");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& s = *r;
  ASSERT_EQ(s.size(), 18u);
  EXPECT_EQ(s[16].kind, StepKind::hold);
  EXPECT_DOUBLE_EQ(s[16].seconds, 1.2);
  EXPECT_EQ(s[17].kind, StepKind::expect_spoken);
  EXPECT_EQ(s[17].arg, "看看我能申请什么");
  EXPECT_EQ(s[13].kind, StepKind::drag);
  EXPECT_EQ(s[0].kind, StepKind::tap);
  EXPECT_EQ(s[0].arg, "home.apply");
  EXPECT_EQ(s[0].line, 3);
  EXPECT_EQ(s[5].kind, StepKind::wait);
  EXPECT_EQ(s[5].arg, "home");
  EXPECT_DOUBLE_EQ(s[5].seconds, 3.5);
  EXPECT_DOUBLE_EQ(s[6].seconds, 15);
  EXPECT_EQ(s[7].arg, "您好 韦秀英");
  EXPECT_EQ(s[12].points.size(), 3u);
  EXPECT_EQ(s[12].points[1], std::make_pair(100, 100));
  EXPECT_DOUBLE_EQ(s[14].seconds, 30);
}

TEST(Script, ErrorsNameTheLine) {
  for (const char* bad : {"tap\n", "jump x\n", "wait home soon\n", "stroke 1,1\n", "elderly maybe\n",
                          "shot ../x\n", "sleep -1\n", "drag 1,1 2,2 3,3\n", "expect-spoken\n"}) {
    auto r = parse_script(std::string("tap ok\n") + bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "script_syntax");
    EXPECT_NE(r.error().message.find("line 2"), std::string::npos) << r.error().message;
  }
}

TEST(Keypad, IdNumberRules) {
  std::string v;
  for (char c : std::string("45032619480315002")) ASSERT_TRUE(apply_key(v, c, KeyMode::id_number, 18));
  EXPECT_FALSE(apply_key(v, '.', KeyMode::id_number, 18));
  EXPECT_TRUE(apply_key(v, 'x', KeyMode::id_number, 18));  // normalised
  EXPECT_EQ(v, "45032619480315002X");
  EXPECT_FALSE(apply_key(v, '1', KeyMode::id_number, 18));  // full
  std::string early = "4503";
  EXPECT_FALSE(apply_key(early, 'X', KeyMode::id_number, 18)) << "X only as the 18th character";
  EXPECT_TRUE(apply_key(v, '\b', KeyMode::id_number, 18));
  EXPECT_EQ(v.size(), 17u);
  EXPECT_EQ(group_id_number("45032619480315002X"), "450326 19480315 002X");
}

TEST(Keypad, MoneyRules) {
  std::string v;
  EXPECT_FALSE(apply_key(v, '.', KeyMode::money, 9));
  for (char c : std::string("12.5")) ASSERT_TRUE(apply_key(v, c, KeyMode::money, 9));
  EXPECT_FALSE(apply_key(v, '.', KeyMode::money, 9));
  EXPECT_TRUE(apply_key(v, '0', KeyMode::money, 9));
  EXPECT_FALSE(apply_key(v, '1', KeyMode::money, 9)) << "two decimals";
  std::string z = "0";
  EXPECT_FALSE(apply_key(z, '5', KeyMode::money, 9));
  EXPECT_TRUE(apply_key(z, '.', KeyMode::money, 9));
  std::string d;
  EXPECT_FALSE(apply_key(d, 'X', KeyMode::digits, 4));
}

TEST(Theme, ElderlyModeMeetsTheAgeFriendlyRules) {
  for (bool elderly : {false, true}) {
    for (int step = -1; step <= 2; ++step) {
      Theme t = make_theme(elderly, step);
      // Every text/background pair the widgets use.
      EXPECT_GE(contrast_ratio(t.text, t.bg), 4.5);
      EXPECT_GE(contrast_ratio(t.muted, t.bg), 4.5);
      EXPECT_GE(contrast_ratio(t.primary_text, t.primary), 4.5);
      EXPECT_GE(contrast_ratio(t.primary_text, t.primary_pressed), 4.5);
      EXPECT_GE(contrast_ratio(t.text, t.secondary), 4.5);
      EXPECT_GE(contrast_ratio(t.text, t.secondary_pressed), 4.5);
      EXPECT_GE(contrast_ratio(t.text, t.selected), 4.5);
      EXPECT_GE(contrast_ratio(t.primary_text, t.danger), 4.5);
      EXPECT_GE(contrast_ratio(t.danger, t.bg), 4.5);
      EXPECT_GE(contrast_ratio(t.ok, t.bg), 4.5);
      EXPECT_GE(contrast_ratio(t.text, t.bar), 4.5);
      EXPECT_GE(contrast_ratio(Rgb{0x55, 0x55, 0x55}, Rgb{0xE0, 0xE0, 0xE0}), 4.5);  // disabled
      if (elderly) {
        EXPECT_GE(t.small, 36) << "main text ≥ 18 dp even at the smallest step";
        EXPECT_GE(t.large, 60) << "key text ≥ 30 dp";
        EXPECT_GE(t.button_h, 150) << "targets ≥ 60 dp";
      } else {
        EXPECT_GE(t.button_h, 120);
      }
    }
  }
  EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
}

TEST(Options, DefaultsAndErrors) {
  auto o = parse_options({"--devices", "sim", "--elderly", "--data-dir", "/tmp/x", "--idle-seconds", "3"});
  ASSERT_TRUE(o.ok());
  EXPECT_TRUE(o->elderly);
  EXPECT_DOUBLE_EQ(o->idle_seconds, 3);
  EXPECT_EQ(o->token_file, "/tmp/x/kiosk.token");
  EXPECT_FALSE(parse_options({"--devices", "fake"}).ok());
  EXPECT_FALSE(parse_options({"--bogus"}).ok());
  EXPECT_FALSE(parse_options({"--script"}).ok());
  EXPECT_FALSE(parse_options({"--township", "123"}).ok());
  auto b = parse_options({"--backoff", "0.1,2"});
  ASSERT_TRUE(b.ok());
  EXPECT_DOUBLE_EQ(b->backoff_max, 2);
}

TEST(Utf8, CharacterWiseEditing) {
  std::string s = "韦秀英";
  EXPECT_EQ(utf8::length(s), 3u);
  utf8::pop_back(s);
  EXPECT_EQ(s, "韦秀");
  EXPECT_EQ(utf8::decode_lossy("a韦").size(), 2u);
  EXPECT_EQ(utf8::decode_lossy("\xff")[0], 0xFFFDu);
  EXPECT_EQ(utf8::encode(U'英'), "英");
}

TEST(Session, WipeClearsEverythingAndDeletesScans) {
  char tmpl[] = "/tmp/kiosk-session-XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  Session s;
  s.temp_dir = dir + "/session";
  std::filesystem::create_directories(s.temp_dir);
  std::ofstream(s.temp_dir + "/scan.png") << "secret page";
  s.user = Person{"450326194803150021", "韦秀英", "female", "壮", "1948-03-15", "下村屯12号", true};
  s.members.push_back({*s.user, jiuzhu::model::Relation::self, 300.0, true});
  s.statement = "生病住院";
  s.documents.push_back({"hukou_booklet", {1, 2, 3}, "abc"});
  s.phone = "13800000000";
  s.wipe();
  EXPECT_FALSE(s.user.has_value());
  EXPECT_TRUE(s.members.empty());
  EXPECT_TRUE(s.statement.empty());
  EXPECT_TRUE(s.documents.empty());
  EXPECT_TRUE(s.phone.empty());
  EXPECT_FALSE(std::filesystem::exists(dir + "/session/scan.png"));
  EXPECT_EQ(s.temp_dir, dir + "/session") << "the temp dir setting survives";
  std::filesystem::remove_all(dir);
  std::string w = "秘密";
  wipe_string(w);
  EXPECT_TRUE(w.empty());
}

TEST(Session, ApplicationFromSession) {
  Session s;
  s.user = Person{"450326194803150021", "韦秀英", "female", "壮", "1948-03-15", "下村屯12号", true};
  s.programs = {"dibao"};
  s.members.push_back({*s.user, jiuzhu::model::Relation::self, 300.0, true});
  s.client_id = "c-1";
  s.statement = "生病";
  s.rural = true;
  auto a = s.to_application("450326101", "2026-11-24T10:00:00+08:00");
  EXPECT_EQ(a.applicant.name, "韦秀英");
  EXPECT_TRUE(a.applicant.card_read);
  EXPECT_FALSE(a.proxy.has_value());
  EXPECT_TRUE(a.consent.verification_authorized);
  ASSERT_EQ(a.household.members.size(), 1u);
  EXPECT_EQ(*a.household.members[0].monthly_income, 300.0);
  // 代人申请: the card holder becomes the proxy, the typed person the applicant.
  s.applicant = Person{"11010519491231002X", "张三", "female", "", "1949-12-31", "", false};
  s.proxy_relation = "child";
  auto p = s.to_application("450326101", "2026-11-24T10:00:00+08:00");
  ASSERT_TRUE(p.proxy.has_value());
  EXPECT_EQ(p.proxy->name, "韦秀英");
  EXPECT_EQ(p.applicant.id_number, "11010519491231002X");
  EXPECT_FALSE(p.applicant.card_read);
}

TEST(Strings, FillAndMissingKeys) {
  auto s = Strings::parse(R"({"a": "第{0}步，共{1}步", "b": "x"})");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->format("a", {"3", "8"}), "第3步，共8步");
  EXPECT_EQ(s->get("nope"), "nope");
  EXPECT_EQ(s->missing().count("nope"), 1u);
  EXPECT_FALSE(Strings::parse(R"({"a": 1})").ok());
  EXPECT_FALSE(Strings::parse("[").ok());
}

TEST(Stats, Percentiles) {
  std::vector<double> v{5, 1, 4, 2, 3};
  EXPECT_DOUBLE_EQ(percentile(v, 50), 3);
  EXPECT_DOUBLE_EQ(percentile(v, 100), 5);
  EXPECT_DOUBLE_EQ(percentile({}, 50), 0);
  EXPECT_GT(peak_rss_mb(), 0);
}

TEST(Sync, BackendDownKeepsItemsAndReportsOffline) {
  char tmpl[] = "/tmp/kiosk-sync-XXXXXX";
  std::string dir = ::mkdtemp(tmpl);
  auto key = load_or_create_key(dir);
  auto ob = Outbox::open(dir + "/outbox", *key);
  ASSERT_TRUE(ob.ok());
  ASSERT_TRUE((*ob)->enqueue("application", "keep-me", "", {{"a", 1}}, {}).ok());
  BackendConfig cfg;
  cfg.port = 9;  // discard port: nothing listens, connection refused
  cfg.timeout_ms = 500;
  SyncWorker sync(**ob, cfg, 0.01, 0.05);
  EXPECT_FALSE(sync.run_once());
  EXPECT_FALSE(sync.status().online);
  EXPECT_EQ(sync.status().last_error, "network_error");
  EXPECT_EQ((*ob)->pending().size(), 1u) << "never dropped while offline";
  std::filesystem::remove_all(dir);
}

#include <thread>

#include "kiosk/ui/handwriting.h"

TEST(Handwriting, ZinniaRecognisesSimpleCharacters) {
  HandwritingBoard hw;
  hw.set_model("/usr/share/tegaki/models/zinnia/handwriting-zh_CN.model");
  EXPECT_FALSE(hw.loading()) << "nothing is loaded before a board needs it";
  hw.load_async();
  for (int i = 0; i < 200 && !hw.ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ASSERT_TRUE(hw.ready()) << "model did not load";
  auto has = [](const std::vector<std::string>& v, const std::string& c) {
    return std::find(v.begin(), v.end(), c) != v.end();
  };
  // 一: one horizontal stroke.
  auto one = hw.classify({{{30, 150}, {150, 148}, {270, 150}}}, 300, 300, 5);
  EXPECT_TRUE(has(one, "一")) << (one.empty() ? "" : one[0]);
  // 十: horizontal, then vertical.
  auto ten = hw.classify({{{40, 140}, {260, 140}}, {{150, 30}, {150, 270}}}, 300, 300, 5);
  EXPECT_TRUE(has(ten, "十")) << (ten.empty() ? "" : ten[0]);
  EXPECT_TRUE(hw.classify({}, 300, 300, 5).empty());
  // Unloaded (session end): nothing is recognised until it is loaded again.
  hw.unload();
  EXPECT_FALSE(hw.ready());
  EXPECT_TRUE(hw.classify({{{30, 150}, {150, 148}, {270, 150}}}, 300, 300, 5).empty());
  hw.load_async();
  for (int i = 0; i < 200 && !hw.ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_TRUE(has(hw.classify({{{30, 150}, {150, 148}, {270, 150}}}, 300, 300, 5), "一"));
}

#include "kiosk/text/wording.h"

TEST(Wording, DueDatesInAProvisionalYearAreMarked) {
  auto cal = jiuzhu::WorkingCalendar::parse_csv("years,2026-2027\nprovisional,2027\n2026-10-01,holiday,国庆节\n2027-01-01,holiday,元旦\n");
  ASSERT_TRUE(cal.ok()) << cal.error().message;
  EXPECT_TRUE(due_date_provisional("2027-01-15", *cal));
  EXPECT_FALSE(due_date_provisional("2026-12-30", *cal));
  EXPECT_FALSE(due_date_provisional("not a date", *cal));
  EXPECT_FALSE(due_date_provisional("", *cal));
}

TEST(Keypad, KeysAreReadBackAndIdNumbersOnlyMasked) {
  std::string v;
  ASSERT_TRUE(apply_key(v, '4', KeyMode::id_number, 18));
  EXPECT_EQ(spoken_key(v, '4', KeyMode::id_number, false), "四");
  v = "450326";
  ASSERT_TRUE(apply_key(v, '1', KeyMode::id_number, 18));
  EXPECT_EQ(spoken_key(v, '1', KeyMode::id_number, false), "第7位");  // the birth date is not read out
  v = "45032619480315002";
  ASSERT_TRUE(apply_key(v, 'X', KeyMode::id_number, 18));
  EXPECT_EQ(spoken_key(v, 'X', KeyMode::id_number, false), "叉");
  EXPECT_EQ(spoken_key("12.", '.', KeyMode::money, false), "点");
  EXPECT_EQ(spoken_key("1234", '4', KeyMode::digits, true), "已输入4位");  // a PIN: only its length
  EXPECT_EQ(spoken_key("12", '\b', KeyMode::digits, false), "删掉一位");
}
