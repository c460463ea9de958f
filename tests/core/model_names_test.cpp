// The names the contracts give a channel and a role: one table each in core/model (looked up by
// core/enum_names.h), read back from what they write, carried in JSON by name.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/enum_names.h"
#include "core/model/channel.h"
#include "core/model/role.h"

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

// Every staff role reads back from its name; JSON carries the name, as api.md's table spells it.
TEST(Role, StaffNamesRoundTripAndJsonCarriesTheName) {
  const std::pair<Role, const char*> staff[] = {{Role::hall_staff, "hall_staff"},
                                                {Role::caseworker, "caseworker"},
                                                {Role::county_admin, "county_admin"},
                                                {Role::department, "department"},
                                                {Role::province_admin, "province_admin"}};
  for (const auto& [r, name] : staff) {
    EXPECT_STREQ(to_string(r), name);
    EXPECT_EQ(parse_staff_role(name), r);
    nlohmann::json j = r;
    ASSERT_TRUE(j.is_string()) << j.dump();
    EXPECT_EQ(j.get<std::string>(), name);
  }
}

// No account holds "kiosk" or "none", and a near miss is no role either.
TEST(Role, KioskNoneAndUnknownNamesAreNoStaffRole) {
  EXPECT_STREQ(to_string(Role::kiosk), "kiosk");
  EXPECT_STREQ(to_string(Role::none), "none");
  for (const char* name : {"kiosk", "none", "", "admin", "Caseworker", "caseworker "}) {
    EXPECT_EQ(parse_staff_role(name), std::nullopt) << name;
  }
}

// The lookups both ways over one table; a value the table lacks gets the caller's fallback.
TEST(EnumNames, BothWaysExactlyAndTheFallback) {
  enum class Colour { red, green, blue };
  constexpr jiuzhu::EnumNames<Colour, 2> names = {{{Colour::red, "red"}, {Colour::green, "green"}}};
  static_assert(jiuzhu::value_in(names, "green") == Colour::green);
  EXPECT_STREQ(jiuzhu::name_in(names, Colour::red, "?"), "red");
  EXPECT_STREQ(jiuzhu::name_in(names, Colour::blue, "?"), "?");
  EXPECT_EQ(jiuzhu::value_in(names, "Red"), std::nullopt);
  EXPECT_EQ(jiuzhu::value_in(names, "blue"), std::nullopt);
  EXPECT_EQ(jiuzhu::value_in(names, ""), std::nullopt);
}
