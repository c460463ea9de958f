// The shipped strings file covers every key the screens build at run time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/regions.h"
#include "kiosk/flow/flow.h"
#include "kiosk/text/strings.h"

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
