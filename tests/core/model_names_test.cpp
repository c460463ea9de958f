// The names the contracts give a channel: one table in core/model, read back from what it
// writes, carried in JSON by name.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/model/channel.h"

using namespace jiuzhu::model;

// The channel, typed in the records, goes out in JSON by its name and reads back from it.
TEST(Channel, NamesRoundTripAndJsonCarriesTheName) {
  for (auto c : {Channel::kiosk, Channel::hall, Channel::online, Channel::visit}) {
    EXPECT_EQ(parse_channel(to_string(c)), c);
    nlohmann::json j = c;
    ASSERT_TRUE(j.is_string()) << j.dump();
    EXPECT_EQ(j.get<std::string>(), to_string(c));
  }
  EXPECT_EQ(parse_channel("mail"), std::nullopt);
  EXPECT_EQ(parse_channel(""), std::nullopt);
}
