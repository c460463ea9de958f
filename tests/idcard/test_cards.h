// Shared helpers for the ID card tests: the sample cards from assets/cards.
#pragma once

#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "core/regions.h"
#include "peripherals/idcard/card.h"

namespace jiuzhu::idcard::testing {

inline Card sample_card(const std::string& file) {
  std::ifstream in(assets_dir() + "/cards/" + file);
  EXPECT_TRUE(in) << file;
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  auto card = card_from_json(nlohmann::json::parse(text));
  EXPECT_TRUE(card.ok()) << file << ": " << (card.ok() ? "" : card.error().message);
  return card.ok() ? *card : Card{};
}

inline std::string read_text_file(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

}  // namespace jiuzhu::idcard::testing
