// The shipped strings file covers every key the screens build at run time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/regions.h"
#include "kiosk/flow/flow.h"
#include "core/intake/answers.h"
#include "core/intake/receipt.h"
#include "core/policy/catalog.h"
#include "core/policy/county_params.h"
#include "core/policy/engine.h"
#include "kiosk/text/strings.h"
#include "kiosk/text/device_state.h"
#include "kiosk/text/wording.h"

using namespace jiuzhu::kiosk;

TEST(ShippedStrings, CoverDynamicKeys) {
  auto s = Strings::load(jiuzhu::assets_dir() + "/strings/zh-CN.json");
  ASSERT_TRUE(s.ok()) << s.error().message;
  for (int i = 0; i <= static_cast<int>(Screen::out_of_service); ++i)
    EXPECT_TRUE(s->has(std::string("speak.") + screen_name(static_cast<Screen>(i)))) << i;
  for (const char* code : {"wrong_length", "bad_character", "unknown_region", "impossible_birth_date",
                           "future_birth_date", "bad_check_character"})
    EXPECT_TRUE(s->has(std::string("id_error.") + code)) << code;
  for (const char* v : {"likely_eligible", "needs_review", "not_eligible"})
    EXPECT_TRUE(s->has(std::string("verdict.") + v));
  for (int i = 1; i <= 8; ++i) {
    EXPECT_TRUE(s->has("check.q" + std::to_string(i)));
    EXPECT_TRUE(s->has("check.q" + std::to_string(i) + "_hint"));
    EXPECT_TRUE(s->has("situation.phrase" + std::to_string(i)));
  }
  for (int i = 1; i <= 5; ++i) EXPECT_TRUE(s->has("assets.q" + std::to_string(i) + "_hint"));
  // Every program of the policy catalog has a short label.
  std::ifstream in(jiuzhu::assets_dir() + "/policies/catalog.json");
  auto cat = nlohmann::json::parse(in, nullptr, false);
  ASSERT_TRUE(cat.is_object());
  for (const auto& f : cat["programs"]) {
    std::string id = f.get<std::string>();
    id = id.substr(0, id.size() - 5);
    EXPECT_TRUE(s->has("program." + id)) << id;
  }
}

// The self-check result in plain words, from the real engine's JSON for a household the test
// describes (the engine and catalog are core's; the summary is the kiosk's).
TEST(Wording, ResultLeadsWithTheVerdictAndKeepsTheTraceForWhy) {
  auto catalog = jiuzhu::policy::Catalog::load_builtin();
  ASSERT_TRUE(catalog.ok());
  auto params = jiuzhu::policy::CountyParams::load_county(*catalog, "450326");
  ASSERT_TRUE(params.ok());
  jiuzhu::intake::SelfCheckAnswers a;
  a.rural = true;
  a.household_size = 2;
  a.household_income = 300;
  a.deposits = 1000;
  a.has_vehicle = false;
  a.extra_housing = false;
  auto h = jiuzhu::intake::household_from_answers(a, "450326194803150021", jiuzhu::Date(2026, 11, 24));
  auto r = jiuzhu::policy::evaluate(*catalog, *params, h, jiuzhu::Date(2026, 11, 24));
  auto sum = summarise_result(r.to_json());
  ASSERT_FALSE(sum.items.empty());
  bool dibao = false;
  for (size_t i = 0; i < sum.items.size(); ++i) {
    const auto& item = sum.items[i];
    if (i > 0 && item.likely) {
      EXPECT_TRUE(sum.items[i - 1].likely);  // likely ones first
    }
    EXPECT_FALSE(item.reasons.empty());  // 为什么 has the trace
    if (!item.likely) {
      EXPECT_FALSE(item.main_reason.empty());  // and says what is still open
    }
    if (item.program == "dibao") dibao = true;
  }
  EXPECT_TRUE(dibao);
  EXPECT_TRUE(summarise_result(nlohmann::json()).items.empty());
}

// The receipt and the progress screen use the same words for the lookup.
TEST(Wording, ProgressLookupSaysTheSameOnPaperAndScreen) {
  auto strings = Strings::load(jiuzhu::assets_dir() + "/strings/zh-CN.json");
  ASSERT_TRUE(strings.ok());
  const std::string paper = jiuzhu::intake::kProgressLookup;
  for (const char* key : {"progress.qr_prompt", "progress.number_prompt"}) {
    std::string words = strings->get(key);
    words = words.substr(0, words.rfind("："));
    for (const char* lead : {"或者"}) if (words.rfind(lead, 0) == 0) words = words.substr(std::string(lead).size());
    EXPECT_NE(paper.find(words), std::string::npos) << key << ": " << words;
  }
}

// The hall staff's device screen says each device's state in words, never as a bare code.
TEST(DeviceStateWords, EveryCodeTheDevicesReportReadsAsChinese) {
  auto s = Strings::load(jiuzhu::assets_dir() + "/strings/zh-CN.json");
  ASSERT_TRUE(s.ok()) << s.error().message;
  auto has_han = [](const std::string& t) {
    for (unsigned char ch : t)
      if (ch >= 0xE4 && ch <= 0xE9) return true;  // lead byte of a CJK ideograph in UTF-8
    return false;
  };
  // Codes of kiosk/devices (card worker, printer, speech), printing::to_string(PrinterState),
  // the self-test's outbox and network probes, and peripherals/idcard's reader errors.
  for (const char* code :
       {"ok", "ready", "real", "sim", "error", "offline", "out_of_paper", "no_printer", "no_audio_device",
        "network_error", "storage_error", "reader_open", "reader_timeout", "reader_io", "reader_self_test_failed",
        "reader_not_authorized", "unsupported_card", "card_read_failed"}) {
    EXPECT_TRUE(s->has(std::string("staff.state.") + code)) << code;
    const std::string words = device_state_words(*s, code);
    EXPECT_TRUE(has_han(words)) << code << " → " << words;
    EXPECT_EQ(words.find(code), std::string::npos) << code << " → " << words;
  }
  // A code without its own words still says which part is at fault, and keeps the code for IT.
  EXPECT_EQ(device_state_words(*s, "http_503"), "服务器回应异常（503）");
  EXPECT_EQ(device_state_words(*s, "frame_checksum"), "读卡器出错（frame_checksum），请检查连线");
  EXPECT_EQ(device_state_words(*s, "card_data_invalid"), "上次读卡出错（card_data_invalid）");
  EXPECT_EQ(device_state_words(*s, "cups_unreachable"), "打印机出错（cups_unreachable），请联系县里管理员");
  EXPECT_EQ(device_state_words(*s, "something_new"), "异常（something_new），请联系县里管理员");
  EXPECT_EQ(device_state_words(*s, ""), "异常（?），请联系县里管理员");
  EXPECT_TRUE(s->missing().empty());
}
